import { Endpoint, fallbacks, primaries } from "./api";
import { Providers } from "./catalog";
import { providerName } from "./format";

// The Endpoints list's view: what its URL query holds (search, providers, "needs attention", sort,
// page, page size), read leniently (a value it does not know falls back to the default) and written
// with only what differs from the default; and the search and sort themselves.

export type SortKey = "name" | "provider" | "models" | "created" | "updated";
export type SortDir = "asc" | "desc";

export const PAGE_SIZES = [25, 50, 100];

export interface EndpointsView {
  q: string;
  providers: string[];
  /** Only endpoints with a health problem. */
  attention: boolean;
  sort: SortKey;
  dir: SortDir;
  /** 1-based. */
  page: number;
  size: number;
}

const SORT_KEYS: SortKey[] = ["name", "provider", "models", "created", "updated"];

/** The direction a column sorts in when first clicked: names A→Z, dates newest first. */
export function firstDir(key: SortKey): SortDir {
  return key === "created" || key === "updated" ? "desc" : "asc";
}

export const DEFAULT_VIEW: EndpointsView = {
  q: "",
  providers: [],
  attention: false,
  sort: "name",
  dir: "asc",
  page: 1,
  size: PAGE_SIZES[0],
};

export function readView(params: URLSearchParams): EndpointsView {
  const sort = SORT_KEYS.find((k) => k === params.get("sort")) ?? DEFAULT_VIEW.sort;
  const dir = params.get("dir");
  const size = Number(params.get("size"));
  const page = Number(params.get("page"));
  return {
    q: params.get("q") ?? "",
    providers: (params.get("provider") ?? "").split(",").filter(Boolean),
    attention: params.get("attention") === "1",
    sort,
    dir: dir === "asc" || dir === "desc" ? dir : firstDir(sort),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_VIEW.size,
  };
}

export function writeView(view: EndpointsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.providers.length > 0) params.set("provider", view.providers.join(","));
  if (view.attention) params.set("attention", "1");
  if (view.sort !== DEFAULT_VIEW.sort || view.dir !== DEFAULT_VIEW.dir) {
    params.set("sort", view.sort);
    params.set("dir", view.dir);
  }
  if (view.page !== 1) params.set("page", String(view.page));
  if (view.size !== DEFAULT_VIEW.size) params.set("size", String(view.size));
  return params;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Names compared as people expect: case-insensitive, "ep-2" before "ep-10". */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The providers serving an endpoint's traffic split, each once, in the split's order. */
export function providersOf(e: Endpoint): string[] {
  return unique(primaries(e).map((m) => m.model_definition?.provider).filter((p): p is string => !!p));
}

/** The providers of every endpoint in the list, sorted by id. */
export function providersIn(list: Endpoint[]): string[] {
  return unique(list.flatMap(providersOf)).sort();
}

function modelsOf(e: Endpoint): string {
  return [...primaries(e), ...fallbacks(e)].map((m) => m.model_definition?.model_name ?? m.model_definition_id).join(", ");
}

/**
 * The list in the view's order; ties (same provider, same time) are broken by name, A→Z, whatever the
 * direction, so the order is stable from page to page.
 */
export function sortEndpoints(list: Endpoint[], key: SortKey, dir: SortDir, providers: Providers | undefined): Endpoint[] {
  const nameOf = (id: string) => providers?.name(id) ?? providerName(id);
  const primary = (a: Endpoint, b: Endpoint): number => {
    switch (key) {
      case "name":
        return compareNames(a.name, b.name);
      case "provider":
        return compareNames(providersOf(a).map(nameOf).join(", "), providersOf(b).map(nameOf).join(", "));
      case "models":
        return compareNames(modelsOf(a), modelsOf(b));
      case "created":
        return a.created_at - b.created_at;
      case "updated":
        return a.last_updated_at - b.last_updated_at;
    }
  };
  const sign = dir === "asc" ? 1 : -1;
  return [...list].sort((a, b) => sign * primary(a, b) || compareNames(a.name, b.name));
}

export function matchesProviders(e: Endpoint, selected: string[]): boolean {
  return selected.length === 0 || providersOf(e).some((p) => selected.includes(p));
}

/** Name, any model (split or fallback) and any provider, by id or display name. */
export function matchesSearch(e: Endpoint, search: string, providers: Providers | undefined): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  const haystack = [e.name];
  for (const m of e.model_mappings) {
    const d = m.model_definition;
    if (!d) continue;
    haystack.push(d.model_name, d.provider, providers?.name(d.provider) ?? providerName(d.provider));
  }
  return haystack.some((s) => s.toLowerCase().includes(q));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
