import { FormEvent, useId, useState } from "react";
import { api, AuthMode, Endpoint, messageOf, ProviderConfig, Secret } from "../api";
import { useProviderConfig, useProviders } from "../catalog";
import { providerName } from "../format";
import { links } from "../router";
import {
  createSecretFromDraft,
  CredentialFields,
  draftProblems,
  emptyDraft,
  fieldLabel,
  KeyNameField,
  NewKeyDraft,
  selectedMode,
  toSecretRequest,
} from "./ApiKeyConfigurator";
import { credentialProblems, useShownProblems } from "./apiKeyProblems";
import { ConfirmDialog } from "./ConfirmDialog";
import { ControlError, ErrorSummary, FieldProblem } from "./FormErrors";
import { FieldLabel } from "./Fields";
import { FormButtons, Modal } from "./Modal";
import { ProviderSelect } from "./ProviderSelect";
import { ErrorMessage } from "./States";

// The API Keys page's dialogs: create a key, edit one (rotate its value or change its config; the
// name is fixed, as the name is bound into the encryption), and delete one.

/** "Create API key": name, provider, then the provider's credential form. */
export function CreateApiKeyModal(props: {
  existingNames: string[];
  onClose: () => void;
  onCreated: (secret: Secret) => void;
}) {
  const ids = useId();
  const [provider, setProvider] = useState<string>();
  const [draft, setDraft] = useState<NewKeyDraft>(emptyDraft);
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const providerConfig = useProviderConfig(provider);
  const credPrefix = ids + "cred";

  // Every problem, each tied to its field; the credential fields' only once a provider is chosen.
  const problems: FieldProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ fieldId: ids + "name", message: "Enter an API key name" });
  else if (name.length > 255) {
    problems.push({ fieldId: ids + "name", message: "The API key name must be at most 255 characters" });
  } else if (props.existingNames.includes(name)) {
    problems.push({ fieldId: ids + "name", message: `An API key named "${name}" already exists: choose another name` });
  }
  if (!provider) problems.push({ fieldId: ids + "provider", message: "Select a provider" });
  else problems.push(...credentialProblems(draftProblems(providerConfig, draft, { requireName: false }), credPrefix));
  const shown = useShownProblems(ids + "problems", problems);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (shown.refuse() || !provider) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onCreated(await createSecretFromDraft(provider, draft, description));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Create API key"
      onClose={props.onClose}
      footer={
        <FormButtons
          formId={ids + "form"}
          busy={busy}
          submitLabel="Create API key"
          busyLabel="Creating…"
          onCancel={props.onClose}
        />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate>
        <ErrorSummary id={ids + "problems"} problems={shown.problems} action="create the API key" />
        <KeyNameField
          id={ids + "name"}
          value={draft.name}
          error={shown.at(ids + "name")}
          onChange={(name) => setDraft({ ...draft, name })}
        />
        <DescriptionField id={ids + "description"} value={description} onChange={setDescription} />
        <div className="field">
          <FieldLabel htmlFor={ids + "provider"} required>
            Provider
          </FieldLabel>
          <ProviderSelect id={ids + "provider"} value={provider} onChange={setProvider} />
          <ControlError forId={ids + "provider"} error={shown.at(ids + "provider")} />
        </div>
        {provider && (
          <CredentialFields
            provider={provider}
            draft={draft}
            onChange={setDraft}
            showName={false}
            idPrefix={credPrefix}
            errors={shown.byCredential(credPrefix)}
          />
        )}
        {error && <ErrorMessage message={error} />}
      </form>
    </Modal>
  );
}

