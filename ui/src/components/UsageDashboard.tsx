import { useCallback, useMemo, useState } from "react";
import { links } from "../router";
import {
  bucketFor,
  bucketSeconds,
  exportUrl,
  fillBuckets,
  filtersOf,
  GroupBy,
  spanOf,
  UsageFilters,
  UsageGroup,
  usageApi,
  UsageQuery,
  usageSearch,
} from "../usage";
import { useLoad } from "../useLoad";
import { EmptyState, ErrorMessage, Loading } from "./States";
import { UsageBreakdown } from "./UsageBreakdown";
import { RecentCalls } from "./UsageCalls";
import { HeadlineFigures, TimeCharts } from "./UsageCharts";
import { FilterOptions, UsageControls } from "./UsageControls";

// What the Usage page and an endpoint's Usage tab show for one query: the controls, headline
// figures, charts over time, the breakdown (page only), the recent calls and the CSV download.

export function UsageDashboard(props: {
  query: UsageQuery;
  onChange: (q: UsageQuery) => void;
  /** On an endpoint's tab: everything is scoped to it, and there are no other filters. */
  endpoint?: { id: string; name: string };
}) {
  const { query, endpoint } = props;
  // "Now" is fixed when the query changes (or on Refresh), so every figure covers the same span.
  const [refreshed, setRefreshed] = useState(0);
  const search = usageSearch(query);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const now = useMemo(() => Date.now(), [search, refreshed]);
  const span = spanOf(query, now);
  const bucket = bucketFor(query, span.end - span.start);
  const bucketMs = bucketSeconds(bucket) * 1000;
  const filters: UsageFilters = endpoint ? { endpoint_id: endpoint.id } : filtersOf(query);
  const filterKey = JSON.stringify(filters);
  const groupBy: GroupBy | undefined = endpoint ? undefined : query.group;

  const summary = useLoad(
    () => usageApi.summary(span.start, span.end, bucketSeconds(bucket), filters, groupBy),
    [span.start, span.end, bucket, filterKey, groupBy],
  );
  const options = useLoad(
    () => (endpoint ? Promise.resolve(undefined) : filterOptions(span.start, span.end)),
    [endpoint?.id, span.start, span.end],
  );
  // A live range lists calls up to now, whenever "Load more" is pressed.
  const callsEnd = span.live ? undefined : span.end;
  const loadCalls = useCallback(
    (before?: number) => usageApi.calls(span.start, callsEnd, filters, before),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [span.start, callsEnd, filterKey],
  );
  const filtered = Object.keys(filters).length > (endpoint ? 1 : 0);

  const pick = (g: UsageGroup) => {
    if (query.group === "model") {
      const { provider, model } = splitModelKey(g.key);
      props.onChange({ ...query, provider, model });
    } else {
      const key = { endpoint: "endpoint_id", provider: "provider", caller: "caller_id" }[query.group];
      props.onChange({ ...query, [key]: g.key });
    }
  };

  const data = summary.data;
  return (
    <div className="usage-dashboard">
      <div className="usage-toolbar">
        <UsageControls
          query={query}
          bucket={bucket}
          spanMs={span.end - span.start}
          onChange={props.onChange}
          options={endpoint ? undefined : (options.data ?? {})}
        />
        <div className="usage-actions">
          <button type="button" className="button small" onClick={() => setRefreshed((r) => r + 1)}>
            Refresh
          </button>
          <a className="button small" href={exportUrl(span.start, callsEnd, filters)} download>
            Download CSV
          </a>
          {endpoint && (
            <a
              className="button small"
              href={links.usage(usageSearch({ ...query, endpoint_id: endpoint.id }))}
            >
              View full dashboard
            </a>
          )}
        </div>
      </div>
      {filtered && !endpoint && (
        <p className="usage-filtered muted">
          Filtered.{" "}
          <button
            type="button"
            className="button link"
            onClick={() =>
              props.onChange({ ...query, endpoint_id: undefined, provider: undefined, model: undefined, caller_id: undefined, status: undefined })
            }
          >
            Clear filters
          </button>
        </p>
      )}
      {summary.error && !summary.loading ? (
        <ErrorMessage
          message={"Usage could not be loaded: " + summary.error}
          onRetry={summary.reload}
          retry={summary.retrying}
        />
      ) : !data || (summary.loading && !data) ? (
        <Loading label="Loading usage…" />
      ) : data.totals.requests === 0 ? (
        <NoCalls filtered={filtered} endpointName={endpoint?.name} />
      ) : (
        <div className={summary.loading ? "usage-stale" : undefined} aria-busy={summary.loading}>
          <HeadlineFigures totals={data.totals} />
          <TimeCharts series={fillBuckets(data.series, span.start, span.end, bucketMs)} bucket={bucket} />
          {!endpoint && (
            <UsageBreakdown
              groupBy={query.group}
              onGroupBy={(group) => props.onChange({ ...query, group })}
              groups={data.groups ?? []}
              series={data.series}
              span={span}
              bucket={bucket}
              bucketMs={bucketMs}
              onPick={pick}
            />
          )}
        </div>
      )}
      {data && data.totals.requests > 0 && <RecentCalls load={loadCalls} showEndpoint={!endpoint} />}
    </div>
  );
}

function NoCalls(props: { filtered: boolean; endpointName?: string }) {
  return (
    <EmptyState title={props.filtered ? "No calls match" : "No calls in this range"}>
      {props.filtered ? "No recorded call in this range passes the filters. " : ""}
      Calls appear here a second or so after they are made: call{" "}
      {props.endpointName ? (
        <>
          this endpoint (Try it, or the snippet under <em>Use this endpoint</em>)
        </>
      ) : (
        <>
          an endpoint (its <em>Use</em> button on the <a href={links.endpoints}>Endpoints</a> page, or Try it on its page)
        </>
      )}
      . Endpoints with usage tracking off are not recorded.
    </EmptyState>
  );
}

/** The values seen over the range for each filter, from one grouped summary per dimension. */
async function filterOptions(start: number, end: number): Promise<FilterOptions> {
  const dims: [GroupBy, keyof UsageFilters][] = [
    ["endpoint", "endpoint_id"],
    ["provider", "provider"],
    ["model", "model"],
    ["caller", "caller_id"],
  ];
  const answers = await Promise.all(
    dims.map(([g]) => usageApi.summary(start, end, 86400, {}, g).then((s) => s.groups ?? [])),
  );
  const options: FilterOptions = {};
  dims.forEach(([, key], i) => {
    const seen = new Set<string>();
    options[key] = answers[i]
      .filter((g) => g.key !== "")
      // A model group is "provider/model"; the model filter takes the model's own name.
      .map((g) => ({ value: key === "model" ? splitModelKey(g.key).model : g.key, label: g.label || g.key }))
      .filter((o) => !seen.has(o.value) && !!seen.add(o.value))
      .sort((a, b) => a.label.localeCompare(b.label));
  });
  return options;
}

/** A model group's key, "openai/gpt-4o-mini", as its provider and model (model names may hold "/"). */
function splitModelKey(key: string): { provider?: string; model: string } {
  const slash = key.indexOf("/");
  return slash < 0 ? { model: key } : { provider: key.slice(0, slash), model: key.slice(slash + 1) };
}
