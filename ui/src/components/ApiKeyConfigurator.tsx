import { useEffect, useId, useRef } from "react";
import { api, AuthMode, ConfigField, Secret } from "../api";
import { useProviderConfig } from "../catalog";
import { formatDate } from "../format";
import { useLoadFor } from "../useLoad";
import { FieldLabel } from "./Fields";
import { ApiKeyChoice, emptyDraft, fieldLabel, NewKeyDraft, pick, selectedMode } from "./keyDraft";
import { ErrorMessage, Loading } from "./States";

// Choosing the API key of a model: a new one typed in place (CredentialFields) or an existing one
// of the same provider. The fields come from the gateway's provider-config; the draft's rules are
// in keyDraft.ts (re-exported here for the pages that import them from this file).

export {
  createSecretFromDraft,
  draftProblems,
  emptyDraft,
  fieldLabel,
  selectedMode,
  toSecretRequest,
} from "./keyDraft";
export type { ApiKeyChoice, KeyProblem, NewKeyDraft } from "./keyDraft";

/** Each field's error, by field name ("name" for the key's name), shown at the field. */
export type FieldErrors = Record<string, string | undefined>;

/** The ids a field's input is described by: its hint and its error, when there are. */
function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? id + "-hint" : "", error ? id + "-error" : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** A field's error, where the field's aria-describedby points (see describedBy). */
export function FieldErrorText(props: { id: string; error: string | undefined }) {
  if (!props.error) return null;
  return (
    <span className="field-error" id={props.id + "-error"}>
      {props.error}
    </span>
  );
}

/** The new key's name, unique among the gateway's keys. */
export function KeyNameField(props: {
  id: string;
  value: string;
  onChange: (name: string) => void;
  error?: string;
}) {
  return (
    <div className="field">
      <FieldLabel htmlFor={props.id} required>
        API key name
      </FieldLabel>
      <input
        id={props.id}
        className="input"
        autoComplete="off"
        required
        aria-required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.id, true, props.error)}
        placeholder="my-api-key"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="hint" id={props.id + "-hint"}>
        A unique name to identify this API key for reuse across endpoints
      </span>
      <FieldErrorText id={props.id} error={props.error} />
    </div>
  );
}