/** "Edit API key": the name and provider are fixed; the value can be rotated and the config changed. */
export function EditApiKeyModal(props: {
  secret: Secret;
  endpoints: Endpoint[];
  onClose: () => void;
  onSaved: (secret: Secret) => void;
}) {
  const s = props.secret;
  const ids = useId();
  const originalMode = typeof s.auth_config?.auth_mode === "string" ? s.auth_config.auth_mode : "";
  const [draft, setDraft] = useState<NewKeyDraft>(() => ({
    name: s.secret_name,
    authMode: originalMode,
    secretValues: {},
    configValues: configValuesOf(s.auth_config),
  }));
  const [description, setDescription] = useState(s.description ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const providerConfig = useProviderConfig(s.provider);
  const config = providerConfig.config;

  // Empty secret fields keep the stored value, unless the user types one (then the set must be
  // complete, as the value is replaced whole) or switches the authentication method.
  const modeChanged = config !== undefined && draft.authMode !== "" && draft.authMode !== effectiveMode(config, originalMode);
  const typedSecret = Object.values(draft.secretValues).some((v) => v.trim() !== "");
  // The gateway sends a stored key somewhere new (another api_base ...) only with the key itself;
  // a key stored without a value (a self-hosted server's) has nothing to send, so it moves freely.
  const holdsAValue = Object.keys(s.masked_values ?? {}).length > 0;
  const destinationChanged =
    config !== undefined &&
    holdsAValue &&
    (selectedMode(config, draft)?.config_fields ?? []).some(
      (f) => f.key_destination && (draft.configValues[f.name] ?? "").trim() !== String(s.auth_config?.[f.name] ?? "").trim(),
    );
  const secretsOptional = !modeChanged && !destinationChanged;
  // Stored settings the form does not show (the auth mode lists no such field, e.g. when the key was
  // stored without a mode or over the API): sent back as they are, unless the method changes.
  const kept = config && !modeChanged ? otherSettings(s.auth_config, selectedMode(config, draft)) : {};

  const credPrefix = ids + "cred";
  // A key without a provider has no required fields: its values are all optional.
  const problems = s.provider
    ? credentialProblems(
        draftProblems(providerConfig, draft, { requireName: false, secretsOptional: secretsOptional && !typedSecret }),
        credPrefix,
      )
    : [];
  const shown = useShownProblems(ids + "problems", problems);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (shown.refuse()) return;
    setBusy(true);
    setError(undefined);
    const request = toSecretRequest(draft);
    try {
      const saved = await api.updateSecret({
        secret_id: s.secret_id,
        ...(typedSecret ? { secret_value: request.secret_value } : {}),
        ...(description.trim() !== (s.description ?? "") ? { description: description.trim() } : {}),
        // A key without a provider has no config form: its stored config is left as it is.
        ...(s.provider ? { auth_config: { ...request.auth_config, ...kept } } : {}),
      });
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  const providers = useProviders();
  return (
    <Modal
      title="Edit API key"
      onClose={props.onClose}
      footer={
        <FormButtons
          formId={ids + "form"}
          busy={busy}
          submitLabel="Save changes"
          busyLabel="Saving…"
          onCancel={props.onClose}
        />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate>
        <ErrorSummary id={ids + "problems"} problems={shown.problems} action="save the API key" />
        <div className="field">
          <label htmlFor={ids + "name"}>API key name</label>
          <input
            id={ids + "name"}
            className="input keys-readonly"
            readOnly
            value={s.secret_name}
            aria-describedby={ids + "name-hint"}
          />
          <span className="hint" id={ids + "name-hint"}>
            A key's name cannot be changed. To rename it, create a new key and delete this one.
          </span>
        </div>
        <DescriptionField id={ids + "description"} value={description} onChange={setDescription} />
        <dl className="keys-facts">
          <dt>Provider</dt>
          <dd>{s.provider ? (providers?.name(s.provider) ?? providerName(s.provider)) : "None"}</dd>
          <dt>Current value</dt>
          <dd>
            <MaskedValues secret={s} />
          </dd>
          <dt>Used by</dt>
          <dd>
            <EndpointLinks endpoints={props.endpoints} />
          </dd>
        </dl>
        <p className="note">
          {destinationChanged
            ? "Sending this key to a new address needs the key itself: type it again."
            : "Type a new value to rotate the key; leave it empty to keep the current one."}
          {props.endpoints.length > 0 && " Changes apply at once to the endpoints using it."}
        </p>
        {s.provider ? (
          <CredentialFields
            provider={s.provider}
            draft={draft}
            onChange={setDraft}
            showName={false}
            secretsOptional={secretsOptional}
            idPrefix={credPrefix}
            errors={shown.byCredential(credPrefix)}
          />
        ) : (
          <PlainSecretFields secret={s} idPrefix={ids + "plain"} draft={draft} onChange={setDraft} />
        )}
        {Object.keys(kept).length > 0 && (
          <p className="muted keys-kept">
            Also stored, and kept unless you change the authentication method: {Object.keys(kept).join(", ")}
          </p>
        )}
        {error && <ErrorMessage message={error} />}
      </form>
    </Modal>
  );
}

/** "Delete API key": names the endpoints whose models would lose their key. */
export function DeleteApiKeyModal(props: {
  secret: Secret;
  endpoints: Endpoint[];
  onClose: () => void;
  onDeleted: () => void;
}) {
  const s = props.secret;
  const one = props.endpoints.length === 1;
  return (
    <ConfirmDialog
      title="Delete API key"
      confirmLabel="Delete API key"
      onConfirm={() => api.deleteSecret(s.secret_id)}
      onClose={props.onClose}
      onDone={props.onDeleted}
    >
      <p>
        Delete the API key <strong>{s.secret_name}</strong>? Its value is erased and cannot be recovered.
      </p>
      {props.endpoints.length > 0 ? (
        <div className="keys-warning" role="note">
          <p>
            {one ? "This endpoint uses" : `These ${props.endpoints.length} endpoints use`} the key and will stop
            working: {one ? "its" : "their"} models that use it lose their key, so calls routed to them fail.
          </p>
          <EndpointLinks endpoints={props.endpoints} />
        </div>
      ) : (
        <p className="muted">No endpoint uses this key.</p>
      )}
    </ConfirmDialog>
  );
}

/** A key's optional description: free text such as the account or team it belongs to. */
function DescriptionField(props: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>Description</label>
      <input
        id={props.id}
        className="input"
        autoComplete="off"
        placeholder="Optional, e.g. the account or team this key belongs to"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** Each masked field as "api_key: sk-...abcd". */
export function MaskedValues(props: { secret: Secret }) {
  const entries = Object.entries(props.secret.masked_values ?? {});
  // A self-hosted server's key may hold no value: the gateway sends none.
  if (entries.length === 0) return <span className="muted">No key</span>;
  return (
    <span className="keys-masked">
      {entries.map(([field, masked]) => (
        <span key={field} className="keys-masked-field">
          <span className="muted">{field}:</span> <code>{masked}</code>
        </span>
      ))}
    </span>
  );
}

/** Endpoint names as links to their pages, or "None". */
export function EndpointLinks(props: { endpoints: Endpoint[] }) {
  if (props.endpoints.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="keys-endpoints">
      {props.endpoints.map((e) => (
        <li key={e.endpoint_id}>
          <a href={links.endpoint(e.endpoint_id)}>{e.name}</a>
        </li>
      ))}
    </ul>
  );
}

/** The value fields of a key stored without a provider: one masked input per stored field. */
function PlainSecretFields(props: {
  secret: Secret;
  idPrefix: string;
  draft: NewKeyDraft;
  onChange: (d: NewKeyDraft) => void;
}) {
  const fields = Object.keys(props.secret.masked_values ?? { api_key: "" });
  return (
    <>
      {fields.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={props.idPrefix + f}>{fieldLabel(f)}</label>
          <input
            id={props.idPrefix + f}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="Unchanged"
            value={props.draft.secretValues[f] ?? ""}
            onChange={(e) =>
              props.onChange({ ...props.draft, secretValues: { ...props.draft.secretValues, [f]: e.target.value } })
            }
          />
        </div>
      ))}
    </>
  );
}

function effectiveMode(config: ProviderConfig, mode: string): string | undefined {
  return selectedMode(config, { ...emptyDraft(), authMode: mode })?.mode;
}

/** The stored auth_config as form values: every setting but the auth mode, as text. */
function configValuesOf(authConfig: Record<string, unknown> | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(authConfig ?? {})) {
    if (k !== "auth_mode" && v !== null && v !== undefined) values[k] = String(v);
  }
  return values;
}

/** The stored settings that are not config fields of the mode, with their stored values. */
function otherSettings(
  authConfig: Record<string, unknown> | undefined,
  mode: AuthMode | undefined,
): Record<string, unknown> {
  const shown = new Set(mode?.config_fields.map((f) => f.name));
  return Object.fromEntries(Object.entries(authConfig ?? {}).filter(([k]) => k !== "auth_mode" && !shown.has(k)));
}
