import { lazy, ReactNode, Suspense, useEffect, useMemo, useRef, useState } from "react";
import {
  api,
  ApiError,
  callerMay,
  Endpoint,
  fallbacks,
  Mapping,
  messageOf,
  ModelConfig,
  ModelDefinition,
  percentages,
  primaries,
  uniqueDefinitionName,
} from "../api";
import { useProviders } from "../catalog";
import { createSecretFromDraft } from "../components/ApiKeyConfigurator";
import { Breadcrumb } from "../components/Breadcrumb";
import { CopyButton } from "../components/CopyButton";
import { FallbackDraft, FallbackEditor, parseMaxAttempts } from "../components/FallbackEditor";
import { Badge, EmptyState, ErrorMessage, Loading } from "../components/States";
import { isUnchanged, targetIdentity, targetProblem, TargetDraft, useSecrets } from "../components/TargetFields";
import { parsePercent, splitTotal, TrafficSplitEditor } from "../components/TrafficSplitEditor";
import { PermissionsPanel } from "../components/PermissionsPanel";
import { TryItPanel } from "../components/TryItPanel";
import { example } from "../examples";
import { endpointNameError, formatDate } from "../format";
import { gatewayBaseUrl, links, navigate } from "../router";
import { useSession } from "../session";
import { parseUsageQuery, usageSearch } from "../usage";
import { useLoad } from "../useLoad";

// #/gateway/endpoints/<id>: the endpoint's name, its current targets, the traffic split and
// fallback editors (saved together with one endpoints/update), a Try it panel and a usage snippet;
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
        <ErrorMessage message={"The endpoint could not be loaded: " + loaded.error} onRetry={loaded.reload} />
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

