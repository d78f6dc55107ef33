import { FormEvent, useId, useState } from "react";
import { api, messageOf, User } from "../api";
import { FieldLabel } from "./Fields";
import { FormButtons, Modal } from "./Modal";
import { ErrorMessage } from "./States";

// The Users page's dialogs: create a user, and set a user's password.

/** The gateway's password rule (docs/access.md). */
export const MIN_PASSWORD = 12;

function passwordProblem(password: string): string | undefined {
  if (!password) return "Enter a password";
  if (password.length < MIN_PASSWORD) return `At least ${MIN_PASSWORD} characters (now ${password.length})`;
  return undefined;
}

/** "Create user": username, password and whether the user is an admin. */
export function CreateUserModal(props: { existing: string[]; onClose: () => void; onCreated: (user: User) => void }) {
  const ids = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = username.trim();
  const nameProblem = !name
    ? "Enter a username"
    : props.existing.includes(name)
      ? `A user named "${name}" already exists`
      : undefined;
  const pwProblem = passwordProblem(password);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAttempted(true);
    if (nameProblem || pwProblem) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onCreated(await api.createUser({ username: name, password, is_admin: isAdmin }));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Create user"
      onClose={props.onClose}
      footer={
        <FormButtons formId={ids + "form"} busy={busy} submitLabel="Create user" busyLabel="Creating…" onCancel={props.onClose} />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate>
        <div className="field">
          <FieldLabel htmlFor={ids + "username"} required>
            Username
          </FieldLabel>
          <input
            id={ids + "username"}
            className="input"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            aria-invalid={attempted && nameProblem ? true : undefined}
            onChange={(e) => setUsername(e.target.value)}
          />
          {attempted && nameProblem && <span className="field-error">{nameProblem}</span>}
        </div>
        <PasswordField id={ids + "password"} label="Password" value={password} onChange={setPassword} attempted={attempted} />
        <label className="checkbox-field">
          <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
          <span>
            <strong>Admin</strong>
            <span className="hint">
              Admins manage users and every endpoint, API key and gateway key, whatever the permissions say.
            </span>
          </span>
        </label>
        {error && <ErrorMessage message={error} />}
      </form>
    </Modal>
  );
}

/** "Reset password": a new password for a user, who is signed out everywhere. */
export function ResetPasswordModal(props: { user: User; isSelf: boolean; onClose: () => void; onDone: () => void }) {
  const ids = useId();
  const [password, setPassword] = useState("");
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const problem = passwordProblem(password);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAttempted(true);
    if (problem) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.updatePassword(props.user.username, password);
      props.onDone();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Modal
      title={props.isSelf ? "Change your password" : "Reset password of " + props.user.username}
      onClose={props.onClose}
      footer={
        <FormButtons formId={ids + "form"} busy={busy} submitLabel="Set password" busyLabel="Saving…" onCancel={props.onClose} />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate>
        <p className="note">
          {props.isSelf
            ? "You will be signed out everywhere, this browser included, and sign in again with the new password."
            : `${props.user.username} is signed out everywhere and signs in again with the new password.`}
        </p>
        <PasswordField id={ids + "password"} label="New password" value={password} onChange={setPassword} attempted={attempted} />
        {error && <ErrorMessage message={error} />}
      </form>
    </Modal>
  );
}

function PasswordField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  attempted: boolean;
}) {
  const problem = props.attempted ? passwordProblem(props.value) : undefined;
  return (
    <div className="field">
      <FieldLabel htmlFor={props.id} required>
        {props.label}
      </FieldLabel>
      <input
        id={props.id}
        className="input"
        type="password"
        autoComplete="new-password"
        value={props.value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={props.id + "-hint"}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {problem ? (
        <span className="field-error" id={props.id + "-hint"}>
          {problem}
        </span>
      ) : (
        <span className="hint" id={props.id + "-hint"}>
          At least {MIN_PASSWORD} characters.
        </span>
      )}
    </div>
  );
}
