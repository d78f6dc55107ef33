import { lazy, Suspense, useEffect, useState } from "react";
import { api, ApiError, callerMay, Endpoint, messageOf } from "../api";
import { Breadcrumb } from "../components/Breadcrumb";
import { CopyButton } from "../components/CopyButton";
import { EndpointEditor, failedAsDeleted } from "../components/EndpointEditor";
import { EndpointName } from "../components/EndpointName";
import { EmptyState, ErrorMessage, Loading } from "../components/States";
import { PermissionsPanel } from "../components/PermissionsPanel";
import { RateLimitsPanel } from "../components/RateLimitsPanel";
import { RetrySettings } from "../components/RetrySettings";
import { TargetCards } from "../components/TargetCards";
import { TryItPanel } from "../components/TryItPanel";
import { example } from "../examples";
import { formatDate } from "../format";
import { gatewayBaseUrl, links, navigate, parseRoute } from "../router";
import { useSession } from "../session";
import { parseUsageQuery, usageSearch } from "../usage";
import { useLoad } from "../useLoad";
import { useUnsavedGuard } from "../useUnsavedGuard";

// #/gateway/endpoints/<id>: the endpoint's name, its current targets, the traffic split and
// fallback editors (saved together with one endpoints/update), its retries and rate limits, a Try
// it panel and a usage snippet;
// and a Usage tab (#/gateway/endpoints/<id>?tab=usage) with the endpoint's own usage.
// The caller is offered only what their level allows: EDIT to rename and edit, USE to try it.

export function EndpointDetailsPage(props: { endpointId: string; search?: string }) {
  const loaded = useLoad(
    () =>
      api.getEndpoint(props.endpointId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        if (e instanceof ApiError && e.status === 403) return "forbidden" as const;
        throw e;
      }),
    [props.endpointId],
  );
  const endpoint = loaded.data;

  if (endpoint === "forbidden") {
    return (
      <>
        <Breadcrumb />
        <EmptyState title="No access">
          You do not have access to this endpoint. Ask an admin, or someone who manages it, for a permission.{" "}
          <a href={links.endpoints}>Back to endpoints</a>
        </EmptyState>
      </>
    );
  }
  if (loaded.loading && endpoint === undefined) return <Loading label="Loading endpoint…" />;
  if (loaded.error && !endpoint) {
    return (
      <>
        <Breadcrumb />
        <ErrorMessage
          message={"The endpoint could not be loaded: " + loaded.error}
          onRetry={loaded.reload}
          retry={loaded.retrying}
        />
      </>
    );
  }
  if (!endpoint) {
    return (
      <>
        <Breadcrumb />
        <EmptyState title="Endpoint not found">
          No endpoint has the id {props.endpointId}; it may have been deleted.{" "}
          <a href={links.endpoints}>Back to endpoints</a>
        </EmptyState>
      </>
    );
  }
  return <EndpointDetails endpoint={endpoint} search={props.search ?? ""} onChange={(e) => loaded.setData(e)} />;
}

/** What a page whose endpoint was deleted elsewhere can still do: say so, and what it left (if anything). */
interface Gone {
  left: string[];
}

