import { FormEvent, useId, useState } from "react";
import { api, ApiError, GRANTABLE_LEVELS, Grant, messageOf, PermissionLevel, permissions, User } from "../api";
import { useSession } from "../session";
import { useLoad } from "../useLoad";
import { ConfirmDialog } from "./ConfirmDialog";
import { Badge, ErrorMessage } from "./States";

// The endpoint page's "Permissions" card: who may do what with this endpoint. Shown only to users
// with MANAGE on it (and admins): endpoints/permissions/list answers 403 to everyone else.

// Short enough to show whole in the dropdown on a phone (a native select cuts what does not fit).
const LEVEL_LABELS: Record<PermissionLevel, string> = {
  READ: "Read: view it",
  USE: "Use: view and call it",
  EDIT: "Edit: view, call, change it",
  MANAGE: "Manage: all, delete and share",
  NO_PERMISSIONS: "No permissions",
};

const LEVEL_NAMES: Record<PermissionLevel, string> = {
  READ: "Read",
  USE: "Use",
  EDIT: "Edit",
  MANAGE: "Manage",
  NO_PERMISSIONS: "No permissions",
};

export function PermissionsPanel(props: { endpointId: string; endpointName: string }) {
  const grants = useLoad(
    () =>
      permissions.endpoints.list(props.endpointId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 403) return null;
        throw e;
      }),
    [props.endpointId],
  );
  const [removing, setRemoving] = useState<Grant>();
  const [notice, setNotice] = useState<string>();
  const id = useId();

  if (grants.data === null || (grants.loading && !grants.data)) return null;
  const data = grants.data;
  return (
    <section className="card perms" aria-labelledby={id + "-title"}>
      <div className="perms-header">
        <h3 id={id + "-title"}>Permissions</h3>
        {notice && (
          <span className="details-success" role="status">
            {notice}
          </span>
        )}
      </div>
      {grants.error && <ErrorMessage message={"Permissions could not be loaded: " + grants.error} onRetry={grants.reload} />}
      {data && (
        <>
          <p className="muted perms-intro">
            Who may use <strong>{props.endpointName}</strong>. Everyone else gets the default,{" "}
            <Badge tone={data.default_permission === "NO_PERMISSIONS" ? "default" : "warning"}>
              {LEVEL_NAMES[data.default_permission] ?? data.default_permission}
            </Badge>
            ; admins can do everything.
          </p>
          {data.permissions.length === 0 ? (
            <p className="muted perms-none">No user has been given access yet.</p>
          ) : (
            <table className="table perms-table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Permission</th>
                  <th scope="col" className="actions">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.permissions.map((g) => (
                  <GrantRow
                    key={g.username}
                    endpointId={props.endpointId}
                    grant={g}
                    onChanged={(level) => {
                      setNotice(`${g.username} now has ${LEVEL_NAMES[level]}.`);
                      grants.reload();
                    }}
                    onRemove={() => setRemoving(g)}
                  />
                ))}
              </tbody>
            </table>
          )}
          <AddGrant
            endpointId={props.endpointId}
            granted={data.permissions.map((g) => g.username)}
            onAdded={(username, level) => {
              setNotice(`${username} now has ${LEVEL_NAMES[level]}.`);
              grants.reload();
            }}
          />
        </>
      )}
      {removing && (
        <ConfirmDialog
          title="Remove access"
          confirmLabel="Remove access"
          busyLabel="Removing…"
          onConfirm={() => permissions.endpoints.delete(props.endpointId, removing.username)}
          onClose={() => setRemoving(undefined)}
          onDone={() => {
            setNotice(`${removing.username} no longer has a permission of their own.`);
            setRemoving(undefined);
            grants.reload();
          }}
        >
          <p>
            Remove <strong>{removing.username}</strong>'s permission on <strong>{props.endpointName}</strong>? They
            fall back to the default permission; gateway keys they own lose access to it too.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function GrantRow(props: {
  endpointId: string;
  grant: Grant;
  onChanged: (level: PermissionLevel) => void;
  onRemove: () => void;
}) {
  const { grant } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function change(level: PermissionLevel) {
    setBusy(true);
    setError(undefined);
    try {
      await permissions.endpoints.update(props.endpointId, grant.username, level);
      props.onChanged(level);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <td className="cell-name">{grant.username}</td>
      <td>
        <LevelSelect
          label={"Permission of " + grant.username}
          value={grant.permission}
          disabled={busy}
          onChange={change}
        />
        {error && <span className="field-error perms-row-error">{error}</span>}
      </td>
      <td className="actions">
        <button
          type="button"
          className="button small danger-text"
          aria-label={"Remove " + grant.username}
          onClick={props.onRemove}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

/** A user (picked from the users list for admins, typed for others) and a level, then Add. */
function AddGrant(props: {
  endpointId: string;
  granted: string[];
  onAdded: (username: string, level: PermissionLevel) => void;
}) {
  const session = useSession();
  const ids = useId();
  const users = useLoad(
    () => (session.user?.is_admin ? api.listUsers() : Promise.resolve(undefined as User[] | undefined)),
    [session.user?.is_admin],
  );
  const [username, setUsername] = useState("");
  const [level, setLevel] = useState<PermissionLevel>("USE");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const candidates = users.data?.filter((u) => !u.is_admin && !props.granted.includes(u.username));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const name = username.trim();
    if (!name) {
      setError("Choose a user");
      return;
    }
    if (props.granted.includes(name)) {
      setError(`${name} already has a permission: change it above`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await permissions.endpoints.create(props.endpointId, name, level);
      setUsername("");
      props.onAdded(name, level);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="perms-add" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={ids + "user"}>User</label>
        {candidates ? (
          <select id={ids + "user"} className="input" value={username} onChange={(e) => setUsername(e.target.value)}>
            <option value="">{candidates.length === 0 ? "Every user has access already" : "Choose a user…"}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.username}>
                {u.username}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={ids + "user"}
            className="input"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="Username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        )}
      </div>
      <div className="field">
        <label htmlFor={ids + "level"}>Permission</label>
        <LevelSelect id={ids + "level"} value={level} onChange={setLevel} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Adding…" : "Add user"}
      </button>
      {error && <ErrorMessage message={error} />}
    </form>
  );
}

function LevelSelect(props: {
  id?: string;
  label?: string;
  value: PermissionLevel;
  disabled?: boolean;
  onChange: (level: PermissionLevel) => void;
}) {
  return (
    <select
      id={props.id}
      aria-label={props.label}
      className="input perms-level"
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value as PermissionLevel)}
    >
      {GRANTABLE_LEVELS.map((l) => (
        <option key={l} value={l}>
          {LEVEL_LABELS[l]}
        </option>
      ))}
    </select>
  );
}
