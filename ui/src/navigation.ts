import { useEffect, useRef } from "react";
import { Route } from "./router";

// What a move to another page does besides rendering it: the tab's title names the page, and focus
// goes to the page's heading, so that a screen reader announces where the user arrived and Tab
// continues from the top of the new page rather than from a link that is no longer there.

const PRODUCT = "Switchboard";

/** The tab's title of a route: "Endpoints · Switchboard". An endpoint's page adds its name once shown. */
export function pageTitle(route: Route): string {
  return titleOf(route) + " · " + PRODUCT;
}

function titleOf(route: Route): string {
  switch (route.page) {
    case "endpoints":
      return "Endpoints";
    case "create":
      return "Create endpoint";
    case "endpoint":
      return "Endpoint";
    case "usage":
      return "Usage";
    case "budgets":
      return "Budgets";
    case "api-keys":
      return "API keys";
    case "gateway-keys":
      return "Gateway keys";
    case "users":
      return "Users";
    case "sign-in":
      return "Sign in";
    case "not-found":
      return "Page not found";
  }
}

/** Which page a route shows: a change of its query alone (a tab, a filter) is not a new page. */
function pageKey(route: Route): string {
  return route.page === "endpoint" ? "endpoint:" + route.id : route.page;
}

const HEADING = "main h1, main h2";

/**
 * Sets the title on every route, and on every move to another page (not the first page shown)
 * focuses the new page's heading once it is rendered (a page may show "Loading…" first). Focus the
 * new page already put somewhere (an autofocused field), or that the user moved meanwhile, stays.
 */
export function useNavigationFocus(route: Route) {
  const key = pageKey(route);
  const firstPage = useRef(true);
  const routeRef = useRef(route);
  routeRef.current = route;

  useEffect(() => {
    const current = routeRef.current;
    document.title = pageTitle(current);
    const moveFocus = !firstPage.current;
    firstPage.current = false;
    const focusAtStart = document.activeElement;
    const main = () => document.querySelector("main");
    // The new page focused one of its own controls as it rendered: leave it there.
    const pageTookFocus = () => {
      const active = document.activeElement;
      return !!active && active !== document.body && !!main()?.contains(active);
    };
    const userMovedFocus = () => {
      const active = document.activeElement;
      return !!active && active !== document.body && active !== focusAtStart;
    };
    let skipFocus = !moveFocus || pageTookFocus();

    const settle = (): boolean => {
      const heading = document.querySelector<HTMLElement>(HEADING);
      if (!heading) return false;
      if (current.page === "endpoint" && heading.textContent) {
        document.title = heading.textContent + " · " + pageTitle(current);
      }
      if (!skipFocus && !userMovedFocus()) {
        if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      return true;
    };

    if (settle()) return;
    const observer = new MutationObserver(() => {
      if (userMovedFocus()) skipFocus = true;
      if (settle()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
    // The query of a page (its tab, its filters) changing is not a navigation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
