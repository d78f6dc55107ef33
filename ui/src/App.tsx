import { Layout } from "./components/Layout";
import { EmptyState } from "./components/States";
import { ApiKeysPage } from "./pages/ApiKeysPage";
import { CreateEndpointPage } from "./pages/CreateEndpointPage";
import { EndpointDetailsPage } from "./pages/EndpointDetailsPage";
import { EndpointsListPage } from "./pages/EndpointsListPage";
import { links, useRoute } from "./router";

export function App() {
  const route = useRoute();
  switch (route.page) {
    case "endpoints":
      return (
        <Layout active="endpoints">
          <EndpointsListPage />
        </Layout>
      );
    case "create":
      return (
        <Layout active="endpoints">
          <CreateEndpointPage />
        </Layout>
      );
    case "endpoint":
      return (
        <Layout active="endpoints">
          <EndpointDetailsPage key={route.id} endpointId={route.id} />
        </Layout>
      );
    case "api-keys":
      return (
        <Layout active="api-keys">
          <ApiKeysPage />
        </Layout>
      );
    default:
      return (
        <Layout active="endpoints">
          <EmptyState title="Page not found">
            Nothing lives at {route.path}. <a href={links.endpoints}>Go to endpoints</a>.
          </EmptyState>
        </Layout>
      );
  }
}
