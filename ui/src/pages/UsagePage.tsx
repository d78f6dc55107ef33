import { UsageDashboard } from "../components/UsageDashboard";
import { links, navigate } from "../router";
import { parseUsageQuery, usageSearch } from "../usage";

// #/gateway/usage: every recorded call through the gateway that the signed-in user may see (the
// calls of endpoints they have at least READ on), over a range, filtered, charted and listed. The
// range, bucket, filters and breakdown live in the URL query, so Back and reload restore them.

export function UsagePage(props: { search: string }) {
  const query = parseUsageQuery(props.search);
  return (
    <div className="usage-page">
      <div className="page-header">
        <h2>Usage</h2>
      </div>
      <p className="muted usage-intro">
        Every call through the gateway: requests, errors, tokens, cost and latency. Costs come from the model catalog's
        prices; calls to a model without a price show "—".
      </p>
      <UsageDashboard query={query} onChange={(q) => navigate(links.usage(usageSearch(q)))} />
    </div>
  );
}
