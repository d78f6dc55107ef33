import { FormEvent, useEffect, useRef, useState } from "react";
import { api, ApiError, messageOf, ModelDefinition, Secret, uniqueDefinitionName } from "../api";
import { useProviderConfig, useProviders } from "../catalog";
import {
  ApiKeyChoice,
  ApiKeyConfigurator,
  createSecretFromDraft,
  draftProblems,
  emptyDraft,
  NewKeyDraft,
} from "../components/ApiKeyConfigurator";
import { Breadcrumb } from "../components/Breadcrumb";
import { FieldLabel } from "../components/Fields";
import { ControlError, ErrorSummary, errorsByField, FieldProblem, problemCount } from "../components/FormErrors";
import { ModelSelect } from "../components/ModelSelect";
import { ProviderSelect } from "../components/ProviderSelect";
import { ErrorMessage } from "../components/States";
import { endpointNameError } from "../format";
import { links } from "../router";
import { useLoad } from "../useLoad";
import { useUnsavedGuard } from "../useUnsavedGuard";

// Create endpoint (#/gateway/create): name, provider, model and API key, with a summary beside the
// form. Create runs secrets/create (new key only) → model-definitions/create → endpoints/create.

// A refused Create lists every problem at the top of the form and marks each at its field; they
// go away one by one as they are fixed. Leaving the page once anything was entered asks first.

type Step = "key" | "model" | "endpoint";
const SUMMARY_ID = "create-problems";
const KEY_PREFIX = "create-key";

/** Whether anything was typed into a new key's fields. */
function typedInto(draft: NewKeyDraft): boolean {
  const filled = (values: Record<string, string>) => Object.values(values).some((v) => v.trim() !== "");
  return draft.name.trim() !== "" || filled(draft.secretValues) || filled(draft.configValues);
}

/** The name's problem as the summary lists it, saying it is about the name. */
function nameProblem(text: string): string {
  return /name/i.test(text) ? text : "Name: " + text.charAt(0).toLowerCase() + text.slice(1);
}
const STEP_FAILED: Record<Step, string> = {
  key: "Could not create the API key",
  model: "Could not create the model definition",
  endpoint: "Could not create the endpoint",
};

