import { FormEvent, useId, useMemo, useState } from "react";
import { api, CreatedGatewayKey, Endpoint, GatewayKey, messageOf, User } from "../api";
import { ConfirmDialog } from "./ConfirmDialog";
import { FieldLabel, SearchBox } from "./Fields";
import { FormButtons, Modal } from "./Modal";
import { KeyReveal } from "./KeyReveal";
import { ErrorMessage } from "./States";

// The Gateway keys page's dialogs: create a key (then show it once), revoke one, delete one.

/** "Create gateway key": name, endpoints, expiry and (admins) owner; then the key, once. */
export function CreateGatewayKeyModal(props: {
  endpoints: Endpoint[];
  /** Every user, for an admin choosing the owner; undefined for everyone else. */
  users?: User[];
  me: string;
  onClose: () => void;
  onCreated: (key: GatewayKey) => void;
}) {
  const ids = useId();
  const [name, setName] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const [expiry, setExpiry] = useState("");
  const [owner, setOwner] = useState(props.me);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<CreatedGatewayKey>();
  const nameProblem = name.trim() ? undefined : "Enter a name";
  const expiresAt = endOfDay(expiry);
  const expiryProblem = expiry && (expiresAt === undefined || expiresAt <= Date.now()) ? "Pick a day from today on" : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAttempted(true);
    if (nameProblem || expiryProblem) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.createGatewayKey({
        name: name.trim(),
        ...(selected.length > 0 ? { endpoint_ids: selected } : {}),
        ...(expiresAt !== undefined ? { expires_at: expiresAt } : {}),
        ...(props.users && owner !== props.me ? { owner } : {}),
      });
      setCreated(answer);
      props.onCreated(answer.gateway_key);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <Modal
        title="Gateway key created"
        onClose={props.onClose}
        closeOnBackdrop={false}
        footer={
          // The form's submit button is gone: focus moves here rather than to the page behind.
          <button type="button" className="button primary" onClick={props.onClose} autoFocus>
            Done
          </button>
        }
      >
        <p>
          The key <strong>{created.gateway_key.name}</strong> is ready
          {created.gateway_key.owner !== props.me && <> and acts as {created.gateway_key.owner}</>}.
        </p>
        <KeyReveal name={created.gateway_key.name} secret={created.key} />
      </Modal>
    );
  }

  return (
    <Modal
      title="Create gateway key"
      onClose={props.onClose}
      footer={
        <FormButtons formId={ids + "form"} busy={busy} submitLabel="Create key" busyLabel="Creating…" onCancel={props.onClose} />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate>
        <p className="note">
          Applications call endpoints with a gateway key. It acts as its owner, limited to the endpoints chosen here.
        </p>
        <div className="field">
          <FieldLabel htmlFor={ids + "name"} required>
            Name
          </FieldLabel>
          <input
            id={ids + "name"}
            className="input"
            autoComplete="off"
            placeholder="e.g. support-bot-production"
            value={name}
            aria-invalid={attempted && nameProblem ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {attempted && nameProblem && <span className="field-error">{nameProblem}</span>}
        </div>
        {props.users && (
          <div className="field">
            <label htmlFor={ids + "owner"}>Owner</label>
            <select id={ids + "owner"} className="input" value={owner} onChange={(e) => setOwner(e.target.value)}>
              {props.users.map((u) => (
                <option key={u.id} value={u.username}>
                  {u.username}
                  {u.username === props.me ? " (you)" : ""}
                </option>
              ))}
            </select>
            <span className="hint">The key can do what its owner may do, and no more.</span>
          </div>
        )}
        <EndpointChecklist endpoints={props.endpoints} selected={selected} onChange={setSelected} owner={owner} />
        <div className="field">
          <label htmlFor={ids + "expiry"}>Expires</label>
          <input
            id={ids + "expiry"}
            className="input gkeys-date"
            type="date"
            min={today()}
            value={expiry}
            aria-invalid={expiryProblem ? true : undefined}
            aria-describedby={ids + "expiry-hint"}
            onChange={(e) => setExpiry(e.target.value)}
          />
          {expiryProblem ? (
            <span className="field-error" id={ids + "expiry-hint"}>
              {expiryProblem}
            </span>
          ) : (
            <span className="hint" id={ids + "expiry-hint"}>
              Optional. The key stops working at the end of that day (your time zone); empty means it never expires.
            </span>
          )}
        </div>
        {error && <ErrorMessage message={error} />}
      </form>
    </Modal>
  );
}

/** The endpoints a key may call, as checkboxes; none checked means every endpoint the owner may use. */
function EndpointChecklist(props: {
  endpoints: Endpoint[];
  selected: string[];
  onChange: (ids: string[]) => void;
  owner: string;
}) {
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return props.endpoints.filter((e) => !q || e.name.toLowerCase().includes(q));
  }, [props.endpoints, filter]);
  const toggle = (id: string, on: boolean) =>
    props.onChange(on ? [...props.selected, id] : props.selected.filter((s) => s !== id));
  return (
    <fieldset className="field gkeys-endpoints">
      <legend className="label">Endpoints</legend>
      {props.endpoints.length > 6 && (
        <SearchBox
          label="Filter endpoints"
          value={filter}
          onChange={setFilter}
          // It filters as one types: Enter here must not create the key half filled in.
          onKeyDown={(e) => {
            if (e.key === "Enter") e.preventDefault();
          }}
        />
      )}
      {props.endpoints.length === 0 ? (
        <p className="muted gkeys-none">No endpoints yet: the key will reach the ones its owner may use.</p>
      ) : (
        <div className="gkeys-checklist">
          {shown.map((e) => (
            <label key={e.endpoint_id}>
              <input
                type="checkbox"
                checked={props.selected.includes(e.endpoint_id)}
                onChange={(ev) => toggle(e.endpoint_id, ev.target.checked)}
              />
              {e.name}
            </label>
          ))}
          {shown.length === 0 && <p className="muted gkeys-none">No endpoint matches “{filter.trim()}”.</p>}
        </div>
      )}
      <span className="hint" aria-live="polite">
        {props.selected.length === 0
          ? `None chosen: every endpoint ${props.owner} may use, now and later.`
          : `${props.selected.length} chosen: the key can call only ${props.selected.length === 1 ? "this endpoint" : "these endpoints"}.`}
      </span>
    </fieldset>
  );
}

