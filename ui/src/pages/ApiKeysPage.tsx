import { useMemo, useRef, useState } from "react";
import { api, Endpoint, Secret } from "../api";
import { useProviders } from "../catalog";
import { CreateApiKeyModal, DeleteApiKeyModal, EditApiKeyModal, EndpointLinks, MaskedValues } from "../components/ApiKeyModals";
import { ListToolbar } from "../components/ListToolbar";
import { EmptyState, ErrorMessage, Loading } from "../components/States";
import { formatDate, providerName } from "../format";
import { useLoad } from "../useLoad";

// The API Keys page (#/gateway/api-keys): every stored provider credential, masked, with the
// endpoints that use it; create, edit (rotate or reconfigure) and delete.

interface KeysData {
  secrets: Secret[];
  /** secret_id → the endpoints with at least one model using that key. */
  usage: Map<string, Endpoint[]>;
}

type Dialog = { kind: "create" } | { kind: "edit"; secret: Secret } | { kind: "delete"; secret: Secret };

export function ApiKeysPage() {
  const keys = useLoad(loadKeys);
  const providers = useProviders();
  const nameOf = providers?.name ?? ((id: string | undefined) => providerName(id));
  const [search, setSearch] = useState("");
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  const data = keys.data;
  const usedBy = (s: Secret) => data?.usage.get(s.secret_id) ?? [];
  const shown = useMemo(() => {
    if (!data) return [];
    const q = search.trim().toLowerCase();
    if (!q) return data.secrets;
    return data.secrets.filter((s) =>
      [
        s.secret_name,
        s.description ?? "",
        s.provider ?? "",
        nameOf(s.provider),
        ...(data.usage.get(s.secret_id) ?? []).map((e) => e.name),
      ]
        .some((text) => text.toLowerCase().includes(q)),
    );
  }, [data, search, providers]);

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
      />

      <p className="sr-only" role="status">
        {notice}
      </p>

      {keys.error && <ErrorMessage message={keys.error} onRetry={keys.reload} />}
      {!data && keys.loading && <Loading label="Loading API keys…" />}
      {data && data.secrets.length === 0 && (
        <EmptyState title="No API keys">
          Use the "Create API key" button to store a provider credential, or create one while creating an endpoint.
        </EmptyState>
      )}
      {data && data.secrets.length > 0 && shown.length === 0 && (
        <EmptyState title="No API keys found">
          No API key matches “{search.trim()}”.{" "}
          <button
            type="button"
            className="button link"
            onClick={() => {
              setSearch("");
              searchRef.current?.focus();
            }}
          >
            Clear search
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Provider</th>
              <th scope="col">Value</th>
              <th scope="col">Endpoints using it</th>
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
                <td>
                  <EndpointLinks endpoints={usedBy(s)} />
                </td>
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

async function loadKeys(): Promise<KeysData> {
  const [secrets, endpoints] = await Promise.all([api.listSecrets(), api.listEndpoints()]);
  const usage = new Map<string, Endpoint[]>();
  for (const e of [...endpoints].sort((a, b) => a.name.localeCompare(b.name))) {
    const ids = new Set(e.model_mappings.map((m) => m.model_definition?.secret_id).filter((id): id is string => !!id));
    for (const id of ids) usage.set(id, [...(usage.get(id) ?? []), e]);
  }
  secrets.sort((a, b) => a.secret_name.localeCompare(b.secret_name, undefined, { sensitivity: "base" }));
  return { secrets, usage };
}

