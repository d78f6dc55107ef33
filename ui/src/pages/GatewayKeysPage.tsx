import { useMemo, useRef, useState } from "react";
import { api, Endpoint, GatewayKey, GatewayKeyStatus, User } from "../api";
import { CreateGatewayKeyModal, DeleteGatewayKeyDialog, RevokeGatewayKeyDialog } from "../components/GatewayKeyModals";
import { ListToolbar } from "../components/ListToolbar";
import { KeyRateLimits } from "../components/RateLimitKeyCell";
import { Badge, EmptyState, ErrorMessage, Loading } from "../components/States";
import { formatDate } from "../format";
import { RateLimit, rateLimits } from "../rateLimits";
import { links } from "../router";
import { useSession } from "../session";
import { useLoad } from "../useLoad";

// The Gateway keys page (#/gateway/gateway-keys): the keys applications call endpoints with. Each
// user sees their own; admins see everyone's and may create keys for others. A key is shown once.

type Dialog = { kind: "create" } | { kind: "revoke"; key: GatewayKey } | { kind: "delete"; key: GatewayKey };

const STATUS_TONE: Record<GatewayKeyStatus, "success" | "warning" | "default"> = {
  active: "success",
  expired: "warning",
  revoked: "default",
};

export function GatewayKeysPage() {
  const session = useSession();
  const me = session.user?.username ?? "";
  const admin = !!session.user?.is_admin;
  const keys = useLoad(() => api.listGatewayKeys().then(newestFirst));
  const endpoints = useLoad(() => api.listEndpoints().then(byName));
  const users = useLoad(() => (admin ? api.listUsers() : Promise.resolve(undefined as User[] | undefined)), [admin]);
  // Every limit the user may read, in one call; each key's row shows its own.
  const limits = useLoad(() => rateLimits.list().then(byKey));
  const [search, setSearch] = useState("");
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  const all = keys.data;
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return all ?? [];
    return (all ?? []).filter((k) =>
      [k.name, k.prefix, k.owner, k.status, ...k.endpoints.map((e) => e.name)].some((t) => t.toLowerCase().includes(q)),
    );
  }, [all, search]);

  function done(message: string) {
    setDialog(undefined);
    setNotice(message);
    keys.reload();
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h2>Gateway keys</h2>
          <p className="keys-subtitle muted">
            Keys your applications send to call endpoints (<code>Authorization: Bearer sb-…</code>). A key acts as its
            owner, limited to its endpoints. {admin ? "As an admin you see every user's keys." : "You see your own keys."}
          </p>
        </div>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: "create" })}>
          Create gateway key
        </button>
      </div>

      <ListToolbar
        searchLabel="Search gateway keys"
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        shown={shown.length}
        total={all?.length}
        noun="gateway key"
      />

      <p className="sr-only" role="status">
        {notice}
      </p>

      {keys.error && <ErrorMessage message={keys.error} onRetry={keys.reload} retry={keys.retrying} />}
      {limits.error && (
        <ErrorMessage
          message={"Rate limits could not be loaded: " + limits.error}
          onRetry={limits.reload}
          retry={limits.retrying}
        />
      )}
      {!all && keys.loading && <Loading label="Loading gateway keys…" />}
      {all && all.length === 0 && (
        <EmptyState title="No gateway keys">
          Create one for each application that calls the gateway, so each can be revoked on its own.
        </EmptyState>
      )}
      {all && all.length > 0 && shown.length === 0 && (
        <EmptyState title="No gateway keys found">
          No gateway key matches “{search.trim()}”.{" "}
          <button type="button" className="button link" onClick={() => setSearch("")}>
            Clear search
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <table className="table gkeys-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Owner</th>
              <th scope="col">Endpoints</th>
              <th scope="col">Rate limits</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col" className="actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((k) => (
              <tr key={k.key_id}>
                <td className="cell-name">{k.name}</td>
                <td>
                  <code className="gkeys-prefix">{k.prefix}…</code>
                </td>
                <td>
                  {k.owner}
                  {k.owner === me && <span className="muted"> (you)</span>}
                </td>
                <td>
                  <KeyEndpoints gatewayKey={k} />
                </td>
                <td>
                  <KeyRateLimits
                    gatewayKey={k}
                    limits={limits.data ? (limits.data.get(k.key_id) ?? []) : undefined}
                    endpoints={endpoints.data}
                    canChange={admin}
                    onChanged={(message) => {
                      setNotice(message);
                      limits.reload();
                    }}
                  />
                </td>
                <td className="cell-date">{formatDate(k.created_at)}</td>
                <td className="cell-date">{k.expires_at ? formatDate(k.expires_at) : "Never"}</td>
                <td className="cell-date">{k.last_used_at ? formatDate(k.last_used_at) : "Never"}</td>
                <td>
                  <Badge tone={STATUS_TONE[k.status] ?? "default"}>{statusLabel(k)}</Badge>
                  {k.status === "revoked" && k.revoked_at && (
                    <span className="gkeys-when muted">{formatDate(k.revoked_at)}</span>
                  )}
                </td>
                <td className="actions">
                  {k.status === "active" && (
                    <>
                      <button
                        type="button"
                        className="button small danger-text"
                        aria-label={"Revoke " + k.name}
                        onClick={() => setDialog({ kind: "revoke", key: k })}
                      >
                        Revoke
                      </button>{" "}
                    </>
                  )}
                  <button
                    type="button"
                    className="button small danger-text"
                    aria-label={"Delete " + k.name}
                    onClick={() => setDialog({ kind: "delete", key: k })}
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
        <CreateGatewayKeyModal
          endpoints={endpoints.data ?? []}
          users={admin ? users.data : undefined}
          me={me}
          onClose={() => setDialog(undefined)}
          onCreated={(k) => {
            // The dialog stays open to show the key; the list behind it already has the new row.
            setNotice(`Gateway key ${k.name} created.`);
            keys.reload();
          }}
        />
      )}
      {dialog?.kind === "revoke" && (
        <RevokeGatewayKeyDialog
          gatewayKey={dialog.key}
          onClose={() => setDialog(undefined)}
          onDone={() => done(`Gateway key ${dialog.key.name} revoked.`)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteGatewayKeyDialog
          gatewayKey={dialog.key}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            const gone = dialog.key;
            keys.setData((list) => list?.filter((k) => k.key_id !== gone.key_id));
            done(`Gateway key ${gone.name} deleted.`);
            searchRef.current?.focus();
          }}
        />
      )}
    </>
  );
}

function KeyEndpoints(props: { gatewayKey: GatewayKey }) {
  const list = props.gatewayKey.endpoints;
  if (list.length === 0) return <span className="muted">All the owner may use</span>;
  return (
    <ul className="keys-endpoints">
      {list.map((e) => (
        <li key={e.endpoint_id}>
          <a href={links.endpoint(e.endpoint_id)}>{e.name}</a>
        </li>
      ))}
    </ul>
  );
}

function statusLabel(k: GatewayKey): string {
  if (k.status === "revoked") return "Revoked";
  if (k.status === "expired") return "Expired";
  return "Active";
}

function newestFirst(list: GatewayKey[]): GatewayKey[] {
  return [...list].sort((a, b) => b.created_at - a.created_at);
}

function byName(list: Endpoint[]): Endpoint[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
}

/** The keys' own limits by key id. */
function byKey(list: RateLimit[]): Map<string, RateLimit[]> {
  const map = new Map<string, RateLimit[]>();
  for (const l of list) if (l.key_id) map.set(l.key_id, [...(map.get(l.key_id) ?? []), l]);
  return map;
}