function EndpointDetails(props: { endpoint: Endpoint; search: string; onChange: (e: Endpoint) => void }) {
  const { endpoint } = props;
  const canEdit = callerMay(endpoint, "EDIT");
  const tab: DetailsTab = new URLSearchParams(props.search).get("tab") === "usage" ? "usage" : "overview";
  return (
    <div className="details-page">
      <Breadcrumb current={endpoint.name} />
      <NameHeader endpoint={endpoint} onRenamed={props.onChange} canRename={canEdit} />
      <p className="details-meta muted">
        Created {formatDate(endpoint.created_at)} · Last modified {formatDate(endpoint.last_updated_at)}
      </p>
      <DetailsTabs endpointId={endpoint.endpoint_id} selected={tab} />
      {tab === "usage" && (
        <div role="tabpanel" id="details-panel-usage" aria-labelledby="details-tab-usage">
          <EndpointUsage endpoint={endpoint} search={props.search} canEdit={canEdit} onChange={props.onChange} />
        </div>
      )}
      {/* Kept mounted while the Usage tab shows, so unsaved edits survive a look at the usage. */}
      <div role="tabpanel" id="details-panel-overview" aria-labelledby="details-tab-overview" hidden={tab !== "overview"}>
        <EndpointOverview endpoint={endpoint} onChange={props.onChange} canEdit={canEdit} />
      </div>
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
function EndpointUsage(props: { endpoint: Endpoint; search: string; canEdit: boolean; onChange: (e: Endpoint) => void }) {
  const { endpoint } = props;
  const query = parseUsageQuery(props.search);
  return (
    <>
      <UsageTrackingSwitch endpoint={endpoint} canEdit={props.canEdit} onChange={props.onChange} />
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
function UsageTrackingSwitch(props: { endpoint: Endpoint; canEdit: boolean; onChange: (e: Endpoint) => void }) {
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
      setError("Usage tracking could not be changed: " + messageOf(e));
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

function EndpointOverview(props: { endpoint: Endpoint; onChange: (e: Endpoint) => void; canEdit: boolean }) {
  const { endpoint, canEdit } = props;
  return (
    <>
      <TargetCards endpoint={endpoint} />
      {canEdit ? (
        <EndpointEditor endpoint={endpoint} onSaved={props.onChange} />
      ) : (
        <p className="note" role="note">
          {callerMay(endpoint, "USE") ? "You can use this endpoint" : "You can see this endpoint"}; ask its manager to
          change it.
        </p>
      )}
      <div className="details-bottom">
        {callerMay(endpoint, "USE") && <TryItPanel endpointId={endpoint.endpoint_id} endpointName={endpoint.name} />}
        <UseSnippet name={endpoint.name} />
      </div>
      <PermissionsPanel endpointId={endpoint.endpoint_id} endpointName={endpoint.name} />
    </>
  );
}

// ---- Name ----

function NameHeader(props: { endpoint: Endpoint; onRenamed: (e: Endpoint) => void; canRename: boolean }) {
  const { endpoint } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(endpoint.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const trimmed = name.trim();
  const problem = endpointNameError(trimmed);

  async function save() {
    if (problem || busy) return;
    if (trimmed === endpoint.name) {
      setEditing(false);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.updateEndpoint({ endpoint_id: endpoint.endpoint_id, name: trimmed });
      props.onRenamed(updated);
      setNotice(`Renamed. Callers now use /gateway/${updated.name}/…; the old path answers 404.`);
      setEditing(false);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <div className="page-header details-header">
        <div className="details-title">
          <h2>{endpoint.name}</h2>
          {props.canRename && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                setName(endpoint.name);
                setError(undefined);
                setNotice(undefined);
                setEditing(true);
              }}
            >
              Rename
            </button>
          )}
        </div>
        {notice && (
          <span className="details-success" role="status">
            {notice}
          </span>
        )}
      </div>
    );
  }
  return (
    <form
      className="details-rename"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") setEditing(false);
      }}
    >
      <div className="field">
        <label htmlFor="details-name">Endpoint name</label>
        <div className="details-rename-row">
          <input
            id="details-name"
            className="input"
            value={name}
            autoFocus
            maxLength={200}
            aria-invalid={problem ? true : undefined}
            aria-describedby="details-name-hint"
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button primary" disabled={!!problem || busy}>
            {busy ? "Saving…" : "Save name"}
          </button>
          <button type="button" className="button" onClick={() => setEditing(false)} disabled={busy}>
            Cancel
          </button>
        </div>
        {problem ? (
          <span id="details-name-hint" className="field-error">
            {problem}
          </span>
        ) : (
          <span id="details-name-hint" className="hint">
            The invocation path becomes <code>/gateway/{trimmed}/…</code>
            {trimmed !== endpoint.name && <>; callers using /gateway/{endpoint.name}/… will get 404</>}.
          </span>
        )}
      </div>
      {error && <ErrorMessage message={error} />}
    </form>
  );
}

// ---- Current targets ----

function TargetCards(props: { endpoint: Endpoint }) {
  const providers = useProviders();
  const prim = primaries(props.endpoint);
  const pct = percentages(prim);
  const fb = fallbacks(props.endpoint);
  const card = (m: Mapping, label: string, title: ReactNode) => {
    const d = m.model_definition;
    return (
      <article className="details-target-card" key={m.mapping_id} aria-label={label}>
        <header>{title}</header>
        <dl>
          <div>
            <dt>Provider</dt>
            <dd>{providers?.name(d?.provider) ?? d?.provider ?? "—"}</dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd className="details-mono">{d?.model_name ?? "—"}</dd>
          </div>
          <div>
            <dt>API key</dt>
            <dd>
              {d?.secret_id ? (
                d.secret_name ?? d.secret_id
              ) : (
                <span className="details-warning">No API key (orphaned)</span>
              )}
            </dd>
          </div>
        </dl>
      </article>
    );
  };
  return (
    <section className="details-targets" aria-label="Current targets">
      {prim.map((m, i) =>
        card(
          m,
          `Primary, ${pct[i]}% of traffic`,
          <>
            <Badge tone="accent">Primary</Badge> <span>{pct[i]}% of traffic</span>
          </>,
        ),
      )}
      {fb.map((m, i) =>
        card(m, `Fallback ${i + 1}`, <Badge>Fallback {i + 1}</Badge>),
      )}
    </section>
  );
}

// ---- Editing: the draft, validation and save ----

interface Draft {
  split: TargetDraft[];
  fallback: FallbackDraft;
}

function rowFrom(m: Mapping, percent: string): TargetDraft {
  const d = m.model_definition;
  return {
    rowId: m.mapping_id,
    provider: d?.provider,
    model: d?.model_name,
    key: d?.secret_id ? { kind: "existing", secretId: d.secret_id } : undefined,
    percent,
    original: {
      definitionId: m.model_definition_id,
      provider: d?.provider,
      model: d?.model_name,
      secretId: d?.secret_id,
      secretName: d?.secret_name,
    },
  };
}

function draftFrom(endpoint: Endpoint): Draft {
  const prim = primaries(endpoint);
  const pct = percentages(prim);
  const fb = fallbacks(endpoint);
  return {
    split: prim.map((m, i) => rowFrom(m, String(pct[i]))),
    fallback: {
      rows: fb.map((m) => rowFrom(m, "")),
      maxAttempts: String(endpoint.fallback_config?.max_attempts || fb.length),
    },
  };
}

/** What a draft means, without row ids: two drafts that say the same thing compare equal. */
function meaning(d: Draft): string {
  const row = (r: TargetDraft, withPercent: boolean) => [
    r.provider ?? null,
    r.model ?? null,
    r.key ?? null,
    withPercent ? r.percent.trim() : null,
  ];
  return JSON.stringify({
    split: d.split.map((r) => row(r, true)),
    fallback: d.fallback.rows.map((r) => row(r, false)),
    max: d.fallback.rows.length > 0 ? d.fallback.maxAttempts.trim() : null,
  });
}

function duplicates(rows: TargetDraft[], noun: string): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  rows.forEach((r, i) => {
    if (targetProblem(r)) return;
    const id = targetIdentity(r);
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(`${noun} ${first + 1} and ${noun} ${i + 1} are the same model with the same API key`);
    } else seen.set(id, i);
  });
  return problems;
}

