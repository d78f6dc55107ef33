import { useEffect } from "react";
import { api, CatalogModel, ProviderConfig, ProviderDetail } from "./api";
import { COMMON_PROVIDERS, providerName } from "./format";
import { useLoad, useLoadFor } from "./useLoad";

// The provider catalog (providers, each provider's credential fields and models), loaded once per
// page load and shared by every screen.

export interface Providers {
  /** Every provider in the gateway's order (common ones first). */
  all: ProviderDetail[];
  byId: Map<string, ProviderDetail>;
  /** A provider's display name, falling back to a title-cased id. */
  name: (id: string | undefined) => string;
}

let cached: Promise<Providers> | undefined;

export function loadProviders(): Promise<Providers> {
  if (!cached) {
    cached = api.supportedProviders().then((r) => {
      const details: ProviderDetail[] =
        r.provider_details ??
        r.providers.map((id) => ({ id, display_name: providerName(id), invocable: true, allowed: true }));
      const byId = new Map(details.map((d) => [d.id, d]));
      return { all: details, byId, name: (id) => providerName(id, id ? byId.get(id)?.display_name : undefined) };
    });
    cached.catch(() => (cached = undefined));
  }
  return cached;
}

/**
 * The catalog, or undefined while it loads (names fall back to title-cased ids meanwhile, and while
 * the gateway cannot be reached: the load is tried again by itself, see useLoad).
 */
export function useProviders(): Providers | undefined {
  return useLoad(loadProviders).data;
}

/** Common providers first, in MLflow's order, then the rest as the gateway lists them. */
export function commonFirst(all: ProviderDetail[]): ProviderDetail[] {
  const common = COMMON_PROVIDERS.map((id) => all.find((p) => p.id === id)).filter(
    (p): p is ProviderDetail => p !== undefined,
  );
  return [...common, ...all.filter((p) => !COMMON_PROVIDERS.includes(p.id))];
}

/** One request per provider for the page's life; a failed one is forgotten, so the next call retries. */
function oncePerProvider<T>(load: (provider: string) => Promise<T>): (provider: string) => Promise<T> {
  const requests = new Map<string, Promise<T>>();
  return (provider) => {
    let request = requests.get(provider);
    if (!request) {
      request = load(provider);
      requests.set(provider, request);
      request.catch(() => requests.delete(provider));
    }
    return request;
  };
}

/** The provider's auth modes and credential fields. */
export const loadProviderConfig: (provider: string) => Promise<ProviderConfig> = oncePerProvider(api.providerConfig);

/** The provider's catalog models. */
export const loadModels: (provider: string) => Promise<CatalogModel[]> = oncePerProvider(api.supportedModels);

const configRetries = new Set<() => void>();

/** Retries every failed provider-config load on the page (each form showing fields follows). */
function retryProviderConfigs() {
  configRetries.forEach((retry) => retry());
}

export interface ProviderConfigState {
  /** The current provider's config once loaded (never a previous provider's). */
  config?: ProviderConfig;
  /** Why the latest load failed. */
  error?: string;
  retry: () => void;
}

/**
 * The provider's credential fields. Every component asking for the same provider shares one
 * request, and a retry from any of them reloads them all, so a form and the check of its draft
 * never disagree about whether the fields loaded.
 */
export function useProviderConfig(provider: string | undefined): ProviderConfigState {
  const loaded = useLoadFor(provider, (p) => (p ? loadProviderConfig(p) : Promise.resolve(undefined)));
  const { reload } = loaded;
  useEffect(() => {
    configRetries.add(reload);
    return () => {
      configRetries.delete(reload);
    };
  }, [reload]);
  return { config: loaded.data, error: loaded.error, retry: retryProviderConfigs };
}
