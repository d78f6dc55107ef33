import { useCallback, useMemo, useRef, useState } from "react";
import { api, Endpoint } from "../api";
import { useProviders } from "../catalog";
import { BulkDeleteDialog } from "../components/BulkDeleteDialog";
import { ColumnChooser, useHiddenColumns } from "../components/ColumnChooser";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { ENDPOINT_COLUMNS, EndpointsTable } from "../components/EndpointsTable";
import { ListToolbar } from "../components/ListToolbar";
import { pageCount, Pager } from "../components/Pager";
import { ProviderFilter } from "../components/ProviderFilter";
import { EmptyState, ErrorMessage, Loading } from "../components/States";
import { UsageModal } from "../components/UsageModal";
import { endpointProblems, useTargetStatuses } from "../endpointHealth";
import {
  compareNames,
  EndpointsView,
  firstDir,
  matchesProviders,
  matchesSearch,
  PAGE_SIZES,
  providersIn,
  readView,
  SortKey,
  sortEndpoints,
  writeView,
} from "../endpointsView";
import { plural, providerName } from "../format";
import { useHashParams } from "../hashQuery";
import { links } from "../router";
import { useSession } from "../session";
import { useLoad } from "../useLoad";

// The endpoints list (#/gateway): search, provider filter, "needs attention", sortable columns the
// user can hide, a page at a time, health problems flagged beside each name, "Use", delete one and
// delete several (offered only on the endpoints the caller manages). The search, filters, sort and
// page live in the URL's query, so Back (say, from an endpoint's page) and reload restore them.

