import { lazy, Suspense, useEffect } from "react";
import { Layout, NavItem } from "./components/Layout";
import { EmptyState, ErrorMessage, Loading } from "./components/States";
import { ApiKeysPage } from "./pages/ApiKeysPage";
import { BudgetsPage } from "./pages/BudgetsPage";
import { CreateEndpointPage } from "./pages/CreateEndpointPage";
import { EndpointDetailsPage } from "./pages/EndpointDetailsPage";
import { EndpointsListPage } from "./pages/EndpointsListPage";
import { GatewayKeysPage } from "./pages/GatewayKeysPage";
import { SignInPage } from "./pages/SignInPage";
import { UsersPage } from "./pages/UsersPage";
import { useNavigationFocus } from "./navigation";
import { currentPath, links, redirect, Route, useRoute } from "./router";
import { SessionProvider, useSessionState } from "./session";

// The Usage page brings the chart library: loaded when first opened, so other pages start faster.
const UsagePage = lazy(() => import("./pages/UsagePage").then((m) => ({ default: m.UsagePage })));

export function App() {
  const route = useRoute();
  const { session, error, retrying, retry, signedIn, signOut } = useSessionState();
  const mustSignIn = session !== undefined && session.auth_enabled && !session.user;
  useNavigationFocus(route);

  // Signed out (or the session ended): to the sign-in page, which brings the user back here.
  // Signed in (or no sign-in needed) on the sign-in page: on to where the user was going.
  useEffect(() => {
    if (!session) return;
    if (route.page === "sign-in" && !mustSignIn) redirect(route.next);
    else if (route.page !== "sign-in" && mustSignIn) {
      // The hash may already be the sign-in page (several calls answered 401 at once) before the
      // route follows it: never send the sign-in page back to itself.
      const here = currentPath();
      if (!here.startsWith("/sign-in")) redirect(links.signIn(here));
    }
  }, [session, route, mustSignIn]);

  if (!session) {
    return (
      <main className="app-start">
        {error ? (
          <ErrorMessage
            message={retrying ? error : "The session could not be loaded: " + error}
            onRetry={retry}
            retry={retrying}
          />
        ) : (
          <Loading />
        )}
      </main>
    );
  }
  if (route.page === "sign-in" || mustSignIn) {
    return mustSignIn && route.page === "sign-in" ? <SignInPage onSignedIn={signedIn} /> : <Loading />;
  }
  return (
    <SessionProvider session={session} signedIn={signedIn} signOut={signOut} refresh={retry}>
      <Layout active={navItemOf(route)}>
        <Page route={route} />
      </Layout>
    </SessionProvider>
  );
}

function navItemOf(route: Route): NavItem {
  switch (route.page) {
    case "api-keys":
    case "gateway-keys":
    case "users":
    case "usage":
    case "budgets":
      return route.page;
    default:
      return "endpoints";
  }
}

function Page(props: { route: Route }) {
  const { route } = props;
  switch (route.page) {
    case "endpoints":
      return <EndpointsListPage />;
    case "create":
      return <CreateEndpointPage />;
    case "endpoint":
      return <EndpointDetailsPage key={route.id} endpointId={route.id} search={route.search} />;
    case "usage":
      return (
        <Suspense fallback={<Loading label="Loading usage…" />}>
          <UsagePage search={route.search} />
        </Suspense>
      );
    case "budgets":
      return <BudgetsPage />;
    case "api-keys":
      return <ApiKeysPage />;
    case "gateway-keys":
      return <GatewayKeysPage />;
    case "users":
      return <UsersPage />;
    case "sign-in":
      return null;
    case "not-found":
      return (
        <>
          <div className="page-header">
            <h2>Page not found</h2>
          </div>
          <EmptyState title="Nothing here">
            Nothing lives at {route.path}. <a href={links.endpoints}>Go to endpoints</a>.
          </EmptyState>
        </>
      );
  }
}
