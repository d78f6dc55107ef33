import { useEffect, useState } from "react";
import { api, ProviderDetail } from "./api";
import { COMMON_PROVIDERS, providerName } from "./format";

// The provider catalog, loaded once per page load and shared by every screen.

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

/** The catalog, or undefined while it loads (names fall back to title-cased ids meanwhile). */
export function useProviders(): Providers | undefined {
  const [providers, setProviders] = useState<Providers>();
  useEffect(() => {
    let live = true;
    loadProviders().then(
      (p) => live && setProviders(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return providers;
}

/** Common providers first, in MLflow's order, then the rest as the gateway lists them. */
export function commonFirst(all: ProviderDetail[]): ProviderDetail[] {
  const common = COMMON_PROVIDERS.map((id) => all.find((p) => p.id === id)).filter(
    (p): p is ProviderDetail => p !== undefined,
  );
  return [...common, ...all.filter((p) => !COMMON_PROVIDERS.includes(p.id))];
}
