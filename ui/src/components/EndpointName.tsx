import { useEffect, useState } from "react";
import { api, Endpoint, messageOf } from "../api";
import { endpointNameError } from "../format";
import { useLoad } from "../useLoad";
import { failedAsDeleted } from "./EndpointEditor";
import { ErrorMessage } from "./States";

// The endpoint details page's title and Rename: the name is checked as it is typed, against the
// naming rules and the other endpoints' names (as on the Create endpoint page).

export function EndpointName(props: {
  endpoint: Endpoint;
  onRenamed: (e: Endpoint) => void;
  canRename: boolean;
  /** Told whether a new name is typed but not saved, whenever that changes. */
  onDirty: (dirty: boolean) => void;
  /** The endpoint was deleted elsewhere. */
  onGone: () => void;
  gone: boolean;
}) {
  const { endpoint } = props;
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string>();

  if (!editing) {
    return (
      <div className="page-header details-header">
        <div className="details-title">
          <h2>{endpoint.name}</h2>
          {props.canRename && !props.gone && (
            <button
              type="button"
              className="button small"
              onClick={() => {
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
    <RenameForm
      endpoint={endpoint}
      onDirty={props.onDirty}
      onGone={props.onGone}
      onClose={(renamed) => {
        setEditing(false);
        props.onDirty(false);
        if (renamed) {
          props.onRenamed(renamed);
          setNotice(`Renamed. Callers now use /gateway/${renamed.name}/…; the old path answers 404.`);
        }
      }}
    />
  );
}

function RenameForm(props: {
  endpoint: Endpoint;
  onDirty: (dirty: boolean) => void;
  onGone: () => void;
  onClose: (renamed?: Endpoint) => void;
}) {
  const { endpoint, onDirty } = props;
  const [name, setName] = useState(endpoint.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The other endpoints' names, for the duplicate check while typing.
  const others = useLoad(() => api.listEndpoints());
  const trimmed = name.trim();
  const taken = others.data?.some((e) => e.name === trimmed && e.endpoint_id !== endpoint.endpoint_id);
  const problem = endpointNameError(trimmed) ?? (taken ? `An endpoint named "${trimmed}" already exists` : undefined);
  const dirty = trimmed !== endpoint.name;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  async function save() {
    if (problem || busy) return;
    if (!dirty) {
      props.onClose();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      props.onClose(await api.updateEndpoint({ endpoint_id: endpoint.endpoint_id, name: trimmed }));
    } catch (e) {
      if (await failedAsDeleted(e, endpoint.endpoint_id)) {
        props.onClose();
        props.onGone();
        return;
      }
      setError(messageOf(e));
      // Someone took the name meanwhile: the check while typing learns of it.
      others.reload();
      setBusy(false);
    }
  }

  return (
    <form
      className="details-rename"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onClose();
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
            onChange={(e) => {
              setName(e.target.value);
              setError(undefined);
            }}
          />
          <button type="submit" className="button primary" disabled={!!problem || busy}>
            {busy ? "Saving…" : "Save name"}
          </button>
          <button type="button" className="button" onClick={() => props.onClose()} disabled={busy}>
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
            {dirty && <>; callers using /gateway/{endpoint.name}/… will get 404</>}.
          </span>
        )}
      </div>
      {error && <ErrorMessage message={error} />}
    </form>
  );
}