function problemsOf(d: Draft): string[] {
  const problems: string[] = [];
  d.split.forEach((r, i) => {
    const p = targetProblem(r);
    if (p) problems.push(`Model ${i + 1}: ${p}`);
    if (parsePercent(r.percent) === undefined) {
      problems.push(`Model ${i + 1}: the percentage must be a whole number from 1 to 100`);
    }
  });
  const total = splitTotal(d.split);
  if (total !== 100) problems.push(`The traffic split must total 100% (now ${total}%)`);
  problems.push(...duplicates(d.split, "Model"));
  d.fallback.rows.forEach((r, i) => {
    const p = targetProblem(r);
    if (p) problems.push(`Fallback ${i + 1}: ${p}`);
  });
  problems.push(...duplicates(d.fallback.rows, "Fallback"));
  const count = d.fallback.rows.length;
  if (count > 0 && parseMaxAttempts(d.fallback.maxAttempts, count) === undefined) {
    problems.push(`Max attempts must be from 1 to ${count}`);
  }
  const names = [...d.split, ...d.fallback.rows].flatMap((r) => (r.key?.kind === "new" ? [r.key.draft.name] : []));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) problems.push(`Two new API keys are both named "${repeated[0]}"`);
  return problems;
}

function EndpointEditor(props: { endpoint: Endpoint; onSaved: (e: Endpoint) => void }) {
  const { endpoint } = props;
  const [baseline, setBaseline] = useState(() => draftFrom(endpoint));
  const [draft, setDraft] = useState(baseline);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const allRows = [...draft.split, ...draft.fallback.rows];
  const secrets = useSecrets(allRows.map((r) => r.provider));
  const dirty = meaning(draft) !== meaning(baseline);
  const problems = useMemo(() => problemsOf(draft), [draft]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function edit(next: Draft) {
    setDraft(next);
    setSaved(false);
  }

  const draftedKeyNames = (rowId: string) =>
    allRows.flatMap((r) => (r.rowId !== rowId && r.key?.kind === "new" ? [r.key.draft.name] : []));

  /** Replaces one row's key everywhere in the live draft (after its secret was created). */
  function setRowKey(rowId: string, secretId: string) {
    const fix = (rows: TargetDraft[]) =>
      rows.map((r) => (r.rowId === rowId ? { ...r, key: { kind: "existing" as const, secretId } } : r));
    setDraft((d) => ({ split: fix(d.split), fallback: { ...d.fallback, rows: fix(d.fallback.rows) } }));
  }

  async function save() {
    if (problems.length > 0 || saving) return;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    // The editors are disabled while saving, so this snapshot is what gets saved.
    const current = draftRef.current;
    try {
      // 1. New API keys. Each created key replaces its draft at once, so a retry after a later
      //    failure reuses it instead of creating it twice.
      const keyOf = new Map<string, string>();
      for (const row of [...current.split, ...current.fallback.rows]) {
        if (row.key?.kind === "existing") keyOf.set(row.rowId, row.key.secretId);
        if (row.key?.kind !== "new" || !row.provider) continue;
        const secret = await createSecretFromDraft(row.provider, row.key.draft);
        secrets.add(row.provider, secret);
        setRowKey(row.rowId, secret.secret_id);
        keyOf.set(row.rowId, secret.secret_id);
      }

      // 2. Model definitions: the stored one when a row is unchanged, else an existing definition
      //    with the same provider, model and key, else a new one.
      let definitions: ModelDefinition[] | undefined;
      const definitionFor = async (row: TargetDraft): Promise<string> => {
        if (isUnchanged(row)) return row.original!.definitionId;
        const secretId = keyOf.get(row.rowId)!;
        definitions ??= await api.listModelDefinitions();
        const found = definitions.find(
          (d) => d.provider === row.provider && d.model_name === row.model && d.secret_id === secretId,
        );
        if (found) return found.model_definition_id;
        const created = await api.createModelDefinition({
          name: uniqueDefinitionName(endpoint.name, row.model!, new Set(definitions.map((d) => d.name))),
          secret_id: secretId,
          provider: row.provider!,
          model_name: row.model!,
        });
        definitions.push(created);
        return created.model_definition_id;
      };
      const modelConfigs: ModelConfig[] = [];
      for (const row of current.split) {
        modelConfigs.push({
          model_definition_id: await definitionFor(row),
          linkage_type: "PRIMARY",
          weight: parsePercent(row.percent)!,
        });
      }
      for (const [i, row] of current.fallback.rows.entries()) {
        modelConfigs.push({ model_definition_id: await definitionFor(row), linkage_type: "FALLBACK", fallback_order: i });
      }

      // 3. One update replaces every mapping; the gateway applies it to the next request.
      const count = current.fallback.rows.length;
      await api.updateEndpoint({
        endpoint_id: endpoint.endpoint_id,
        model_configs: modelConfigs,
        fallback_config:
          count > 0
            ? { strategy: "SEQUENTIAL", max_attempts: parseMaxAttempts(current.fallback.maxAttempts, count)! }
            : undefined,
      });

      // 4. Show what the server now has (it keeps the models in the order they were sent).
      const fresh = await api.getEndpoint(endpoint.endpoint_id);
      const next = draftFrom(fresh);
      setBaseline(next);
      setDraft(next);
      setSaved(true);
      props.onSaved(fresh);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="details-editor">
      <TrafficSplitEditor
        rows={draft.split}
        onChange={(split) => edit({ ...draft, split })}
        secrets={secrets}
        draftedKeyNames={draftedKeyNames}
        disabled={saving}
      />
      <FallbackEditor
        value={draft.fallback}
        onChange={(fallback) => edit({ ...draft, fallback })}
        secrets={secrets}
        draftedKeyNames={draftedKeyNames}
        disabled={saving}
      />
      <div className="details-savebar">
        <div className="details-savebar-status" aria-live="polite">
          {saving && <span className="muted">Saving…</span>}
          {!saving && saved && !dirty && (
            <span className="details-success" role="status">
              Saved — changes are live
            </span>
          )}
          {!saving && dirty && problems.length > 0 && (
            <span className="field-error">
              {problems[0]}
              {problems.length > 1 && ` (and ${problems.length - 1} more)`}
            </span>
          )}
          {!saving && dirty && problems.length === 0 && <span className="muted">Unsaved changes</span>}
          {!saving && !dirty && !saved && <span className="muted">No unsaved changes</span>}
        </div>
        <button
          type="button"
          className="button"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(baseline);
            setError(undefined);
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!dirty || saving || problems.length > 0}
          onClick={save}
        >
          {saving ? "Saving…" : "Save changes"}
        </button>
      </div>
      {error && <ErrorMessage message={"Not saved: " + error} />}
    </div>
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
