import { useEffect, useId, useMemo, useRef, useState } from "react";
import { api, callerMay, Endpoint, fallbacks, percentages, primaries } from "../api";
import { Providers, useProviders } from "../catalog";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { ListToolbar } from "../components/ListToolbar";
import { EmptyState, ErrorMessage, Loading } from "../components/States";
import { UsageModal } from "../components/UsageModal";
import { formatDate, plural, providerName } from "../format";
import { links } from "../router";
import { useSession } from "../session";
import { useLoad } from "../useLoad";

// The endpoints list (#/gateway): search, provider filter, the table, "Use" and delete (offered only
// on the endpoints the caller manages).

type NameOf = (id: string | undefined) => string;

export function EndpointsListPage() {
  const { isAdmin } = useSession();
  const endpoints = useLoad(() => api.listEndpoints().then(byName));
  const providers = useProviders();
  const nameOf: NameOf = providers?.name ?? ((id) => providerName(id));
  const [search, setSearch] = useState("");
  const [providerFilter, setProviderFilter] = useState<string[]>([]);
  const [using, setUsing] = useState<Endpoint>();
  const [deleting, setDeleting] = useState<Endpoint>();
  const [notice, setNotice] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  const all = endpoints.data;
  const providerOptions = useMemo(() => providersIn(all ?? []), [all]);
  const selected = providerFilter.filter((p) => providerOptions.includes(p));
  const shown = useMemo(
    () => (all ?? []).filter((e) => matchesProviders(e, selected) && matchesSearch(e, search, providers)),
    [all, selected, search, providers],
  );

  function clearFilters() {
    setSearch("");
    setProviderFilter([]);
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
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        shown={shown.length}
        total={all?.length}
        noun="endpoint"
      >
        <ProviderFilter options={providerOptions} selected={selected} onChange={setProviderFilter} nameOf={nameOf} />
      </ListToolbar>

      <p className="sr-only" role="status">
        {notice}
      </p>

      {endpoints.error && <ErrorMessage message={endpoints.error} onRetry={endpoints.reload} />}
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
      {all && all.length > 0 && shown.length === 0 && (
        <EmptyState title="No endpoints found">
          No endpoint matches your search or provider filter.{" "}
          <button type="button" className="button link" onClick={clearFilters}>
            Clear search and filter
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <EndpointsTable endpoints={shown} nameOf={nameOf} onUse={setUsing} onDelete={setDeleting} />
      )}

      {using && <UsageModal endpointName={using.name} onClose={() => setUsing(undefined)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete endpoint"
          confirmLabel="Delete endpoint"
          onConfirm={() => api.deleteEndpoint(deleting.endpoint_id)}
          onClose={() => setDeleting(undefined)}
          onDone={() => {
            endpoints.setData((list) => list?.filter((e) => e.endpoint_id !== deleting.endpoint_id));
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
    </>
  );
}

function EndpointsTable(props: {
  endpoints: Endpoint[];
  nameOf: NameOf;
  onUse: (e: Endpoint) => void;
  onDelete: (e: Endpoint) => void;
}) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Provider</th>
          <th scope="col">Models</th>
          <th scope="col">Last modified</th>
          <th scope="col">Created</th>
          <th scope="col" className="actions">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.endpoints.map((e) => (
          <tr key={e.endpoint_id}>
            <td className="cell-name">
              <a href={links.endpoint(e.endpoint_id)}>{e.name}</a>
            </td>
            <td>
              {providersOf(e)
                .map((p) => props.nameOf(p))
                .join(", ") || <span className="muted">—</span>}
            </td>
            <td>
              <ModelsCell endpoint={e} />
            </td>
            <td className="cell-date">{formatDate(e.last_updated_at)}</td>
            <td className="cell-date">{formatDate(e.created_at)}</td>
            <td className="actions">
              <button type="button" className="button small" aria-label={"Use " + e.name} onClick={() => props.onUse(e)}>
                Use
              </button>
              {callerMay(e, "MANAGE") && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="button small danger-text"
                    aria-label={"Delete " + e.name}
                    onClick={() => props.onDelete(e)}
                  >
                    Delete
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The traffic split ("gpt-4o 80% · gpt-4o-mini 20%", in stored order) and how many fallbacks back it up. */
function ModelsCell(props: { endpoint: Endpoint }) {
  const split = primaries(props.endpoint);
  const shares = percentages(split);
  const backups = fallbacks(props.endpoint);
  return (
    <span className="list-models">
      {split.map((m, i) => (
        <span key={m.mapping_id} className="list-model">
          {i > 0 && <span className="list-sep" aria-hidden="true"> · </span>}
          {modelName(m.model_definition?.model_name, m.model_definition_id)}
          {split.length > 1 && <span className="list-share"> {shares[i]}%</span>}
        </span>
      ))}
      {backups.length > 0 && (
        <span
          className="list-fallbacks muted"
          title={"Fallbacks: " + backups.map((m) => modelName(m.model_definition?.model_name, m.model_definition_id)).join(", ")}
        >
          {" "}
          +{plural(backups.length, "fallback")}
        </span>
      )}
    </span>
  );
}

/** A multi-select popover of the providers present in the list. */
function ProviderFilter(props: {
  options: string[];
  selected: string[];
  onChange: (providers: string[]) => void;
  nameOf: NameOf;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLInputElement>("input")?.focus();
    const onPointer = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onPointer);
    return () => document.removeEventListener("mousedown", onPointer);
  }, [open]);

  function toggle(provider: string, on: boolean) {
    props.onChange(on ? [...props.selected, provider] : props.selected.filter((p) => p !== provider));
  }

  const count = props.selected.length;
  return (
    <div
      className="list-filter"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && !root.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={"button" + (count > 0 ? " list-filter-active" : "")}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-label={count > 0 ? `Provider filter, ${count} selected` : "Provider filter"}
        disabled={props.options.length === 0}
        onClick={() => setOpen(!open)}
      >
        Provider{count > 0 && <span className="badge badge-accent">{count}</span>}
        <span aria-hidden="true" className="list-caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="list-filter-popover" id={popoverId} role="group" aria-label="Filter by provider">
          {props.options.map((p) => (
            <label key={p}>
              <input type="checkbox" checked={props.selected.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
              {props.nameOf(p)}
            </label>
          ))}
          <div className="list-filter-footer">
            <button
              type="button"
              className="button link small"
              disabled={count === 0}
              onClick={() => props.onChange([])}
            >
              Clear
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function byName(list: Endpoint[]): Endpoint[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}

/** The providers serving an endpoint's traffic split, each once, in the split's order. */
function providersOf(e: Endpoint): string[] {
  return unique(primaries(e).map((m) => m.model_definition?.provider).filter((p): p is string => !!p));
}

function providersIn(list: Endpoint[]): string[] {
  return unique(list.flatMap(providersOf)).sort();
}

function matchesProviders(e: Endpoint, selected: string[]): boolean {
  return selected.length === 0 || providersOf(e).some((p) => selected.includes(p));
}

/** Name, any model (split or fallback) and any provider, by id or display name. */
function matchesSearch(e: Endpoint, search: string, providers: Providers | undefined): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  const haystack = [e.name];
  for (const m of e.model_mappings) {
    const d = m.model_definition;
    if (!d) continue;
    haystack.push(d.model_name, d.provider, providers?.name(d.provider) ?? providerName(d.provider));
  }
  return haystack.some((s) => s.toLowerCase().includes(q));
}

function modelName(name: string | undefined, definitionId: string): string {
  return name ?? definitionId;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

