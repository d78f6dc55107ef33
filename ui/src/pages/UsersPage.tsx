import { useMemo, useRef, useState } from "react";
import { api, User } from "../api";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { ListToolbar } from "../components/ListToolbar";
import { Badge, EmptyState, ErrorMessage, Loading } from "../components/States";
import { CreateUserModal, ResetPasswordModal } from "../components/UserModals";
import { formatDate } from "../format";
import { useSession } from "../session";
import { useLoad } from "../useLoad";

// The Users page (#/gateway/users), for admins: every user, create one, reset a password, make or
// unmake an admin, delete. What each user may do with an endpoint is set on the endpoint's page.

type Dialog =
  | { kind: "create" }
  | { kind: "password"; user: User }
  | { kind: "admin"; user: User }
  | { kind: "delete"; user: User };

export function UsersPage() {
  const session = useSession();
  if (!session.user?.is_admin) {
    return (
      <>
        <div className="page-header">
          <h2>Users</h2>
        </div>
        <EmptyState title="Admins only">Only an admin can see and manage users.</EmptyState>
      </>
    );
  }
  return <UsersList me={session.user} onSelfChanged={session.refresh} />;
}

function UsersList(props: { me: User; onSelfChanged: () => void }) {
  const users = useLoad(() => api.listUsers().then(byName));
  const [search, setSearch] = useState("");
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);
  const all = users.data;
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (all ?? []).filter((u) => !q || u.username.toLowerCase().includes(q));
  }, [all, search]);

  function done(message: string) {
    setDialog(undefined);
    setNotice(message);
    users.reload();
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h2>Users</h2>
          <p className="keys-subtitle muted">
            People who sign in to the gateway. Admins can do everything; other users only what the endpoints they
            were given allow.
          </p>
        </div>
        <button type="button" className="button primary" onClick={() => setDialog({ kind: "create" })}>
          Create user
        </button>
      </div>

      <ListToolbar
        searchLabel="Search users"
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        shown={shown.length}
        total={all?.length}
        noun="user"
      />

      <p className="users-notice" role="status">
        {notice}
      </p>

      {users.error && <ErrorMessage message={users.error} onRetry={users.reload} retry={users.retrying} />}
      {!all && users.loading && <Loading label="Loading users…" />}
      {all && all.length > 0 && shown.length === 0 && (
        <EmptyState title="No users found">
          No user matches “{search.trim()}”.{" "}
          <button type="button" className="button link" onClick={() => setSearch("")}>
            Clear search
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col" className="actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => {
              const self = u.username === props.me.username;
              return (
                <tr key={u.id}>
                  <td className="cell-name">
                    {u.username}
                    {self && <span className="muted users-you"> (you)</span>}
                  </td>
                  <td>{u.is_admin ? <Badge tone="accent">Admin</Badge> : <span className="muted">User</span>}</td>
                  <td className="cell-date">{formatDate(u.created_at)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button small"
                      aria-label={"Reset password of " + u.username}
                      onClick={() => setDialog({ kind: "password", user: u })}
                    >
                      Reset password
                    </button>{" "}
                    <button
                      type="button"
                      className="button small"
                      aria-label={(u.is_admin ? "Remove admin from " : "Make admin ") + u.username}
                      onClick={() => setDialog({ kind: "admin", user: u })}
                    >
                      {u.is_admin ? "Remove admin" : "Make admin"}
                    </button>{" "}
                    <button
                      type="button"
                      className="button small danger-text"
                      aria-label={"Delete " + u.username}
                      disabled={self}
                      title={self ? "You cannot delete yourself" : undefined}
                      onClick={() => setDialog({ kind: "delete", user: u })}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {dialog?.kind === "create" && (
        <CreateUserModal
          existing={all?.map((u) => u.username) ?? []}
          onClose={() => setDialog(undefined)}
          onCreated={(u) => done(`User ${u.username} created.`)}
        />
      )}
      {dialog?.kind === "password" && (
        <ResetPasswordModal
          user={dialog.user}
          isSelf={dialog.user.username === props.me.username}
          onClose={() => setDialog(undefined)}
          onDone={() => done(`Password of ${dialog.user.username} changed.`)}
        />
      )}
      {dialog?.kind === "admin" && (
        <AdminDialog
          user={dialog.user}
          isSelf={dialog.user.username === props.me.username}
          onClose={() => setDialog(undefined)}
          onDone={(message) => {
            done(message);
            if (dialog.user.username === props.me.username) props.onSelfChanged();
          }}
        />
      )}
      {dialog?.kind === "delete" && (
        <ConfirmDialog
          title="Delete user"
          confirmLabel="Delete user"
          onConfirm={() => api.deleteUser(dialog.user.username)}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            const gone = dialog.user;
            users.setData((list) => list?.filter((u) => u.id !== gone.id));
            done(`User ${gone.username} deleted.`);
            searchRef.current?.focus();
          }}
        >
          <p>
            Delete the user <strong>{dialog.user.username}</strong>?
          </p>
          <p>They are signed out at once and can no longer sign in, and their permissions are removed.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function AdminDialog(props: { user: User; isSelf: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const { user } = props;
  const making = !user.is_admin;
  return (
    <ConfirmDialog
      title={making ? "Make admin" : "Remove admin"}
      confirmLabel={making ? "Make admin" : "Remove admin"}
      busyLabel="Saving…"
      tone={making ? "primary" : "danger"}
      onConfirm={() => api.updateAdmin(user.username, making)}
      onClose={props.onClose}
      onDone={() => props.onDone(making ? `${user.username} is now an admin.` : `${user.username} is no longer an admin.`)}
    >
      {making ? (
        <p>
          Make <strong>{user.username}</strong> an admin? Admins manage users and can read, change and delete every
          endpoint, API key and gateway key.
        </p>
      ) : (
        <p>
          Remove admin rights from <strong>{user.username}</strong>? They keep only the permissions they were given on
          each endpoint.
          {props.isSelf && " This is you: you will lose access to this page."}
        </p>
      )}
    </ConfirmDialog>
  );
}

function byName(list: User[]): User[] {
  return [...list].sort((a, b) => a.username.localeCompare(b.username, undefined, { sensitivity: "base" }));
}
