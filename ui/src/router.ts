import { useEffect, useState } from "react";

// Hash routes: #/gateway, #/gateway/create, #/gateway/endpoints/<id>, #/gateway/api-keys.

export type Route =
  | { page: "endpoints" }
  | { page: "create" }
  | { page: "endpoint"; id: string }
  | { page: "api-keys" }
  | { page: "not-found"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "") || "/gateway";
  if (path === "/gateway" || path === "/") return { page: "endpoints" };
  if (path === "/gateway/create") return { page: "create" };
  if (path === "/gateway/api-keys") return { page: "api-keys" };
  const endpoint = /^\/gateway\/endpoints\/([^/]+)$/.exec(path);
  if (endpoint) return { page: "endpoint", id: decodeURIComponent(endpoint[1]) };
  return { page: "not-found", path };
}

export const links = {
  endpoints: "#/gateway",
  create: "#/gateway/create",
  endpoint: (id: string) => "#/gateway/endpoints/" + encodeURIComponent(id),
  apiKeys: "#/gateway/api-keys",
};

export function navigate(href: string) {
  window.location.hash = href.replace(/^#/, "");
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

/** The gateway's address as the browser reached the UI, without a trailing slash: "http://host:5000". */
export function gatewayBaseUrl(): string {
  return (window.location.origin + window.location.pathname.replace(/[^/]*$/, "")).replace(/\/$/, "");
}
