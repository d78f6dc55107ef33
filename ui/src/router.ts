import { useEffect, useState } from "react";

// Hash routes: #/gateway, #/gateway/create, #/gateway/endpoints/<id>, #/gateway/usage, #/gateway/budgets,
// #/gateway/api-keys, #/gateway/gateway-keys, #/gateway/users, and #/sign-in?next=<route to return to>. The
// Usage page and an endpoint's page keep their choices (range, filters, tab) in the query, so Back and reload
// restore them.

export type Route =
  | { page: "endpoints" }
  | { page: "create" }
  | { page: "endpoint"; id: string; search: string }
  | { page: "usage"; search: string }
  | { page: "budgets" }
  | { page: "api-keys" }
  | { page: "gateway-keys" }
  | { page: "users" }
  | { page: "sign-in"; next: string }
  | { page: "not-found"; path: string };

const HOME = "/gateway";

export function parseRoute(hash: string): Route {
  const [rawPath, search = ""] = hash.replace(/^#/, "").split("?", 2);
  const path = rawPath.replace(/\/+$/, "") || HOME;
  if (path === "/sign-in") return { page: "sign-in", next: returnPath(new URLSearchParams(search).get("next")) };
  if (path === "/gateway" || path === "/") return { page: "endpoints" };
  if (path === "/gateway/create") return { page: "create" };
  if (path === "/gateway/api-keys") return { page: "api-keys" };
  if (path === "/gateway/gateway-keys") return { page: "gateway-keys" };
  if (path === "/gateway/users") return { page: "users" };
  if (path === "/gateway/usage") return { page: "usage", search };
  if (path === "/gateway/budgets") return { page: "budgets" };
  const endpoint = /^\/gateway\/endpoints\/([^/]+)$/.exec(path);
  if (endpoint) return { page: "endpoint", id: decodeURIComponent(endpoint[1]), search };
  return { page: "not-found", path };
}

export const links = {
  endpoints: "#/gateway",
  create: "#/gateway/create",
  endpoint: (id: string, search = "") => "#/gateway/endpoints/" + encodeURIComponent(id) + withQuery(search),
  /** The Usage page; `search` is its query without "?" (range, bucket, filters, breakdown). */
  usage: (search = "") => "#/gateway/usage" + withQuery(search),
  budgets: "#/gateway/budgets",
  apiKeys: "#/gateway/api-keys",
  gatewayKeys: "#/gateway/gateway-keys",
  users: "#/gateway/users",
  /** The sign-in page, coming back to `next` (a route such as "/gateway/users") afterwards. */
  signIn: (next: string) => "#/sign-in" + (next && next !== HOME ? "?next=" + encodeURIComponent(next) : ""),
};

function withQuery(search: string): string {
  return search ? "?" + search : "";
}

/** A route to come back to after signing in: one of ours, never the sign-in page itself. */
function returnPath(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("/sign-in") ? next : HOME;
}

/** The route the browser is on now, e.g. "/gateway/users" (what the sign-in page returns to). */
export function currentPath(): string {
  return window.location.hash.replace(/^#/, "") || HOME;
}

/** Goes to href without leaving the current route in the history (for redirects). */
export function redirect(href: string) {
  window.location.replace(href.startsWith("#") ? href : "#" + href);
}

export function navigate(href: string) {
  window.location.hash = href.replace(/^#/, "");
}

// Route changes. The router is the one listener of the browser's hashchange; before anything
// follows a change (the page shown, a list's view, the folded navigation), a page with unsaved
// edits may stop it (useUnsavedGuard). The hash has already changed by then, so the guard puts it
// back itself; what follows routes never sees the change it stopped.

/** A page's say over leaving it: registered while it has unsaved edits. */
export interface LeaveGuard {
  /** Whether the guard stopped this hash change (it then asks, and has put the address back). */
  stops(e: HashChangeEvent): boolean;
  /** Asks before something other than a hash change leaves the page (signing out): runs `proceed` if the user agrees. */
  ask(proceed: () => unknown): void;
}

let leaveGuard: LeaveGuard | undefined;
const followers = new Set<() => void>();

window.addEventListener("hashchange", (e) => {
  if (leaveGuard?.stops(e)) return;
  followers.forEach((follow) => follow());
});

/** Registers the page's leave guard (one page is on screen at a time); returns its removal. */
export function guardLeaving(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = undefined;
  };
}

/** Runs `proceed` once the page on screen lets it leave: at once, or after asking about unsaved edits. */
export function whenLeaving(proceed: () => unknown) {
  if (leaveGuard) leaveGuard.ask(proceed);
  else proceed();
}

/** Calls `follow` after each hash change no leave guard stopped; returns the unsubscription. */
export function followRoutes(follow: () => void): () => void {
  followers.add(follow);
  return () => {
    followers.delete(follow);
  };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => followRoutes(() => setRoute(parseRoute(window.location.hash))), []);
  return route;
}

/** The gateway's address as the browser reached the UI, without a trailing slash: "http://host:5000". */
export function gatewayBaseUrl(): string {
  return (window.location.origin + window.location.pathname.replace(/[^/]*$/, "")).replace(/\/$/, "");
}