export function EndpointsListPage() {
  const { isAdmin } = useSession();
  const endpoints = useLoad(() =>
    api.listEndpoints().then((list) => [...list].sort((a, b) => compareNames(a.name, b.name))),
  );
  const providers = useProviders();
  const targets = useTargetStatuses();
  const nameOf = useCallback((id: string | undefined) => providers?.name(id) ?? providerName(id), [providers]);
  const [params, setParams] = useHashParams();
  const view = readView(params);
  const [hidden, setShown] = useHiddenColumns("switchboard.endpoints.hidden-columns", ENDPOINT_COLUMNS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [using, setUsing] = useState<Endpoint>();
  const [deleting, setDeleting] = useState<Endpoint>();
  const [bulkDeleting, setBulkDeleting] = useState<Endpoint[]>();
  const [notice, setNotice] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  const all = endpoints.data;
  const problems = useMemo(
    () => new Map((all ?? []).map((e) => [e.endpoint_id, endpointProblems(e, providers, targets)])),
    [all, providers, targets],
  );
  const problemsOf = useCallback((e: Endpoint) => problems.get(e.endpoint_id) ?? [], [problems]);
  const needingAttention = useMemo(() => (all ?? []).filter((e) => problemsOf(e).length > 0).length, [all, problemsOf]);
  const providerOptions = useMemo(() => providersIn(all ?? []), [all]);
  const providersKey = view.providers.join(",");
  const chosenProviders = useMemo(
    () => providersKey.split(",").filter((p) => providerOptions.includes(p)),
    [providersKey, providerOptions],
  );
  const matching = useMemo(
    () =>
      sortEndpoints(
        (all ?? []).filter(
          (e) =>
            matchesProviders(e, chosenProviders) &&
            matchesSearch(e, view.q, providers) &&
            (!view.attention || problemsOf(e).length > 0),
        ),
        view.sort,
        view.dir,
        providers,
      ),
    [all, chosenProviders, view.q, view.attention, view.sort, view.dir, providers, problemsOf],
  );
  // A page past the end (rows deleted, a link from a longer list) shows the last page.
  const page = Math.min(view.page, pageCount(matching.length, view.size));
  const rows = matching.slice((page - 1) * view.size, page * view.size);
  const filtered = view.q.trim() !== "" || chosenProviders.length > 0 || view.attention;
  const selectedEndpoints = (all ?? []).filter((e) => selected.has(e.endpoint_id));

  /** A new view: a change of what is listed goes back to page 1; typing replaces the history entry. */
  function change(patch: Partial<EndpointsView>, mode: "push" | "replace" = "push") {
    const next = { ...view, page, ...patch };
    if (!("page" in patch)) next.page = 1;
    setParams(writeView(next), mode);
  }

  function sortBy(key: SortKey) {
    const dir = view.sort === key ? (view.dir === "asc" ? "desc" : "asc") : firstDir(key);
    change({ sort: key, dir });
  }

  function select(ids: string[], on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      ids.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });
  }

  function removed(ids: string[]) {
    const gone = new Set(ids);
    endpoints.setData((list) => list?.filter((e) => !gone.has(e.endpoint_id)));
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
  }

  function clearFilters() {
    change({ q: "", providers: [], attention: false });
    searchRef.current?.focus();
  }

  return (
    <>
      <div className="page-header">
        <h2>Endpoints</h2>
        <a className="button primary" href={links.create}>
          Create endpoint
        </a>
      </div>

      <ListToolbar
        searchLabel="Search endpoints"
        search={view.q}
        onSearch={(q) => change({ q }, "replace")}
        searchRef={searchRef}
        shown={matching.length}
        total={all?.length}
        noun="endpoint"
      >
        <ProviderFilter
          options={providerOptions}
          selected={chosenProviders}
          onChange={(p) => change({ providers: p })}
          nameOf={nameOf}
        />
        {(needingAttention > 0 || view.attention) && (
          <button
            type="button"
            className={"button list-attention" + (view.attention ? " list-filter-active" : "")}
            aria-pressed={view.attention}
            onClick={() => change({ attention: !view.attention })}
          >
            <span aria-hidden="true" className="list-health-icon">
              ⚠
            </span>
            {needingAttention} need{needingAttention === 1 ? "s" : ""} attention
          </button>
        )}
        <ColumnChooser columns={ENDPOINT_COLUMNS} hidden={hidden} onChange={setShown} />
      </ListToolbar>

      {selectedEndpoints.length > 0 && (
        <div className="list-bulk" role="region" aria-label="Selected endpoints">
          <span>{plural(selectedEndpoints.length, "endpoint")} selected</span>
          <button type="button" className="button small danger" onClick={() => setBulkDeleting(selectedEndpoints)}>
            Delete selected
          </button>
          <button type="button" className="button small link" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </div>
      )}

      <p className="sr-only" role="status">
        {notice}
      </p>

      {endpoints.error && (
        <ErrorMessage message={endpoints.error} onRetry={endpoints.reload} retry={endpoints.retrying} />
      )}
      {!all && endpoints.loading && <Loading label="Loading endpoints…" />}
      {all && all.length === 0 && isAdmin && (
        <EmptyState title="No endpoints created">Use the "Create endpoint" button to create one.</EmptyState>
      )}
      {all && all.length === 0 && !isAdmin && (
        <EmptyState title="No endpoints to show">
          You see the endpoints you were given access to, and there are none yet. Ask an admin or the endpoint's
          manager for access, or create one.
        </EmptyState>
      )}
      {all && all.length > 0 && matching.length === 0 && (
        <EmptyState title="No endpoints found">
          No endpoint matches your search or filters.{" "}
          {filtered && (
            <button type="button" className="button link" onClick={clearFilters}>
              Clear search and filter
            </button>
          )}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <>
          <EndpointsTable
            endpoints={rows}
            nameOf={nameOf}
            problemsOf={problemsOf}
            hidden={hidden}
            sort={view.sort}
            dir={view.dir}
            onSort={sortBy}
            selected={selected}
            onSelect={select}
            onUse={setUsing}
            onDelete={setDeleting}
          />
          <Pager
            page={page}
            size={view.size}
            sizes={PAGE_SIZES}
            total={matching.length}
            onPage={(p) => change({ page: p })}
            onSize={(size) => change({ size })}
          />
        </>
      )}

      {using && <UsageModal endpoint={using} onClose={() => setUsing(undefined)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete endpoint"
          confirmLabel="Delete endpoint"
          onConfirm={() => api.deleteEndpoint(deleting.endpoint_id)}
          onClose={() => setDeleting(undefined)}
          onDone={() => {
            removed([deleting.endpoint_id]);
            setNotice(`Endpoint ${deleting.name} deleted.`);
            setDeleting(undefined);
            searchRef.current?.focus();
          }}
        >
          <p>
            Delete the endpoint <strong>{deleting.name}</strong>?
          </p>
          <p>
            It is removed from service at once: applications calling <code>/gateway/{deleting.name}/…</code> or
            using it as a model will receive errors. Its models and API keys are kept.
          </p>
        </ConfirmDialog>
      )}
      {bulkDeleting && (
        <BulkDeleteDialog
          endpoints={bulkDeleting}
          onClose={() => {
            setBulkDeleting(undefined);
            searchRef.current?.focus();
          }}
          onDeleted={(ids, failed) => {
            removed(ids);
            // Some could not be deleted: show the list as the gateway has it now (one may be gone already).
            if (failed > 0) endpoints.reload();
            setNotice(ids.length > 0 ? `${plural(ids.length, "endpoint")} deleted.` : "");
          }}
        />
      )}
    </>
  );
}
