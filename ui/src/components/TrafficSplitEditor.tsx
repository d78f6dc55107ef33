import { useCallback, useEffect, useRef, useState } from "react";
import { api, Secret } from "../api";
import { useProviders } from "../catalog";
import { useLoad } from "../useLoad";
import {
  ApiKeyChoice,
  CredentialFields,
  draftProblem,
  emptyDraft,
  loadProviderConfig,
  NewKeyDraft,
} from "./ApiKeyConfigurator";
import { Modal } from "./Modal";
import { ModelSelect } from "./ModelSelect";
import { ProviderSelect } from "./ProviderSelect";
import { ErrorMessage } from "./States";

// The traffic split editor (Priority 1) of the endpoint details page, and the target row pieces it
// shares with the fallback editor: one target is a provider, a model and an API key.

/** One editable target: a traffic-split row or a fallback. */
export interface TargetDraft {
  /** Stable React key: the mapping id for stored rows, a generated one for new rows. */
  rowId: string;
  provider?: string;
  model?: string;
  /** The API key: an existing secret, or a new one created on save. Undefined: none chosen yet. */
  key?: ApiKeyChoice;
  /** The percentage as typed (traffic split rows only). */
  percent: string;
  /** What the stored mapping points at, for rows loaded from the server. */
  original?: {
    definitionId: string;
    provider?: string;
    model?: string;
    secretId?: string;
    secretName?: string;
  };
}

let nextRow = 0;

export function newTarget(percent = ""): TargetDraft {
  nextRow += 1;
  return { rowId: "new-" + nextRow, percent };
}

function keySecretId(key: ApiKeyChoice | undefined): string | undefined {
  return key?.kind === "existing" ? key.secretId : undefined;
}

/** True when a stored row still points at exactly its stored model definition. */
export function isUnchanged(row: TargetDraft): boolean {
  const o = row.original;
  return (
    o !== undefined &&
    row.provider === o.provider &&
    row.model === o.model &&
    row.key?.kind !== "new" &&
    keySecretId(row.key) === o.secretId
  );
}

/** A stored row whose model definition lost its secret, still unchanged. */
export function isOrphan(row: TargetDraft): boolean {
  return row.original !== undefined && row.original.secretId === undefined && isUnchanged(row);
}

/** What is missing in a row before it can be saved, or undefined. */
export function targetProblem(row: TargetDraft): string | undefined {
  if (!row.provider) return "choose a provider";
  if (!row.model) return "choose a model";
  if (!row.key && !isOrphan(row)) return "choose an API key";
  return undefined;
}

/** Rows that resolve to the same model definition, as an identity string (new keys never match). */
export function targetIdentity(row: TargetDraft): string {
  if (isUnchanged(row)) return "definition:" + row.original!.definitionId;
  if (row.key?.kind === "existing") return [row.provider, row.model, row.key.secretId].join("|");
  return "row:" + row.rowId;
}

/** The whole percentage typed in a row, or undefined when it is not one from 1 to 100. */
export function parsePercent(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 100 ? n : undefined;
}

export function splitTotal(rows: TargetDraft[]): number {
  return rows.reduce((sum, r) => sum + (/^\d+$/.test(r.percent.trim()) ? Number(r.percent) : 0), 0);
}

// ---- API keys per provider ----

export interface SecretsCache {
  list: (provider: string) => Secret[] | undefined;
  error: (provider: string) => string | undefined;
  retry: (provider: string) => void;
  add: (provider: string, secret: Secret) => void;
}

/** The API keys of each provider in use, loaded once per provider (secrets/list?provider=). */
export function useSecrets(providers: (string | undefined)[]): SecretsCache {
  const [lists, setLists] = useState<Record<string, Secret[]>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const requested = useRef(new Set<string>());
  const wanted = Array.from(new Set(providers.filter((p): p is string => !!p)))
    .sort()
    .join("\n");

  useEffect(() => {
    for (const provider of wanted.split("\n").filter(Boolean)) {
      if (requested.current.has(provider)) continue;
      requested.current.add(provider);
      api.listSecrets(provider).then(
        (secrets) => {
          setLists((l) => ({ ...l, [provider]: secrets }));
          setErrors(({ [provider]: _, ...rest }) => rest);
        },
        (e: unknown) => {
          requested.current.delete(provider);
          setErrors((l) => ({ ...l, [provider]: e instanceof Error ? e.message : String(e) }));
        },
      );
    }
  }, [wanted, attempt]);

  return {
    list: useCallback((p: string) => lists[p], [lists]),
    error: useCallback((p: string) => errors[p], [errors]),
    retry: useCallback(() => setAttempt((a) => a + 1), []),
    add: useCallback(
      (p: string, secret: Secret) =>
        setLists((l) => ({
          ...l,
          [p]: [...(l[p] ?? []).filter((s) => s.secret_id !== secret.secret_id), secret],
        })),
      [],
    ),
  };
}

