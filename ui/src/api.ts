// The management API (docs/management-api.md), typed. Every screen talks to the gateway through
// these functions only; an error answer becomes an ApiError carrying the server's message.

const BASE = "api/3.0/mlflow/gateway/";

export interface Secret {
  secret_id: string;
  secret_name: string;
  masked_values?: Record<string, string>;
  created_at: number;
  last_updated_at: number;
  provider?: string;
  created_by?: string;
  last_updated_by?: string;
  auth_config?: Record<string, unknown>;
  /** Free text for people; absent when the key has none. */
  description?: string;
}

export interface ModelDefinition {
  model_definition_id: string;
  name: string;
  secret_id?: string;
  secret_name?: string;
  provider: string;
  model_name: string;
  created_at: number;
  last_updated_at: number;
}

export type Linkage = "PRIMARY" | "FALLBACK";

export interface Mapping {
  mapping_id: string;
  endpoint_id: string;
  model_definition_id: string;
  model_definition?: ModelDefinition;
  weight: number;
  linkage_type: Linkage;
  fallback_order?: number;
  created_at: number;
}

export interface FallbackConfig {
  strategy: string;
  max_attempts: number;
}

export interface Endpoint {
  endpoint_id: string;
  name: string;
  created_at: number;
  last_updated_at: number;
  model_mappings: Mapping[];
  tags?: { key: string; value: string }[];
  routing_strategy?: string;
  fallback_config?: FallbackConfig;
  usage_tracking?: boolean;
}

export interface ModelConfig {
  model_definition_id: string;
  linkage_type: Linkage;
  weight?: number;
  fallback_order?: number;
}

export interface SecretsConfig {
  secrets_available: boolean;
  using_default_passphrase: boolean;
  gateway_available: boolean;
  message?: string;
}

export interface ProviderDetail {
  id: string;
  display_name: string;
  invocable: boolean;
  allowed: boolean;
  docs_url?: string;
  /** Why the gateway cannot call this provider, from the provider table; present when not invocable. */
  not_callable_reason?: string;
}

export interface ConfigField {
  name: string;
  type: string;
  description?: string;
  required: boolean;
  default?: string;
  /** A config field that decides where the key is sent (api_base ...): changing it takes the key. */
  key_destination?: boolean;
}

export interface AuthMode {
  mode: string;
  display_name: string;
  description?: string;
  secret_fields: ConfigField[];
  config_fields: ConfigField[];
}

export interface ProviderConfig {
  auth_modes: AuthMode[];
  default_mode: string;
}

export interface CatalogModel {
  model: string;
  provider: string;
  mode?: string;
  supports_function_calling?: boolean;
  supports_vision?: boolean;
  supports_reasoning?: boolean;
  supports_prompt_caching?: boolean;
  supports_response_schema?: boolean;
  max_input_tokens?: number;
  max_output_tokens?: number;
  input_cost_per_token?: number;
  output_cost_per_token?: number;
}

