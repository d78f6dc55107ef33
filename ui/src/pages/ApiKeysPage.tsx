import { useMemo, useRef, useState } from "react";
import { api, Binding, Endpoint, Secret } from "../api";
import { useProviders } from "../catalog";
import { CreateApiKeyModal, DeleteApiKeyModal, EditApiKeyModal, EndpointLinks, MaskedValues } from "../components/ApiKeyModals";
import { ListToolbar } from "../components/ListToolbar";
import { ProviderFilter } from "../components/ProviderFilter";
import { EmptyState, ErrorMessage, Loading } from "../components/States";
import { formatDate, providerName } from "../format";
import { useLoad } from "../useLoad";

// The API Keys page (#/gateway/api-keys): every stored provider credential, masked, with what uses
// it (the endpoints, and what is bound to those endpoints, as MLflow shows bindings) and when it was
// created; search and a provider filter; create, edit (rotate or reconfigure) and delete.

interface KeysData {
  secrets: Secret[];
  /** secret_id → the endpoints with at least one model using that key. */
  usage: Map<string, Endpoint[]>;
  /** endpoint_id → what is bound to that endpoint (jobs, apps using it). */
  bindings: Map<string, Binding[]>;
}

type Dialog = { kind: "create" } | { kind: "edit"; secret: Secret } | { kind: "delete"; secret: Secret };

export function ApiKeysPage() {
  const keys = useLoad(loadKeys);
  const providers = useProviders();
  const nameOf = providers?.name ?? ((id: string | undefined) => providerName(id));
  const [search, setSearch] = useState("");
  const [providerFilter, setProviderFilter] = useState<string[]>([]);
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  const data = keys.data;
  const usedBy = (s: Secret) => data?.usage.get(s.secret_id) ?? [];
  const providerOptions = useMemo(
    () => [...new Set((data?.secrets ?? []).map((s) => s.provider).filter((p): p is string => !!p))].sort(),
    [data],
  );
  const chosenProviders = providerFilter.filter((p) => providerOptions.includes(p));
  const shown = useMemo(() => {
    if (!data) return [];
    const q = search.trim().toLowerCase();
    const ofProvider = (s: Secret) =>
      chosenProviders.length === 0 || (s.provider !== undefined && chosenProviders.includes(s.provider));
    if (!q) return data.secrets.filter(ofProvider);
    return data.secrets.filter((s) =>
      ofProvider(s) &&
      [
        s.secret_name,
        s.description ?? "",
        s.provider ?? "",
        nameOf(s.provider),
        ...(data.usage.get(s.secret_id) ?? []).map((e) => e.name),
      ]
        .some((text) => text.toLowerCase().includes(q)),
    );
  }, [data, search, providers, chosenProviders.join(",")]);

  function clearFilters() {
    setSearch("");
    setProviderFilter([]);
    searchRef.current?.focus();
  }

  function done(message: string) {
    setDialog(undefined);
    setNotice(message);
    keys.reload();
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h2>API Keys</h2>
          <p className="keys-subtitle muted">
            Provider credentials, encrypted at rest. Values are write-only: only a masked form is ever shown.
          </p>
        </div>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: "create" })}>
          Create API key
        </button>
      </div>

      <ListToolbar
        searchLabel="Search API keys"
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        shown={shown.length}
        total={data?.secrets.length}
        noun="API key"
      >
        <ProviderFilter
          options={providerOptions}
          selected={chosenProviders}
          onChange={setProviderFilter}
          nameOf={(id) => nameOf(id)}
        />
      </ListToolbar>

      <p className="sr-only" role="status">
        {notice}
      </p>

      {keys.error && <ErrorMessage message={keys.error} onRetry={keys.reload} retry={keys.retrying} />}
      {!data && keys.loading && <Loading label="Loading API keys…" />}
      {data && data.secrets.length === 0 && (
        <EmptyState title="No API keys">
          Use the "Create API key" button to store a provider credential, or create one while creating an endpoint.
        </EmptyState>
      )}
      {data && data.secrets.length > 0 && shown.length === 0 && (
        <EmptyState title="No API keys found">
          No API key matches your search or provider filter.{" "}
          <button type="button" className="button link" onClick={clearFilters}>
            Clear search and filter
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <div className="list-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Provider</th>
                <th scope="col">Value</th>
                <th scope="col">Used by</th>
                <th scope="col">Created</th>
                <th scope="col">Last updated</th>
                <th scope="col" className="actions">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.secret_id}>
                  <td className="cell-name">
                    {s.secret_name}
                    {s.description && <span className="keys-description muted">{s.description}</span>}
                  </td>
                  <td>{nameOf(s.provider)}</td>
                  <td>
                    <MaskedValues secret={s} />
                  </td>
                  <td className="keys-used-by">
                    <UsedBy endpoints={usedBy(s)} bindings={data?.bindings} />
                  </td>
                  <td className="cell-date">{formatDate(s.created_at)}</td>
                  <td className="cell-date">{formatDate(s.last_updated_at)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button small"
                      aria-label={"Edit " + s.secret_name}
                      onClick={() => setDialog({ kind: "edit", secret: s })}
                    >
                      Edit
                    </button>{" "}
                    <button
                      type="button"
                      className="button small danger-text"
                      aria-label={"Delete " + s.secret_name}
                      onClick={() => setDialog({ kind: "delete", secret: s })}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog?.kind === "create" && (
        <CreateApiKeyModal
          existingNames={data?.secrets.map((s) => s.secret_name) ?? []}
          onClose={() => setDialog(undefined)}
          onCreated={(s) => done(`API key ${s.secret_name} created.`)}
        />
      )}
      {dialog?.kind === "edit" && (
        <EditApiKeyModal
          secret={dialog.secret}
          endpoints={usedBy(dialog.secret)}
          onClose={() => setDialog(undefined)}
          onSaved={(s) => done(`API key ${s.secret_name} saved.`)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteApiKeyModal
          secret={dialog.secret}
          endpoints={usedBy(dialog.secret)}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            const gone = dialog.secret;
            keys.setData((d) => d && { ...d, secrets: d.secrets.filter((s) => s.secret_id !== gone.secret_id) });
            done(`API key ${gone.secret_name} deleted.`);
            searchRef.current?.focus();
          }}
        />
      )}
    </>
  );
}