// ---- One target's provider, model and key ----

/**
 * The provider, model and API key cells of a target row. Each control is labelled "<Field> for
 * <label>" (e.g. "Model for model 2"); the column headers above the rows are only visual.
 */
export function TargetFields(props: {
  row: TargetDraft;
  label: string;
  idPrefix: string;
  secrets: SecretsCache;
  /** Names of new keys drafted in other rows, which this row's new key may not reuse. */
  draftedKeyNames: string[];
  onChange: (row: TargetDraft) => void;
  disabled?: boolean;
}) {
  const { row, label, idPrefix } = props;
  return (
    <>
      <div className="details-cell">
        <label className="details-sr-only" htmlFor={idPrefix + "-provider"}>
          Provider for {label}
        </label>
        <ProviderSelect
          id={idPrefix + "-provider"}
          value={row.provider}
          disabled={props.disabled}
          onChange={(provider) => {
            if (provider === row.provider) return;
            props.onChange({ ...row, provider, model: undefined, key: undefined });
          }}
        />
      </div>
      <div className="details-cell">
        <label className="details-sr-only" htmlFor={idPrefix + "-model"}>
          Model for {label}
        </label>
        <ModelSelect
          id={idPrefix + "-model"}
          provider={row.provider}
          value={row.model}
          disabled={props.disabled || !row.provider}
          onChange={(model) => props.onChange({ ...row, model })}
        />
      </div>
      <div className="details-cell">
        <KeyPicker {...props} />
      </div>
    </>
  );
}

const NEW_KEY = "__new__";

function KeyPicker(props: {
  row: TargetDraft;
  label: string;
  idPrefix: string;
  secrets: SecretsCache;
  draftedKeyNames: string[];
  onChange: (row: TargetDraft) => void;
  disabled?: boolean;
}) {
  const { row, label, secrets } = props;
  const providers = useProviders();
  const [dialog, setDialog] = useState(false);
  const provider = row.provider;
  const list = provider ? secrets.list(provider) : undefined;
  const loadError = provider ? secrets.error(provider) : undefined;
  const orphan = isOrphan(row);
  const selectId = props.idPrefix + "-key";

  // The stored key stays selectable even when it is filed under no provider (so not listed).
  const options = [...(list ?? [])];
  const o = row.original;
  if (o?.secretId && o.provider === provider && !options.some((s) => s.secret_id === o.secretId)) {
    options.unshift({ secret_id: o.secretId, secret_name: o.secretName ?? o.secretId, created_at: 0, last_updated_at: 0 });
  }
  const value = row.key?.kind === "existing" ? row.key.secretId : row.key?.kind === "new" ? NEW_KEY : "";
  let placeholder = "Choose an API key";
  if (!provider) placeholder = "No provider yet";
  else if (orphan) placeholder = "No API key (orphaned)";
  else if (!list && !loadError) placeholder = "Loading API keys…";
  else if (options.length === 0 && row.key?.kind !== "new") placeholder = "No API keys for this provider";

  return (
    <div className="details-key">
      <label className="details-sr-only" htmlFor={selectId}>
        API key for {label}
      </label>
      <div className="details-key-controls">
        <select
          id={selectId}
          className="input"
          value={value}
          disabled={props.disabled || !provider}
          aria-invalid={orphan ? true : undefined}
          onChange={(e) => {
            const v = e.target.value;
            if (v === NEW_KEY || v === "") return;
            props.onChange({ ...row, key: { kind: "existing", secretId: v } });
          }}
        >
          <option value="" disabled={!orphan && value !== ""}>
            {placeholder}
          </option>
          {options.map((s) => (
            <option key={s.secret_id} value={s.secret_id}>
              {s.secret_name}
            </option>
          ))}
          {row.key?.kind === "new" && <option value={NEW_KEY}>New: {row.key.draft.name}</option>}
        </select>
        <button
          type="button"
          className="button small"
          disabled={props.disabled || !provider}
          aria-label={(row.key?.kind === "new" ? "Edit the new API key for " : "Create a new API key for ") + label}
          onClick={() => setDialog(true)}
        >
          {row.key?.kind === "new" ? "Edit key" : "New key"}
        </button>
      </div>
      {orphan && <div className="details-warning">No API key (orphaned): this target is skipped until a key is chosen.</div>}
      {loadError && (
        <div className="details-field-error" role="alert">
          API keys could not be loaded: {loadError}{" "}
          <button type="button" className="button link small" onClick={() => provider && secrets.retry(provider)}>
            Retry
          </button>
        </div>
      )}
      {dialog && provider && (
        <NewKeyDialog
          provider={provider}
          providerName={providers?.name(provider) ?? provider}
          initial={row.key?.kind === "new" ? row.key.draft : emptyDraft()}
          takenNames={[...(list ?? []).map((s) => s.secret_name), ...props.draftedKeyNames]}
          idPrefix={props.idPrefix + "-newkey"}
          onClose={() => setDialog(false)}
          onDone={(draft) => {
            setDialog(false);
            props.onChange({ ...row, key: { kind: "new", draft } });
          }}
        />
      )}
    </div>
  );
}

