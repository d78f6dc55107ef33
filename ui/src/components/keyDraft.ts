import { api, AuthMode, ConfigField, ProviderConfig, Secret } from "../api";
import { ProviderConfigState } from "../catalog";

// A new API key as typed (name, auth mode, secret and config fields), what is wrong with it, and the
// request that creates it. The fields come from the gateway's provider-config.

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

/** The values of these fields only. */
export function pick(values: Record<string, string>, fields: ConfigField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) if (values[f.name] !== undefined) out[f.name] = values[f.name];
  return out;
}

function filled(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}

/** One thing wrong in a draft: the field it belongs to ("name", a credential field's name, or "" for the form). */
export interface KeyProblem {
  field: string;
  message: string;
}

/**
 * Everything missing or wrong in a draft for the provider's config, in the form's order; empty when
 * it is complete. A mode that requires no secret field (a self-hosted server's, whose key is
 * optional) takes a draft with no secret at all: the gateway then stores no key.
 */
export function draftProblems(
  fields: Pick<ProviderConfigState, "config" | "error">,
  draft: NewKeyDraft,
  opts: { requireName?: boolean; secretsOptional?: boolean } = {},
): KeyProblem[] {
  // The fields first: the form (name included) shows only once they have loaded.
  const config = fields.config;
  if (!config) {
    return [
      {
        field: "",
        message: fields.error
          ? "Could not load the provider's credential fields: " + fields.error
          : "The provider's credential fields are still loading",
      },
    ];
  }
  const problems: KeyProblem[] = [];
  if (opts.requireName ?? true) {
    if (!draft.name.trim()) problems.push({ field: "name", message: "Enter an API key name" });
    else if (draft.name.trim().length > 255) {
      problems.push({ field: "name", message: "The API key name must be at most 255 characters" });
    }
  }
  const mode = selectedMode(config, draft);
  if (!mode) return [...problems, { field: "", message: "This provider has no authentication method" }];
  const missingSecrets = opts.secretsOptional
    ? []
    : mode.secret_fields.filter((f) => f.required && !filled(draft.secretValues[f.name]));
  const missingConfig = mode.config_fields.filter((f) => f.required && !filled(draft.configValues[f.name]));
  for (const f of [...missingSecrets, ...missingConfig]) {
    problems.push({ field: f.name, message: "Enter " + fieldLabel(f.name) });
  }
  return problems;
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