export function RevokeGatewayKeyDialog(props: { gatewayKey: GatewayKey; onClose: () => void; onDone: () => void }) {
  const k = props.gatewayKey;
  return (
    <ConfirmDialog
      title="Revoke gateway key"
      confirmLabel="Revoke key"
      busyLabel="Revoking…"
      onConfirm={() => api.revokeGatewayKey(k.key_id)}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <p>
        Revoke the key <strong>{k.name}</strong> (<code>{k.prefix}…</code>)?
      </p>
      <p>Its very next call is refused with 401. Applications using it stop working until they get a new key.</p>
    </ConfirmDialog>
  );
}

export function DeleteGatewayKeyDialog(props: { gatewayKey: GatewayKey; onClose: () => void; onDone: () => void }) {
  const k = props.gatewayKey;
  return (
    <ConfirmDialog
      title="Delete gateway key"
      confirmLabel="Delete key"
      onConfirm={() => api.deleteGatewayKey(k.key_id)}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <p>
        Delete the key <strong>{k.name}</strong> (<code>{k.prefix}…</code>)?
      </p>
      <p>
        {k.status === "active"
          ? "It stops working at once and disappears from this list."
          : "It disappears from this list."}
      </p>
    </ConfirmDialog>
  );
}

/** "2026-12-31" → the last millisecond of that day in the browser's time zone. */
function endOfDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).getTime();
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