function EndpointDetails(props: { endpoint: Endpoint; search: string; onChange: (e: Endpoint) => void }) {
  const { endpoint } = props;
  const canEdit = callerMay(endpoint, "EDIT");
  const tab: DetailsTab = new URLSearchParams(props.search).get("tab") === "usage" ? "usage" : "overview";
  const [editorDirty, setEditorDirty] = useState(false);
  const [retriesDirty, setRetriesDirty] = useState(false);
  const [nameDirty, setNameDirty] = useState(false);
  const [gone, setGone] = useState<Gone>();
  // Leaving with unsaved edits asks first; the Overview and Usage tabs are one page.
  const guard = useUnsavedGuard((editorDirty || nameDirty || retriesDirty) && !gone, (hash) => {
    const route = parseRoute(hash);
    return route.page === "endpoint" && route.id === endpoint.endpoint_id;
  });
  const onGone = (left: string[] = []) => setGone({ left });
  return (
    <div className="details-page">
      <Breadcrumb current={endpoint.name} />
      <EndpointName
        endpoint={endpoint}
        onRenamed={props.onChange}
        canRename={canEdit}
        onDirty={setNameDirty}
        onGone={onGone}
        gone={!!gone}
      />
      <p className="details-meta muted">
        Created {formatDate(endpoint.created_at)} · Last modified {formatDate(endpoint.last_updated_at)}
      </p>
      {gone && <DeletedElsewhere gone={gone} />}
      <DetailsTabs endpointId={endpoint.endpoint_id} selected={tab} />
      {tab === "usage" && (
        <div role="tabpanel" id="details-panel-usage" aria-labelledby="details-tab-usage">
          <EndpointUsage
            endpoint={endpoint}
            search={props.search}
            canEdit={canEdit && !gone}
            onChange={props.onChange}
            onGone={onGone}
          />
        </div>
      )}
      {/* Kept mounted while the Usage tab shows, so unsaved edits survive a look at the usage. */}
      <div role="tabpanel" id="details-panel-overview" aria-labelledby="details-tab-overview" hidden={tab !== "overview"}>
        <EndpointOverview
          endpoint={endpoint}
          onChange={props.onChange}
          canEdit={canEdit}
          onDirty={setEditorDirty}
          onRetriesDirty={setRetriesDirty}
          onGone={onGone}
          gone={!!gone}
        />
      </div>
      {guard.dialog}
    </div>
  );
}

/** The endpoint was deleted in another tab or by another user while this page was open. */
function DeletedElsewhere(props: { gone: Gone }) {
  const { left } = props.gone;
  return (
    <div className="error-message details-gone" role="alert">
      <span>
        This endpoint was deleted (in another tab or by another user), so your changes were not saved.{" "}
        {left.length === 0
          ? "Nothing from this save was kept."
          : `These were created by this save and could not be removed: ${left.join(", ")}.`}{" "}
        <a href={links.endpoints}>Back to endpoints</a>
      </span>
    </div>
  );
}

// The Usage tab brings the chart library: loaded when first opened.
const UsageDashboard = lazy(() =>
  import("../components/UsageDashboard").then((m) => ({ default: m.UsageDashboard })),
);

type DetailsTab = "overview" | "usage";

const DETAILS_TABS: { id: DetailsTab; label: string }[] = [
  { id: "overview", label: "Overview" },
  { id: "usage", label: "Usage" },
];