export function CreateEndpointPage() {
  const providers = useProviders();
  const [name, setName] = useState("");
  const [nameTouched, setNameTouched] = useState(false);
  const [provider, setProvider] = useState<string>();
  const [model, setModel] = useState<string>();
  const [choice, setChoice] = useState<ApiKeyChoice>({ kind: "new", draft: emptyDraft() });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Create was clicked: every problem shows, at the top and at its field.
  const [attempted, setAttempted] = useState(false);
  // Counts refused submits: each one moves focus to the summary.
  const [refused, setRefused] = useState(0);
  // What an earlier, failed attempt already created: reused on retry instead of made twice.
  const [createdSecret, setCreatedSecret] = useState<Secret>();
  const createdDefinition = useRef<ModelDefinition>(undefined);

  const endpoints = useLoad(() => api.listEndpoints());
  const providerConfig = useProviderConfig(provider);
  const existingId = choice.kind === "existing" ? choice.secretId : undefined;
  const secrets = useLoad(
    () => (provider && existingId ? api.listSecrets(provider) : Promise.resolve([] as Secret[])),
    [provider, existingId],
  );

  const trimmed = name.trim();
  const nameError =
    endpointNameError(trimmed) ??
    (endpoints.data?.some((e) => e.name === trimmed) ? `An endpoint named "${trimmed}" already exists` : undefined);
  const showNameError = nameError !== undefined && (nameTouched || attempted);

  const keyProblems = provider && choice.kind === "new" ? draftProblems(providerConfig, choice.draft) : [];
  const problems: FieldProblem[] = [
    ...(nameError ? [{ fieldId: "create-name", message: nameProblem(nameError), atField: nameError }] : []),
    ...(provider ? [] : [{ fieldId: "create-provider", message: "Select a provider" }]),
    ...(model
      ? []
      : [{ fieldId: "create-model", message: "Select a model", focusId: provider ? undefined : "create-provider" }]),
    ...keyProblems.map((p) => ({ fieldId: p.field ? `${KEY_PREFIX}-${p.field}` : "create-key-heading", message: p.message })),
  ];
  const shown = attempted ? problems : [];
  const errors = errorsByField(shown);
  const keyErrors = Object.fromEntries(keyProblems.filter((p) => p.field && attempted).map((p) => [p.field, p.message]));

  // Anything entered is worth asking about before the page is left.
  const [done, setDone] = useState(false);
  const dirty = !done && (trimmed !== "" || !!provider || !!model || (choice.kind === "new" && typedInto(choice.draft)));
  const guard = useUnsavedGuard(dirty);

  useEffect(() => {
    if (refused > 0) document.getElementById(SUMMARY_ID)?.focus();
  }, [refused]);

  /** Every edit: a message about an earlier attempt no longer applies. */
  function edited() {
    setError(undefined);
  }

  const existingSecret =
    existingId === undefined
      ? undefined
      : (secrets.data?.find((s) => s.secret_id === existingId) ??
        (createdSecret?.secret_id === existingId ? createdSecret : undefined));
  const keySummary =
    choice.kind === "new"
      ? choice.draft.name.trim()
        ? `New "${choice.draft.name.trim()}"`
        : "New (not named yet)"
      : existingSecret
        ? `Existing "${existingSecret.secret_name}"`
        : "Existing";

  function onProvider(next: string) {
    if (next === provider) return;
    edited();
    setProvider(next);
    setModel(undefined);
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (problems.length > 0 || !provider || !model) {
      setAttempted(true);
      setRefused((n) => n + 1);
      return;
    }
    setBusy(true);
    setError(undefined);
    let step: Step = "key";
    try {
      let secretId: string;
      if (choice.kind === "new") {
        const secret = await createSecretFromDraft(provider, choice.draft);
        setCreatedSecret(secret);
        setChoice({ kind: "existing", secretId: secret.secret_id });
        secretId = secret.secret_id;
      } else {
        secretId = choice.secretId;
      }

      step = "model";
      let definition = createdDefinition.current;
      if (
        !definition ||
        definition.provider !== provider ||
        definition.model_name !== model ||
        definition.secret_id !== secretId
      ) {
        const taken = new Set((await api.listModelDefinitions()).map((d) => d.name));
        definition = await api.createModelDefinition({
          name: uniqueDefinitionName(trimmed, model, taken),
          secret_id: secretId,
          provider,
          model_name: model,
        });
        createdDefinition.current = definition;
      }

      step = "endpoint";
      const endpoint = await api.createEndpoint({
        name: trimmed,
        model_configs: [{ model_definition_id: definition.model_definition_id, linkage_type: "PRIMARY", weight: 1 }],
      });
      setDone(true);
      guard.leave(links.endpoint(endpoint.endpoint_id));
    } catch (err) {
      setError(`${STEP_FAILED[step]}: ${messageOf(err)}`);
      if (step === "endpoint" && err instanceof ApiError && err.code === "RESOURCE_ALREADY_EXISTS") endpoints.reload();
      setBusy(false);
    }
  }

  const providerName = provider ? (providers?.name(provider) ?? provider) : undefined;
  return (
    <div className="create-page">
      <Breadcrumb current="Create endpoint" />
      <div className="page-header">
        <h2>Create endpoint</h2>
      </div>
      <form className="create-layout" onSubmit={create} noValidate aria-label="Create endpoint">
        <div className="create-form">
          <ErrorSummary id={SUMMARY_ID} problems={shown} action="create the endpoint" />
          <section className="card" aria-labelledby="create-endpoint-heading">
            <h3 id="create-endpoint-heading">Endpoint</h3>
            <div className="field">
              <FieldLabel htmlFor="create-name" required>
                Name
              </FieldLabel>
              <input
                id="create-name"
                className="input"
                autoComplete="off"
                spellCheck={false}
                placeholder="my-chat-endpoint"
                required
                aria-required
                aria-invalid={showNameError}
                aria-describedby="create-name-path create-name-error"
                value={name}
                onChange={(e) => {
                  edited();
                  setName(e.target.value);
                  setNameTouched(true);
                }}
                onBlur={() => setNameTouched(true)}
              />
              <span className="hint" id="create-name-path">
                Your API path: <code className="create-path">/gateway/{trimmed || "<name>"}/...</code>
              </span>
              <span className="field-error" id="create-name-error" role="status">
                {showNameError ? nameError : ""}
              </span>
            </div>
          </section>

          <section className="card" aria-labelledby="create-model-heading">
            <h3 id="create-model-heading">Model</h3>
            <div className="field">
              <FieldLabel htmlFor="create-provider" required>
                Provider
              </FieldLabel>
              <ProviderSelect id="create-provider" value={provider} onChange={onProvider} disabled={busy} />
              <ControlError forId="create-provider" error={errors.get("create-provider")} />
            </div>
            <div className="field">
              <FieldLabel htmlFor="create-model" required>
                Model
              </FieldLabel>
              <ModelSelect
                id="create-model"
                provider={provider}
                value={model}
                onChange={(m) => {
                  edited();
                  setModel(m);
                }}
                disabled={busy}
              />
              <ControlError forId="create-model" error={errors.get("create-model")} />
            </div>
          </section>

          <section className="card" aria-labelledby="create-key-heading">
            <h3 id="create-key-heading">Authentication</h3>
            {createdSecret && existingId === createdSecret.secret_id && (
              <p className="note" role="status">
                The API key "{createdSecret.secret_name}" was created by the last attempt and will be used.
              </p>
            )}
            <ApiKeyConfigurator
              provider={provider}
              value={choice}
              onChange={(next) => {
                edited();
                setChoice(next);
              }}
              idPrefix={KEY_PREFIX}
              errors={keyErrors}
            />
          </section>
        </div>

        <aside className="create-summary card" aria-labelledby="create-summary-heading">
          <h3 id="create-summary-heading">Summary</h3>
          <dl>
            <dt>Name</dt>
            <dd>{trimmed || <span className="muted">Not set</span>}</dd>
            <dt>Path</dt>
            <dd>
              <code className="create-path">/gateway/{trimmed || "<name>"}/...</code>
            </dd>
            <dt>Provider</dt>
            <dd>{providerName ?? <span className="muted">Not selected</span>}</dd>
            <dt>Model</dt>
            <dd>{model ?? <span className="muted">Not selected</span>}</dd>
            <dt>API key</dt>
            <dd>{provider ? keySummary : <span className="muted">Not configured</span>}</dd>
          </dl>
          {error && <ErrorMessage message={error} />}
          {shown.length > 0 && !busy && (
            <p className="create-blocked field-error" id="create-blocked">
              {problemCount(shown.length)} to fix, listed at the top of the form
            </p>
          )}
          <div className="create-actions">
            <a className="button" href={links.endpoints}>
              Cancel
            </a>
            <button
              type="submit"
              className="button primary"
              disabled={busy}
              aria-describedby={shown.length > 0 ? "create-blocked" : undefined}
            >
              {busy ? "Creating…" : "Create endpoint"}
            </button>
          </div>
        </aside>
      </form>
      {guard.dialog}
    </div>
  );
}
