import { useEffect, useId, useRef } from "react";
import { api, AuthMode, ConfigField, ProviderConfig, Secret } from "../api";
import { ProviderConfigState, useProviderConfig } from "../catalog";
import { formatDate } from "../format";
import { useLoadFor } from "../useLoad";
import { FieldLabel } from "./Fields";
import { ErrorMessage, Loading } from "./States";

// Choosing the API key of a model: a new one typed in place (CredentialFields) or an existing one
// of the same provider. The fields come from the gateway's provider-config.

export interface NewKeyDraft {
  name: string;
  authMode: string;
  secretValues: Record<string, string>;
  configValues: Record<string, string>;
}

export type ApiKeyChoice = { kind: "new"; draft: NewKeyDraft } | { kind: "existing"; secretId: string };

export function emptyDraft(): NewKeyDraft {
  return { name: "", authMode: "", secretValues: {}, configValues: {} };
}

const FIELD_LABELS: Record<string, string> = {
  api_key: "API Key",
  api_base: "API Base URL",
  api_version: "API Version",
  api_type: "API Type",
  aws_access_key_id: "AWS Access Key ID",
  aws_secret_access_key: "AWS Secret Access Key",
  aws_session_token: "AWS Session Token",
  aws_region_name: "AWS Region",
  aws_role_name: "AWS Role ARN",
  aws_session_name: "AWS Session Name",
  vertex_credentials: "Service Account Credentials",
  vertex_project: "Project ID",
  vertex_location: "Location",
  client_id: "Client ID",
  client_secret: "Client Secret",
  tenant_id: "Tenant ID",
  project_id: "Project ID",
  account_id: "Account ID",
  space_id: "Space ID",
};

const ACRONYMS = new Set(["api", "aws", "id", "url", "oci", "arn", "iam", "sts"]);

/** A credential field's label for people: api_key → "API Key", others title-cased. */
export function fieldLabel(name: string): string {
  if (FIELD_LABELS[name]) return FIELD_LABELS[name];
  return name
    .split(/[_-]/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** The draft's auth mode, or the provider's default when the draft names none (or an unknown one). */
export function selectedMode(config: ProviderConfig, draft: NewKeyDraft): AuthMode | undefined {
  return (
    config.auth_modes.find((m) => m.mode === draft.authMode) ??
    config.auth_modes.find((m) => m.mode === config.default_mode) ??
    config.auth_modes[0]
  );
}

function pick(values: Record<string, string>, fields: ConfigField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) if (values[f.name] !== undefined) out[f.name] = values[f.name];
  return out;
}

function filled(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}

function listLabels(fields: ConfigField[]): string {
  const labels = fields.map((f) => fieldLabel(f.name));
  return labels.length <= 1 ? labels.join("") : labels.slice(0, -1).join(", ") + " and " + labels[labels.length - 1];
}

/** What is missing or wrong in a draft for the provider's config, or undefined when it is complete. */
export function draftProblem(
  fields: Pick<ProviderConfigState, "config" | "error">,
  draft: NewKeyDraft,
  opts: { requireName?: boolean; secretsOptional?: boolean } = {},
): string | undefined {
  // The fields first: the form (name included) shows only once they have loaded.
  const config = fields.config;
  if (!config) {
    return fields.error
      ? "Could not load the provider's credential fields: " + fields.error
      : "The provider's credential fields are still loading";
  }
  if (opts.requireName ?? true) {
    if (!draft.name.trim()) return "Enter an API key name";
    if (draft.name.trim().length > 255) return "The API key name must be at most 255 characters";
  }
  const mode = selectedMode(config, draft);
  if (!mode) return "This provider has no authentication method";
  const missingSecrets = opts.secretsOptional
    ? []
    : mode.secret_fields.filter((f) => f.required && !filled(draft.secretValues[f.name]));
  const missingConfig = mode.config_fields.filter((f) => f.required && !filled(draft.configValues[f.name]));
  const missing = [...missingSecrets, ...missingConfig];
  if (missing.length > 0) return "Enter " + listLabels(missing);
  if (
    !opts.secretsOptional &&
    mode.secret_fields.length > 0 &&
    !mode.secret_fields.some((f) => filled(draft.secretValues[f.name]))
  ) {
    return (
      "Enter " +
      fieldLabel(mode.secret_fields[0].name) +
      ": the gateway stores at least one credential value (any text works if the server checks none)"
    );
  }
  return undefined;
}

/**
 * The draft as the API takes it: secret_value holds the non-empty secret fields; auth_config names
 * the auth mode (AuthCheck falls back to the provider's default without one, but the stored config
 * is then ambiguous, so it is always sent) and the non-empty config fields.
 */
export function toSecretRequest(draft: NewKeyDraft): {
  secret_value: Record<string, string>;
  auth_config: Record<string, unknown>;
} {
  const secret_value: Record<string, string> = {};
  for (const [k, v] of Object.entries(draft.secretValues)) if (filled(v)) secret_value[k] = v.trim();
  const auth_config: Record<string, unknown> = {};
  if (draft.authMode) auth_config.auth_mode = draft.authMode;
  for (const [k, v] of Object.entries(draft.configValues)) if (filled(v)) auth_config[k] = v.trim();
  return { secret_value, auth_config };
}

/** Creates the secret for the provider from the draft (with a description, if given) and returns it. */
export function createSecretFromDraft(provider: string, draft: NewKeyDraft, description = ""): Promise<Secret> {
  return api.createSecret({
    secret_name: draft.name.trim(),
    provider,
    ...toSecretRequest(draft),
    ...(description.trim() ? { description: description.trim() } : {}),
  });
}

/** The new key's name, unique among the gateway's keys. */
export function KeyNameField(props: { id: string; value: string; onChange: (name: string) => void }) {
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
        aria-describedby={props.id + "-hint"}
        placeholder="my-api-key"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="hint" id={props.id + "-hint"}>
        A unique name to identify this API key for reuse across endpoints
      </span>
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
          aria-describedby={hint ? id + "-hint" : undefined}
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
      </div>
    );
  }

  return (
    <div className="credential-fields">
      {(props.showName ?? true) && (
        <KeyNameField id={`${prefix}-name`} value={draft.name} onChange={(name) => onChange({ ...draft, name })} />
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