/** Overview (targets, editing, Try it, permissions) and Usage; the tab is kept in the URL (?tab=usage). */
function DetailsTabs(props: { endpointId: string; selected: DetailsTab }) {
  const go = (id: DetailsTab) => navigate(links.endpoint(props.endpointId, id === "usage" ? "tab=usage" : ""));
  return (
    <div
      role="tablist"
      aria-label="Endpoint sections"
      className="list-tabs details-tabs"
      onKeyDown={(e) => {
        if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
        e.preventDefault();
        const next = props.selected === "overview" ? "usage" : "overview";
        go(next);
        document.getElementById("details-tab-" + next)?.focus();
      }}
    >
      {DETAILS_TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={"details-tab-" + t.id}
          aria-selected={t.id === props.selected}
          aria-controls={"details-panel-" + t.id}
          tabIndex={t.id === props.selected ? 0 : -1}
          onClick={() => t.id !== props.selected && go(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The endpoint's own usage: the Usage page's figures, charts and calls, scoped to it. */
function EndpointUsage(props: {
  endpoint: Endpoint;
  search: string;
  canEdit: boolean;
  onChange: (e: Endpoint) => void;
  onGone: () => void;
}) {
  const { endpoint } = props;
  const query = parseUsageQuery(props.search);
  return (
    <>
      <UsageTrackingSwitch endpoint={endpoint} canEdit={props.canEdit} onChange={props.onChange} onGone={props.onGone} />
      {endpoint.usage_tracking === false && (
        <p className="note" role="note">
          Usage tracking is off for this endpoint: its calls are not recorded.
        </p>
      )}
      <Suspense fallback={<Loading label="Loading usage…" />}>
        <UsageDashboard
          query={query}
          endpoint={{ id: endpoint.endpoint_id, name: endpoint.name }}
          onChange={(q) => navigate(links.endpoint(endpoint.endpoint_id, usageSearch(q, { tab: "usage" })))}
        />
      </Suspense>
    </>
  );
}

/**
 * Whether the endpoint's calls are recorded (MLflow's "Enable usage tracking"), saved at once with
 * endpoints/update; shown to those who may edit the endpoint.
 */
function UsageTrackingSwitch(props: {
  endpoint: Endpoint;
  canEdit: boolean;
  onChange: (e: Endpoint) => void;
  onGone: () => void;
}) {
  const saved = props.endpoint.usage_tracking !== false;
  // Shown switched at once; put back if the save fails.
  const [on, setOn] = useState(saved);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setOn(saved), [saved]);
  if (!props.canEdit) return null;
  async function toggle() {
    const next = !on;
    setOn(next);
    setSaving(true);
    setError(null);
    try {
      props.onChange(await api.updateEndpoint({ endpoint_id: props.endpoint.endpoint_id, usage_tracking: next }));
    } catch (e) {
      setOn(!next);
      if (await failedAsDeleted(e, props.endpoint.endpoint_id)) props.onGone();
      else setError("Usage tracking could not be changed: " + messageOf(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <div className="usage-tracking">
      <label>
        <input type="checkbox" checked={on} disabled={saving} onChange={toggle} /> Record this endpoint's calls (usage
        tracking)
      </label>
      {error && <ErrorMessage message={error} />}
    </div>
  );
}

function EndpointOverview(props: {
  endpoint: Endpoint;
  onChange: (e: Endpoint) => void;
  canEdit: boolean;
  onDirty: (dirty: boolean) => void;
  onRetriesDirty: (dirty: boolean) => void;
  onGone: (left: string[]) => void;
  gone: boolean;
}) {
  const { endpoint, canEdit } = props;
  return (
    <>
      <TargetCards endpoint={endpoint} />
      {canEdit ? (
        <EndpointEditor
          endpoint={endpoint}
          onSaved={props.onChange}
          onDirty={props.onDirty}
          onGone={props.onGone}
          gone={props.gone}
        />
      ) : (
        <p className="note" role="note">
          {callerMay(endpoint, "USE") ? "You can use this endpoint" : "You can see this endpoint"}; ask its manager to
          change it.
        </p>
      )}
      <RetrySettings
        endpoint={endpoint}
        canEdit={canEdit && !props.gone}
        onChange={props.onChange}
        onGone={() => props.onGone([])}
        onDirty={props.onRetriesDirty}
      />
      <RateLimitsPanel endpointId={endpoint.endpoint_id} endpointName={endpoint.name} />
      <div className="details-bottom">
        {callerMay(endpoint, "USE") && <TryItPanel endpoint={endpoint} />}
        <UseSnippet name={endpoint.name} />
      </div>
      <PermissionsPanel endpointId={endpoint.endpoint_id} endpointName={endpoint.name} />
    </>
  );
}

// ---- How to call it ----

function UseSnippet(props: { name: string }) {
  const { authEnabled } = useSession();
  const shown = example(gatewayBaseUrl(), props.name, "invocations", authEnabled);
  const curl = (shown.keySetup ? shown.keySetup + "  # a gateway key that may use this endpoint\n" : "") + shown.code.curl.code;
  return (
    <section className="card details-use" aria-labelledby="details-use-title">
      <div className="details-use-header">
        <h3 id="details-use-title">Use this endpoint</h3>
        <CopyButton text={curl} label="Copy curl command" />
      </div>
      <p className="muted">
        Any OpenAI-style chat request works on the unified route. The OpenAI, Anthropic and Gemini SDKs can call it
        too, with <code>model</code> set to <code>{props.name}</code>
        {authEnabled ? (
          <>
            {" "}
            and a gateway key (<a href={links.gatewayKeys}>Gateway keys</a>) as their API key.
          </>
        ) : (
          "."
        )}
      </p>
      <pre className="code">{curl}</pre>
    </section>
  );
}
