import { Layout } from "./components/Layout";
import { EmptyState } from "./components/States";
import { ApiKeysPage } from "./pages/ApiKeysPage";
import { CreateEndpointPage } from "./pages/CreateEndpointPage";
import { EndpointDetailsPage } from "./pages/EndpointDetailsPage";
import { EndpointsListPage } from "./pages/EndpointsListPage";
import { links, Route, useRoute } from "./router";

export function App() {
  const route = useRoute();
  return (
    <Layout active={route.page === "api-keys" ? "api-keys" : "endpoints"}>
      <Page route={route} />
    </Layout>
  );
}

function Page(props: { route: Route }) {
  const { route } = props;
  switch (route.page) {
    case "endpoints":
      return <EndpointsListPage />;
    case "create":
      return <CreateEndpointPage />;
    case "endpoint":
      return <EndpointDetailsPage key={route.id} endpointId={route.id} />;
    case "api-keys":
      return <ApiKeysPage />;
    case "not-found":
      return (
        <EmptyState title="Page not found">
          Nothing lives at {route.path}. <a href={links.endpoints}>Go to endpoints</a>.
        </EmptyState>
      );
  }
}
