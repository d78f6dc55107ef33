import { useCallback, useEffect, useState } from "react";
import { followRoutes } from "./router";

// A list page's view (search, filters, sort, page) kept in its hash route's query string
// ("#/gateway?q=chat&sort=created&page=2"), so Back, reload and a shared link show the same view.

/** The query of the hash route the browser is on now. */
export function hashParams(): URLSearchParams {
  const hash = window.location.hash;
  const at = hash.indexOf("?");
  return new URLSearchParams(at < 0 ? "" : hash.slice(at + 1));
}

/**
 * The current hash route's query, and a setter that writes a new one: "push" adds a history entry
 * (Back returns to the previous view: for sorting, paging and filters), "replace" rewrites the current
 * one (for each letter typed in a search box). Neither fires hashchange, so the page is not re-routed;
 * Back and Forward (popstate) are followed.
 */
export function useHashParams(): [URLSearchParams, (next: URLSearchParams, mode: "push" | "replace") => void] {
  const [params, setParams] = useState(hashParams);

  useEffect(() => {
    const follow = () => setParams(hashParams());
    window.addEventListener("popstate", follow);
    const unfollow = followRoutes(follow);
    return () => {
      window.removeEventListener("popstate", follow);
      unfollow();
    };
  }, []);

  const set = useCallback((next: URLSearchParams, mode: "push" | "replace") => {
    const hash = window.location.hash.replace(/^#/, "");
    const path = hash.split("?", 1)[0];
    const query = next.toString();
    const url = "#" + path + (query ? "?" + query : "");
    if (url !== "#" + hash) {
      if (mode === "push") window.history.pushState(window.history.state, "", url);
      else window.history.replaceState(window.history.state, "", url);
    }
    setParams(new URLSearchParams(query));
  }, []);

  return [params, set];
}
