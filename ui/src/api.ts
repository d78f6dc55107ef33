import { call, callAt, GATEWAY, MLFLOW } from "./http";

// The management API (docs/management-api.md) and access control (docs/access.md), typed. Every
// screen talks to the gateway through these functions only; an error answer becomes an ApiError
// carrying the server's message (http.ts).

export { ApiError, messageOf } from "./http";

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

/** An endpoint's retries on the same target: see docs/resilience.md. */
export interface RetryConfig {
  max_retries: number;
  initial_backoff_ms: number;
  max_backoff_ms: number;
}

/** A target that failed lately (targets/status): cooling down, on probation, or failing but still serving. */
export interface TargetStatus {
  model_definition_id: string;
  provider: string;
  model_name: string;
  state: "ok" | "cooling_down" | "probing";
  consecutive_failures: number;
  /** Epoch milliseconds, while it cools down. */
  cooling_until?: number;
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
  /** Retries on the same target (Switchboard's); absent from older servers, read as none. */
  retry_config?: RetryConfig;
  /** The signed-in caller's own level on this endpoint; absent from older servers, read as MANAGE. */
  caller_permission?: PermissionLevel;
}

/** Something outside the gateway (a job, an app) recorded as using an endpoint: MLflow's endpoint binding. */
export interface Binding {
  endpoint_id: string;
  resource_type: string;
  resource_id: string;
  display_name?: string;
  created_at: number;
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

// ---- Access control (docs/access.md) ----

export interface User {
  id: string;
  username: string;
  is_admin: boolean;
  created_at: number;
}

export interface Session {
  auth_enabled: boolean;
  /** Present when signed in. */
  user?: User;
  /** Present when signed in with the session cookie; sent back on every write. */
  csrf_token?: string;
}

/** What a user may do with a resource, weakest first; NO_PERMISSIONS is only ever a default. */
export type PermissionLevel = "READ" | "USE" | "EDIT" | "MANAGE" | "NO_PERMISSIONS";
export const GRANTABLE_LEVELS: Exclude<PermissionLevel, "NO_PERMISSIONS">[] = ["READ", "USE", "EDIT", "MANAGE"];

const LEVEL_ORDER: PermissionLevel[] = ["NO_PERMISSIONS", "READ", "USE", "EDIT", "MANAGE"];

/** Whether the caller may do what needs `needed` on the endpoint: EDIT to change it, MANAGE to delete it. */
export function callerMay(e: Endpoint, needed: PermissionLevel): boolean {
  return LEVEL_ORDER.indexOf(e.caller_permission ?? "MANAGE") >= LEVEL_ORDER.indexOf(needed);
}

/** One user's grant on one resource. */
export interface Grant {
  user_id: string;
  username: string;
  permission: PermissionLevel;
}

export interface Grants {
  permissions: Grant[];
  /** What every user not listed gets. */
  default_permission: PermissionLevel;
}

export type GatewayKeyStatus = "active" | "revoked" | "expired";

export interface GatewayKey {
  key_id: string;
  name: string;
  /** The key's first characters, e.g. "sb-AbCdEf": enough to recognise it, never to use it. */
  prefix: string;
  owner: string;
  /** The endpoints the key may call; empty means every endpoint its owner may use. */
  endpoints: { endpoint_id: string; name: string }[];
  created_at: number;
  expires_at?: number;
  revoked_at?: number;
  last_used_at?: number;
  status: GatewayKeyStatus;
}

export interface CreatedGatewayKey {
  gateway_key: GatewayKey;
  /** The key itself ("sb-..."): in this answer only, never again. */
  key: string;
}

// ---- Budgets (docs/limits.md) ----

/** What a budget counts: every call, or the calls to one endpoint, of one user, or with one gateway key. */
export type BudgetScope = "GLOBAL" | "ENDPOINT" | "USER" | "GATEWAY_KEY";
/** What a budget does once its window's spend reaches the amount. */
export type BudgetAction = "ALERT" | "REJECT";
export type BudgetDurationUnit = "MINUTES" | "HOURS" | "DAYS" | "WEEKS" | "MONTHS";

/** One window of a budget and what was spent in it (budgets/windows, and a budget's current_window). */
export interface BudgetWindow {
  budget_policy_id: string;
  window_start_ms: number;
  /** Exclusive: when the window ends and the next one starts at $0. */
  window_end_ms: number;
  /** US dollars. */
  current_spend: number;
  /** Whether the spend has reached the budget's amount (as it is now). */
  exceeded: boolean;
  /** When the window was marked as alerted (ALERT budgets that reached their amount). */
  alerted_at_ms?: number;
}

/** A budget (MLflow's budget policy), as the management API answers it. */
export interface Budget {
  budget_policy_id: string;
  budget_unit: "USD";
  /** US dollars per window. */
  budget_amount: number;
  duration: { unit: BudgetDurationUnit; value: number };
  /** The zone whose wall clock the windows follow, e.g. "UTC" or "Europe/Paris". */
  time_zone: string;
  target_scope: BudgetScope;
  /** The endpoint id, user name or gateway key id; absent for GLOBAL. */
  target_value?: string;
  budget_action: BudgetAction;
  webhook_url?: string;
  /** Whether a webhook signing secret is stored (its value is never answered). */
  has_webhook_secret: boolean;
  created_by?: string;
  created_at: number;
  last_updated_by?: string;
  last_updated_at: number;
  current_window: BudgetWindow;
}

/** What budgets/create takes, and budgets/update (with budget_policy_id; absent fields are kept). */
export interface BudgetFields {
  budget_amount: number;
  duration: { unit: BudgetDurationUnit; value: number };
  time_zone: string;
  target_scope: BudgetScope;
  target_value?: string;
  budget_action: BudgetAction;
  /** "" removes the stored webhook (on update). */
  webhook_url?: string;
  /** Write-only; empty or absent keeps the stored one. */
  webhook_secret?: string;
}

/** Every budget, following budgets/list's pages. */
async function listAllBudgets(): Promise<Budget[]> {
  const all: Budget[] = [];
  let page_token: string | undefined;
  do {
    const r = await call<{ budget_policies?: Budget[]; next_page_token?: string }>("GET", "budgets/list", undefined, {
      max_results: "1000",
      page_token,
    });
    all.push(...(r.budget_policies ?? []));
    page_token = r.next_page_token;
  } while (page_token);
  return all;
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
    usage_tracking?: boolean;
    retry_config?: RetryConfig;
  }) => call<{ endpoint: Endpoint }>("POST", "endpoints/update", body).then((r) => r.endpoint),
  /** The targets that failed lately, by model definition; absent ones serve normally. */
  targetStatus: () =>
    call<{ targets?: TargetStatus[] }>("GET", "targets/status").then((r) => r.targets ?? []),
  deleteEndpoint: (endpoint_id: string) => call<{}>("DELETE", "endpoints/delete", { endpoint_id }),
  listBindings: () =>
    call<{ bindings?: Binding[] }>("GET", "endpoints/bindings/list").then((r) => r.bindings ?? []),

  supportedProviders: () =>
    call<{ providers: string[]; provider_details?: ProviderDetail[] }>("GET", "supported-providers"),
  providerConfig: (provider: string) => call<ProviderConfig>("GET", "provider-config", undefined, { provider }),
  supportedModels: (provider: string) =>
    call<{ models?: CatalogModel[] }>("GET", "supported-models", undefined, { provider }).then((r) => r.models ?? []),

  // Session
  session: () => call<Session>("GET", "auth/session"),
  signIn: (username: string, password: string) =>
    callAt<{ user: User; csrf_token: string }>(GATEWAY, "POST", "auth/sign-in", { username, password }, { expect401: true }),
  signOut: () => call<{}>("POST", "auth/sign-out", {}),

  // Users (MLflow's routes, under api/2.0/mlflow/)
  listUsers: () => callAt<{ users?: User[] }>(MLFLOW, "GET", "users/list").then((r) => r.users ?? []),
  getUser: (username: string) =>
    callAt<{ user: User }>(MLFLOW, "GET", "users/get", undefined, { params: { username } }).then((r) => r.user),
  createUser: (body: { username: string; password: string; is_admin?: boolean }) =>
    callAt<{ user: User }>(MLFLOW, "POST", "users/create", body).then((r) => r.user),
  updatePassword: (username: string, password: string) =>
    callAt<{}>(MLFLOW, "PATCH", "users/update-password", { username, password }),
  updateAdmin: (username: string, is_admin: boolean) =>
    callAt<{}>(MLFLOW, "PATCH", "users/update-admin", { username, is_admin }),
  deleteUser: (username: string) => callAt<{}>(MLFLOW, "DELETE", "users/delete", { username }),

  // Gateway keys: what applications send to call endpoints
  listGatewayKeys: () =>
    call<{ gateway_keys?: GatewayKey[] }>("GET", "gateway-keys/list").then((r) => r.gateway_keys ?? []),
  createGatewayKey: (body: { name: string; endpoint_ids?: string[]; expires_at?: number; owner?: string }) =>
    call<CreatedGatewayKey>("POST", "gateway-keys/create", body),
  revokeGatewayKey: (key_id: string) =>
    call<{ gateway_key: GatewayKey }>("POST", "gateway-keys/revoke", { key_id }).then((r) => r.gateway_key),
  deleteGatewayKey: (key_id: string) => call<{}>("DELETE", "gateway-keys/delete", { key_id }),

  // Budgets: what calls may cost per window (admins change them; every signed-in user reads them)
  listBudgets: listAllBudgets,
  createBudget: (body: BudgetFields) =>
    call<{ budget_policy: Budget }>("POST", "budgets/create", body).then((r) => r.budget_policy),
  updateBudget: (body: Partial<BudgetFields> & { budget_policy_id: string }) =>
    call<{ budget_policy: Budget }>("POST", "budgets/update", body).then((r) => r.budget_policy),
  deleteBudget: (budget_policy_id: string) => call<{}>("DELETE", "budgets/delete", { budget_policy_id }),
  /** A budget's windows: the current one first, then the earlier ones, the latest first. */
  budgetWindows: (budget_policy_id: string, max_results = 50) =>
    call<{ windows?: BudgetWindow[] }>("GET", "budgets/windows", undefined, {
      budget_policy_id,
      max_results: String(max_results),
    }).then((r) => r.windows ?? []),
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