/** A new API key for one row, kept as a draft until the endpoint is saved. */
function NewKeyDialog(props: {
  provider: string;
  providerName: string;
  initial: NewKeyDraft;
  takenNames: string[];
  idPrefix: string;
  onClose: () => void;
  onDone: (draft: NewKeyDraft) => void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const [tried, setTried] = useState(false);
  const config = useLoad(() => loadProviderConfig(props.provider), [props.provider]);
  const name = draft.name.trim();
  const problem =
    draftProblem(config.data, draft, { requireName: true }) ??
    (props.takenNames.includes(name) ? `An API key named "${name}" already exists` : undefined);

  function submit() {
    setTried(true);
    if (!problem && config.data) props.onDone({ ...draft, name });
  }

  return (
    <Modal
      title={"New API key for " + props.providerName}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={submit} disabled={!config.data}>
            Use this key
          </button>
        </>
      }
    >
      <p className="muted details-dialog-intro">
        The key is stored (encrypted) when you save the endpoint, and can then be reused by other endpoints.
      </p>
      {config.error && <ErrorMessage message={config.error} onRetry={config.reload} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <CredentialFields provider={props.provider} draft={draft} onChange={setDraft} showName idPrefix={props.idPrefix} />
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      {tried && problem && <ErrorMessage message={problem} />}
    </Modal>
  );
}

// ---- The traffic split ----

export function TrafficSplitEditor(props: {
  rows: TargetDraft[];
  onChange: (rows: TargetDraft[]) => void;
  secrets: SecretsCache;
  draftedKeyNames: (rowId: string) => string[];
  disabled?: boolean;
}) {
  const { rows } = props;
  const total = splitTotal(rows);
  const ok = total === 100;

  function update(index: number, row: TargetDraft) {
    props.onChange(rows.map((r, i) => (i === index ? row : r)));
  }

  return (
    <section className="card details-section" aria-labelledby="details-split-title">
      <div className="details-section-header">
        <div>
          <h3 id="details-split-title">
            Traffic split <span className="details-priority">Priority 1</span>
          </h3>
          <p className="muted">
            Each request goes to one of these models, chosen at random by percentage. The percentages must add up to
            100%.
          </p>
        </div>
      </div>
      <div className="details-rows details-split-rows">
        <div className="details-row details-row-head" aria-hidden="true">
          <span />
          <span>Provider</span>
          <span>Model</span>
          <span>API key</span>
          <span>Percentage</span>
          <span />
        </div>
        {rows.map((row, i) => {
          const label = "model " + (i + 1);
          const id = "details-split-" + row.rowId;
          const invalid = row.percent !== "" && parsePercent(row.percent) === undefined;
          return (
            <div className="details-row" key={row.rowId} role="group" aria-label={"Traffic split " + label}>
              <span className="details-index" aria-hidden="true">
                {i + 1}
              </span>
              <TargetFields
                row={row}
                label={label}
                idPrefix={id}
                secrets={props.secrets}
                draftedKeyNames={props.draftedKeyNames(row.rowId)}
                onChange={(r) => update(i, r)}
                disabled={props.disabled}
              />
              <div className="details-cell details-percent">
                <label className="details-sr-only" htmlFor={id + "-percent"}>
                  Percentage for {label}
                </label>
                <input
                  id={id + "-percent"}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  step={1}
                  value={row.percent}
                  aria-invalid={invalid || row.percent === "" ? true : undefined}
                  disabled={props.disabled}
                  onChange={(e) => update(i, { ...row, percent: e.target.value })}
                />
                <span aria-hidden="true">%</span>
              </div>
              <div className="details-cell details-row-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={"Remove " + label}
                  title={rows.length === 1 ? "An endpoint needs at least one model" : "Remove"}
                  disabled={props.disabled || rows.length === 1}
                  onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>
            </div>
          );
        })}
      </div>
      <div className="details-section-footer">
        <button
          type="button"
          className="button"
          disabled={props.disabled}
          onClick={() => props.onChange([...rows, newTarget("50")])}
        >
          + Add model
        </button>
        <span className={"details-total " + (ok ? "details-total-ok" : "details-total-bad")} aria-live="polite">
          Total: {total}%{!ok && " (must equal 100%)"}
        </span>
      </div>
    </section>
  );
}