/** How many endpoints a key's row lists before "Show all": a key used everywhere keeps a short row. */
const FOLDED_ENDPOINTS = 3;

/** The endpoints using a key (and what is bound to them): the first few, and the rest on request. */
function UsedBy(props: { endpoints: Endpoint[]; bindings: Map<string, Binding[]> | undefined }) {
  const [open, setOpen] = useState(false);
  const { endpoints } = props;
  const folds = endpoints.length > FOLDED_ENDPOINTS + 1;
  const shown = folds && !open ? endpoints.slice(0, FOLDED_ENDPOINTS) : endpoints;
  return (
    <>
      <EndpointLinks endpoints={shown} />
      <BindingsOf endpoints={shown} bindings={props.bindings} />
      {folds && (
        <button type="button" className="button link small keys-used-by-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Show fewer" : `Show all ${endpoints.length} endpoints`}
        </button>
      )}
    </>
  );
}

/** What is bound to the endpoints using a key: "Relevance judge (scorer) via chat". */
function BindingsOf(props: { endpoints: Endpoint[]; bindings: Map<string, Binding[]> | undefined }) {
  const items = props.endpoints.flatMap((e) => (props.bindings?.get(e.endpoint_id) ?? []).map((b) => ({ e, b })));
  if (items.length === 0) return null;
  return (
    <ul className="keys-bindings muted" aria-label="Bound to these endpoints">
      {items.map(({ e, b }) => (
        <li key={e.endpoint_id + "/" + b.resource_type + "/" + b.resource_id}>
          {b.display_name ?? b.resource_id} ({b.resource_type}) via {e.name}
        </li>
      ))}
    </ul>
  );
}

async function loadKeys(): Promise<KeysData> {
  const [secrets, endpoints, allBindings] = await Promise.all([
    api.listSecrets(),
    api.listEndpoints(),
    api.listBindings(),
  ]);
  const bindings = new Map<string, Binding[]>();
  for (const b of allBindings) bindings.set(b.endpoint_id, [...(bindings.get(b.endpoint_id) ?? []), b]);
  const usage = new Map<string, Endpoint[]>();
  for (const e of [...endpoints].sort((a, b) => a.name.localeCompare(b.name))) {
    const ids = new Set(e.model_mappings.map((m) => m.model_definition?.secret_id).filter((id): id is string => !!id));
    for (const id of ids) usage.set(id, [...(usage.get(id) ?? []), e]);
  }
  secrets.sort((a, b) => a.secret_name.localeCompare(b.secret_name, undefined, { sensitivity: "base" }));
  return { secrets, usage, bindings };
}