/** The resources users can be granted access to, with the id field and answer key of their routes. */
const PERMISSION_KINDS = {
  endpoints: { idField: "endpoint_id", answerKey: "gateway_endpoint_permission" },
  secrets: { idField: "secret_id", answerKey: "gateway_secret_permission" },
  "model-definitions": { idField: "model_definition_id", answerKey: "gateway_model_definition_permission" },
} as const;

type PermissionKind = keyof typeof PERMISSION_KINDS;

/** The five permission routes of one kind of resource; each needs MANAGE on that resource. */
function permissionRoutes(kind: PermissionKind) {
  const { idField, answerKey } = PERMISSION_KINDS[kind];
  const path = kind + "/permissions/";
  const grantOf = (r: Record<string, Grant>) => r[answerKey];
  return {
    list: (id: string) =>
      call<Partial<Grants>>("GET", path + "list", undefined, { [idField]: id }).then(
        (r): Grants => ({ permissions: r.permissions ?? [], default_permission: r.default_permission ?? "NO_PERMISSIONS" }),
      ),
    get: (id: string, username: string) =>
      call<Record<string, Grant>>("GET", path + "get", undefined, { [idField]: id, username }).then(grantOf),
    create: (id: string, username: string, permission: PermissionLevel) =>
      call<Record<string, Grant>>("POST", path + "create", { [idField]: id, username, permission }).then(grantOf),
    update: (id: string, username: string, permission: PermissionLevel) =>
      call<{}>("PATCH", path + "update", { [idField]: id, username, permission }),
    delete: (id: string, username: string) => call<{}>("DELETE", path + "delete", { [idField]: id, username }),
  };
}

/** Who may do what with each endpoint, API key (secret) and model definition. */
export const permissions = {
  endpoints: permissionRoutes("endpoints"),
  secrets: permissionRoutes("secrets"),
  modelDefinitions: permissionRoutes("model-definitions"),
};