/** A failed call: the HTTP status and the server's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What to show for a thrown error: an ApiError's server message, or the error's own text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type Params = Record<string, string | undefined>;

function query(params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

async function call<T>(method: string, path: string, body?: unknown, params?: Params): Promise<T> {
  let response: Response;
  try {
    response = await fetch(BASE + path + query(params), {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "The gateway could not be reached. Is it running?");
  }
  const text = await response.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const message = json?.message ?? json?.detail ?? `The gateway answered ${response.status}.`;
    throw new ApiError(response.status, String(message), json?.error_code);
  }
  return json as T;
}

export const api = {
  secretsConfig: () => call<SecretsConfig>("GET", "secrets/config"),

  listSecrets: (provider?: string) =>
    call<{ secrets?: Secret[] }>("GET", "secrets/list", undefined, { provider }).then((r) => r.secrets ?? []),
  createSecret: (body: {
    secret_name: string;
    secret_value: Record<string, string>;
    provider?: string;
    auth_config?: Record<string, unknown>;
    description?: string;
  }) => call<{ secret: Secret }>("POST", "secrets/create", body).then((r) => r.secret),
  updateSecret: (body: {
    secret_id: string;
    secret_value?: Record<string, string>;
    auth_config?: Record<string, unknown>;
    /** Replaces the description; "" clears it. */
    description?: string;
  }) => call<{ secret: Secret }>("POST", "secrets/update", body).then((r) => r.secret),
  deleteSecret: (secret_id: string) => call<{}>("DELETE", "secrets/delete", { secret_id }),

  listModelDefinitions: () =>
    call<{ model_definitions?: ModelDefinition[] }>("GET", "model-definitions/list").then(
      (r) => r.model_definitions ?? [],
    ),
  createModelDefinition: (body: { name: string; secret_id: string; provider: string; model_name: string }) =>
    call<{ model_definition: ModelDefinition }>("POST", "model-definitions/create", body).then(
      (r) => r.model_definition,
    ),
  deleteModelDefinition: (model_definition_id: string) =>
    call<{}>("DELETE", "model-definitions/delete", { model_definition_id }),

  listEndpoints: () => call<{ endpoints?: Endpoint[] }>("GET", "endpoints/list").then((r) => r.endpoints ?? []),
  getEndpoint: (endpoint_id: string) =>
    call<{ endpoint: Endpoint }>("GET", "endpoints/get", undefined, { endpoint_id }).then((r) => r.endpoint),
  createEndpoint: (body: { name: string; model_configs: ModelConfig[]; fallback_config?: FallbackConfig }) =>
    call<{ endpoint: Endpoint }>("POST", "endpoints/create", body).then((r) => r.endpoint),
  updateEndpoint: (body: {
    endpoint_id: string;
    name?: string;
    model_configs?: ModelConfig[];
    fallback_config?: FallbackConfig;
  }) => call<{ endpoint: Endpoint }>("POST", "endpoints/update", body).then((r) => r.endpoint),
  deleteEndpoint: (endpoint_id: string) => call<{}>("DELETE", "endpoints/delete", { endpoint_id }),

  supportedProviders: () =>
    call<{ providers: string[]; provider_details?: ProviderDetail[] }>("GET", "supported-providers"),
  providerConfig: (provider: string) => call<ProviderConfig>("GET", "provider-config", undefined, { provider }),
  supportedModels: (provider: string) =>
    call<{ models?: CatalogModel[] }>("GET", "supported-models", undefined, { provider }).then((r) => r.models ?? []),
};

/** The endpoint's PRIMARY mappings (the traffic split) in stored order. */
export function primaries(endpoint: Endpoint): Mapping[] {
  return endpoint.model_mappings.filter((m) => m.linkage_type === "PRIMARY");
}

/** The endpoint's FALLBACK mappings in the order they are tried. */
export function fallbacks(endpoint: Endpoint): Mapping[] {
  return endpoint.model_mappings
    .filter((m) => m.linkage_type === "FALLBACK")
    .sort((a, b) => (a.fallback_order ?? 0) - (b.fallback_order ?? 0));
}

/**
 * A PRIMARY weight as a whole percentage: the API returns weights as written, either percentages
 * (70) or MLflow's fractions (0.7); a single PRIMARY takes all traffic whatever its weight.
 */
export function percentages(mappings: Mapping[]): number[] {
  if (mappings.length === 1) return [100];
  const total = mappings.reduce((sum, m) => sum + m.weight, 0);
  const asFractions = total > 0 && total <= 1.0001;
  return mappings.map((m) => Math.round(asFractions ? m.weight * 100 : m.weight));
}

/** A model definition name not taken yet: "<endpoint>-<model>", then "-2", "-3", … */
export function uniqueDefinitionName(endpoint: string, model: string, taken: Set<string>): string {
  const base = `${endpoint}-${model}`.slice(0, 240);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
