import { ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { api, messageOf, Secret } from "../api";
import { useProviders } from "../catalog";
import { ApiKeyChoice, emptyDraft } from "./ApiKeyConfigurator";
import { ControlError } from "./FormErrors";
import { ModelSelect } from "./ModelSelect";
import { NewKeyDialog } from "./NewKeyDialog";
import { ProviderSelect } from "./ProviderSelect";

// What the traffic split and fallback editors of the endpoint details page share: one target is a
// provider, a model and an API key; each editor is a section of such rows.

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

/** What is missing in a row before it can be saved, and at which of its fields; or undefined. */
export function targetProblemAt(row: TargetDraft): { field: "provider" | "model" | "key"; text: string } | undefined {
  if (!row.provider) return { field: "provider", text: "choose a provider" };
  if (!row.model) return { field: "model", text: "choose a model" };
  if (!row.key && !isOrphan(row)) return { field: "key", text: "choose an API key" };
  return undefined;
}

/** What is missing in a row before it can be saved, or undefined. */
export function targetProblem(row: TargetDraft): string | undefined {
  return targetProblemAt(row)?.text;
}

/**
 * Rows that resolve to the same model definition, as an identity string: the same provider, model
 * and existing key (a save reuses one definition for them), or the same stored definition without
 * a key; new keys never match.
 */
export function targetIdentity(row: TargetDraft): string {
  if (row.key?.kind === "existing") return [row.provider, row.model, row.key.secretId].join("|");
  if (isUnchanged(row)) return "definition:" + row.original!.definitionId;
  return "row:" + row.rowId;
}

/** The whole number typed, or undefined when it is not one from min to max. */
export function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
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
          setErrors((l) => ({ ...l, [provider]: messageOf(e) }));
        },
      );
    }
  }, [wanted, attempt]);

  return {
    list: useCallback((p: string) => lists[p], [lists]),
    error: useCallback((p: string) => errors[p], [errors]),
    // Every failed provider is requested again (only failed ones left the requested set).
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

// ---- The section and row frame both editors use ----

/** An editor card: title with its priority, what it does, the rows, and a footer with the add button. */
export function EditorSection(props: {
  id: string;
  title: string;
  priority: number;
  description: ReactNode;
  addLabel: string;
  onAdd: () => void;
  disabled?: boolean;
  /** More footer content, beside the add button. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card details-section" aria-labelledby={props.id + "-title"}>
      <div className="details-section-header">
        <h3 id={props.id + "-title"}>
          {props.title} <span className="details-priority">Priority {props.priority}</span>
        </h3>
        <p className="muted">{props.description}</p>
      </div>
      {props.children}
      <div className="details-section-footer">
        <button type="button" className="button" disabled={props.disabled} onClick={props.onAdd}>
          + {props.addLabel}
        </button>
        {props.footer}
      </div>
    </section>
  );
}

/** The column titles above the rows: visual only, as every control is labelled on its own. */
export function TargetRowHead(props: { className?: string; extraColumn?: string }) {
  return (
    <div className={"details-row details-row-head " + (props.className ?? "")} aria-hidden="true">
      <span />
      <span>Provider</span>
      <span>Model</span>
      <span>API key</span>
      {props.extraColumn && <span>{props.extraColumn}</span>}
      <span />
    </div>
  );
}

/**
 * A cell's title, shown only on a phone, where the row stacks into a card and the column titles
 * above the rows are hidden. Hidden from screen readers: each control has its own full label.
 */
export function CellLabel(props: { text: string }) {
  return (
    <span className="details-cell-label" aria-hidden="true">
      {props.text}
    </span>
  );
}

/** A row's remove button ("Remove model 2"). */
export function RemoveRowButton(props: { label: string; title?: string; disabled?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={"Remove " + props.label}
      title={props.title ?? "Remove"}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      ×
    </button>
  );
}

// ---- One target's provider, model and key ----

interface TargetFieldsProps {
  row: TargetDraft;
  /** The row's name in labels: "model 2", "fallback 1". */
  label: string;
  idPrefix: string;
  secrets: SecretsCache;
  /** Names of new keys drafted in other rows, which this row's new key may not reuse. */
  draftedKeyNames: string[];
  onChange: (row: TargetDraft) => void;
  disabled?: boolean;
  /** The form's errors by control id: this row's show at its provider, model and key. */
  errors?: Map<string, string>;
}

/**
 * The provider, model and API key cells of a target row. Each control is labelled "<Field> for
 * <label>" (e.g. "Model for model 2"); the column headers above the rows are only visual.
 */
export function TargetFields(props: TargetFieldsProps) {
  const { row, label, idPrefix } = props;
  return (
    <>
      <div className="details-cell">
        <CellLabel text="Provider" />
        <label className="sr-only" htmlFor={idPrefix + "-provider"}>
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
        <ControlError forId={idPrefix + "-provider"} error={props.errors?.get(idPrefix + "-provider")} />
      </div>
      <div className="details-cell">
        <CellLabel text="Model" />
        <label className="sr-only" htmlFor={idPrefix + "-model"}>
          Model for {label}
        </label>
        <ModelSelect
          id={idPrefix + "-model"}
          provider={row.provider}
          value={row.model}
          disabled={props.disabled || !row.provider}
          onChange={(model) => props.onChange({ ...row, model })}
        />
        <ControlError forId={idPrefix + "-model"} error={props.errors?.get(idPrefix + "-model")} />
      </div>
      <div className="details-cell">
        <CellLabel text="API key" />
        <KeyPicker {...props} />
      </div>
    </>
  );
}

const NEW_KEY = "__new__";

/** The row's API key: one of the provider's keys, or a new one drafted in a dialog. */
function KeyPicker(props: TargetFieldsProps) {
  const { row, label, secrets } = props;
  const providers = useProviders();
  const [dialog, setDialog] = useState(false);
  const provider = row.provider;
  const list = provider ? secrets.list(provider) : undefined;
  const loadError = provider ? secrets.error(provider) : undefined;
  const orphan = isOrphan(row);
  const selectId = props.idPrefix + "-key";
  const error = props.errors?.get(selectId);

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
      <label className="sr-only" htmlFor={selectId}>
        API key for {label}
      </label>
      <div className="details-key-controls">
        <select
          id={selectId}
          className="input"
          value={value}
          disabled={props.disabled || !provider}
          aria-invalid={orphan || error ? true : undefined}
          aria-describedby={error ? selectId + "-error" : undefined}
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
          aria-label={(row.key?.kind === "new" ? "Edit key for " : "New key for ") + label}
          onClick={() => setDialog(true)}
        >
          {row.key?.kind === "new" ? "Edit key" : "New key"}
        </button>
      </div>
      {orphan && <div className="details-warning">No API key (orphaned): this target is skipped until a key is chosen.</div>}
      {error && (
        <div className="field-error" id={selectId + "-error"}>
          {error}
        </div>
      )}
      {loadError && (
        <div className="field-error" role="alert">
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