/** The credential form for one provider: name, authentication method, secret and config fields. */
export function CredentialFields(props: {
  provider: string;
  draft: NewKeyDraft;
  onChange: (d: NewKeyDraft) => void;
  showName?: boolean;
  secretsOptional?: boolean;
  idPrefix?: string;
  /** Errors to show at the fields, by field name ("name" for the key's name). */
  errors?: FieldErrors;
}) {
  const generated = useId();
  const prefix = props.idPrefix ?? generated;
  const { draft, onChange, provider } = props;
  const { config, error, retry } = useProviderConfig(provider);
  // Values typed under another auth mode, kept so switching back restores them.
  const stash = useRef<Record<string, NewKeyDraft>>({});
  const lastProvider = useRef(provider);

  // A new provider starts from a clean slate (its fields mean something else); then the draft takes
  // the provider's default mode when it names none, keeping only the fields that mode has.
  useEffect(() => {
    let next = draft;
    if (lastProvider.current !== provider) {
      lastProvider.current = provider;
      stash.current = {};
      next = { ...draft, authMode: "", secretValues: {}, configValues: {} };
    }
    if (config) {
      const mode = selectedMode(config, next);
      if (mode && mode.mode !== next.authMode) {
        next = {
          ...next,
          authMode: mode.mode,
          secretValues: pick(next.secretValues, mode.secret_fields),
          configValues: pick(next.configValues, mode.config_fields),
        };
      }
    }
    if (next !== draft) onChange(next);
  }, [provider, config, draft, onChange]);

  if (error) return <ErrorMessage message={"Could not load the credential fields: " + error} onRetry={retry} />;
  if (!config) return <Loading label="Loading credential fields…" />;
  const mode = selectedMode(config, draft);

  function switchMode(next: AuthMode) {
    if (!mode || next.mode === mode.mode) return;
    stash.current[mode.mode] = draft;
    const saved = stash.current[next.mode];
    onChange({
      ...draft,
      authMode: next.mode,
      secretValues: { ...pick(draft.secretValues, next.secret_fields), ...pick(saved?.secretValues ?? {}, next.secret_fields) },
      configValues: { ...pick(draft.configValues, next.config_fields), ...pick(saved?.configValues ?? {}, next.config_fields) },
    });
  }

  function renderField(f: ConfigField, secret: boolean) {
    const id = `${prefix}-${f.name}`;
    const error = props.errors?.[f.name];
    const required = f.required && !(secret && props.secretsOptional);
    const values = secret ? draft.secretValues : draft.configValues;
    const hint =
      secret && props.secretsOptional
        ? (f.description ? f.description.replace(/\.$/, "") + ". " : "") + "Leave empty to keep the current value."
        : f.description;
    return (
      <div className="field" key={(secret ? "s:" : "c:") + f.name}>
        <FieldLabel htmlFor={id} required={required}>
          {fieldLabel(f.name)}
        </FieldLabel>
        <input
          id={id}
          className="input"
          type={secret ? "password" : "text"}
          autoComplete="off"
          spellCheck={false}
          required={required}
          aria-required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, !!hint, error)}
          placeholder={secret ? (props.secretsOptional ? "Unchanged" : "") : (f.default ?? "")}
          value={values[f.name] ?? ""}
          onChange={(e) =>
            onChange(
              secret
                ? { ...draft, secretValues: { ...draft.secretValues, [f.name]: e.target.value } }
                : { ...draft, configValues: { ...draft.configValues, [f.name]: e.target.value } },
            )
          }
        />
        {hint && (
          <span className="hint" id={id + "-hint"}>
            {hint}
          </span>
        )}
        <FieldErrorText id={id} error={error} />
      </div>
    );
  }

  return (
    <div className="credential-fields">
      {(props.showName ?? true) && (
        <KeyNameField
          id={`${prefix}-name`}
          value={draft.name}
          error={props.errors?.name}
          onChange={(name) => onChange({ ...draft, name })}
        />
      )}
      {config.auth_modes.length > 1 && (
        <fieldset className="field credential-modes">
          <legend className="label">Authentication method</legend>
          <div className="radio-group">
            {config.auth_modes.map((m) => (
              <label key={m.mode}>
                <input
                  type="radio"
                  name={`${prefix}-auth-mode`}
                  value={m.mode}
                  checked={mode?.mode === m.mode}
                  onChange={() => switchMode(m)}
                />
                <span>
                  <span className="credential-mode-name">{m.display_name}</span>
                  {m.description && <span className="hint credential-mode-description">{m.description}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {mode?.secret_fields.map((f) => renderField(f, true))}
      {mode?.config_fields.map((f) => renderField(f, false))}
    </div>
  );
}

/** "Create new API key" (CredentialFields) or "Use existing API key" (the provider's keys). */
export function ApiKeyConfigurator(props: {
  provider: string | undefined;
  value: ApiKeyChoice;
  onChange: (c: ApiKeyChoice) => void;
  /** The new key's field ids start with this ("<prefix>-name", "<prefix>-api_key"). */
  idPrefix?: string;
  /** Errors to show at the new key's fields, by field name. */
  errors?: FieldErrors;
}) {
  const groupName = useId();
  const { provider, value, onChange } = props;
  const secrets = useLoadFor(provider, (p) => (p ? api.listSecrets(p) : Promise.resolve([] as Secret[])));
  // The draft survives a round trip through "Use existing API key".
  const lastDraft = useRef<NewKeyDraft>(value.kind === "new" ? value.draft : emptyDraft());
  if (value.kind === "new") lastDraft.current = value.draft;
  const refreshedFor = useRef<string | undefined>(undefined);
  const lastProvider = useRef(provider);

  const list = secrets.data ?? [];
  const chosenMissing =
    value.kind === "existing" && !secrets.loading && secrets.data !== undefined && !list.some((s) => s.secret_id === value.secretId);

  useEffect(() => {
    // Another provider's key cannot be used: go back to a new key.
    if (lastProvider.current !== provider) {
      lastProvider.current = provider;
      if (value.kind === "existing") onChange({ kind: "new", draft: lastDraft.current });
    }
  }, [provider, value, onChange]);

  useEffect(() => {
    // A key chosen from outside (e.g. just created) that the list has not seen yet: fetch it again once.
    if (chosenMissing && value.kind === "existing" && refreshedFor.current !== value.secretId) {
      refreshedFor.current = value.secretId;
      secrets.reload();
    }
  }, [chosenMissing, value, secrets.reload]);

  if (!provider) return <p className="muted">Select a provider first.</p>;

  const noneExisting = !secrets.loading && !secrets.error && list.length === 0;
  const existingDisabled = secrets.loading || noneExisting || secrets.error !== undefined;
  const selectId = groupName + "-existing";
  const chosen = value.kind === "existing" ? list.find((s) => s.secret_id === value.secretId) : undefined;
  return (
    <div className="api-key-configurator">
      <fieldset className="field api-key-choice">
        <legend className="label">API key</legend>
        <div className="radio-group">
          <label>
            <input
              type="radio"
              name={groupName}
              checked={value.kind === "new"}
              onChange={() => onChange({ kind: "new", draft: lastDraft.current })}
            />
            <span>Create new API key</span>
          </label>
          <label className={existingDisabled ? "disabled" : undefined}>
            <input
              type="radio"
              name={groupName}
              checked={value.kind === "existing"}
              disabled={existingDisabled}
              aria-describedby={noneExisting ? groupName + "-none" : undefined}
              onChange={() => list[0] && onChange({ kind: "existing", secretId: list[0].secret_id })}
            />
            <span>
              Use existing API key
              {secrets.loading && <span className="hint api-key-none"> Loading keys…</span>}
              {noneExisting && (
                <span className="hint api-key-none" id={groupName + "-none"}>
                  No existing API keys for this provider.
                </span>
              )}
            </span>
          </label>
        </div>
      </fieldset>
      {secrets.error && (
        <ErrorMessage message={"Could not load the existing API keys: " + secrets.error} onRetry={secrets.reload} />
      )}
      {value.kind === "existing" && (
        <div className="field">
          <label htmlFor={selectId}>Existing API key</label>
          <select
            id={selectId}
            className="input"
            value={value.secretId}
            onChange={(e) => onChange({ kind: "existing", secretId: e.target.value })}
          >
            {chosenMissing && <option value={value.secretId}>{value.secretId}</option>}
            {list.map((s) => (
              <option key={s.secret_id} value={s.secret_id}>
                {secretLabel(s)}
              </option>
            ))}
          </select>
          {chosen && <span className="hint">Last updated {formatDate(chosen.last_updated_at)}</span>}
        </div>
      )}
      {value.kind === "new" && (
        <CredentialFields
          provider={provider}
          draft={value.draft}
          idPrefix={props.idPrefix}
          errors={props.errors}
          onChange={(draft) => onChange({ kind: "new", draft })}
        />
      )}
    </div>
  );
}

/** An existing key as one line: its name and its first masked value. */
function secretLabel(s: Secret): string {
  const masked = Object.values(s.masked_values ?? {})[0];
  return masked ? `${s.secret_name} (${masked})` : s.secret_name;
}
