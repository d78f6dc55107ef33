import { Area, AreaChart, YAxis } from "recharts";
import {
  BucketId,
  fillBuckets,
  formatCount,
  formatMs,
  formatUsd,
  GROUP_BYS,
  GroupBy,
  UsageGroup,
  UsagePoint,
} from "../usage";
import { ChartCard, Cost, SERIES_COLORS, timeAxis } from "./UsageCharts";

// "Break down by": the groups of one dimension (endpoint, model, provider, caller) as a table, and
// cost over time stacked by group. The largest groups get their own colour; the rest are "Other".

const STACKED = 7;

export function UsageBreakdown(props: {
  groupBy: GroupBy;
  onGroupBy: (g: GroupBy) => void;
  groups: UsageGroup[];
  /** The totals' series, for "Other". */
  series: UsagePoint[];
  span: { start: number; end: number };
  bucket: BucketId;
  bucketMs: number;
  /** Makes a group's key a filter (clicking its name). */
  onPick?: (g: UsageGroup) => void;
}) {
  const label = GROUP_BYS.find((g) => g.id === props.groupBy)!.label;
  return (
    <section className="card usage-breakdown" aria-labelledby="usage-breakdown-title">
      <div className="usage-section-header">
        <h3 id="usage-breakdown-title">Breakdown</h3>
        <div className="usage-segmented" role="radiogroup" aria-label="Break down by">
          {GROUP_BYS.map((g) => (
            <button
              key={g.id}
              type="button"
              role="radio"
              aria-checked={g.id === props.groupBy}
              className={g.id === props.groupBy ? "selected" : undefined}
              onClick={() => props.onGroupBy(g.id)}
            >
              {g.label}
            </button>
          ))}
        </div>
      </div>
      {props.groups.length === 0 ? (
        <p className="muted">No calls to break down.</p>
      ) : (
        <>
          <GroupTable label={label} groups={props.groups} onPick={props.onPick} />
          <StackedCost {...props} />
        </>
      )}
    </section>
  );
}

function GroupTable(props: { label: string; groups: UsageGroup[]; onPick?: (g: UsageGroup) => void }) {
  return (
    <div className="usage-table-wrap">
      <table className="table usage-table" aria-label={"Usage by " + props.label.toLowerCase()}>
        <thead>
          <tr>
            <th scope="col">{props.label}</th>
            <th scope="col" className="usage-num">
              Requests
            </th>
            <th scope="col" className="usage-num">
              Errors
            </th>
            <th scope="col" className="usage-num">
              Tokens in
            </th>
            <th scope="col" className="usage-num">
              Tokens out
            </th>
            <th scope="col" className="usage-num">
              Cost
            </th>
            <th scope="col" className="usage-num">
              Latency p50
            </th>
            <th scope="col" className="usage-num">
              Latency p99
            </th>
          </tr>
        </thead>
        <tbody>
          {props.groups.map((g, i) => (
            <tr key={g.key}>
              <th scope="row" className="cell-name">
                <span
                  className="usage-swatch"
                  style={{ background: i < STACKED ? SERIES_COLORS[i] : SERIES_COLORS[STACKED] }}
                  aria-hidden="true"
                />
                {props.onPick && g.key ? (
                  <button type="button" className="button link" onClick={() => props.onPick!(g)} title="Filter by this">
                    {g.label || g.key}
                  </button>
                ) : (
                  g.label || g.key || "—"
                )}
              </th>
              <td className="usage-num">{formatCount(g.requests)}</td>
              <td className={"usage-num" + (g.errors > 0 ? " usage-bad" : "")}>{formatCount(g.errors)}</td>
              <td className="usage-num">{formatCount(g.input_tokens)}</td>
              <td className="usage-num">{formatCount(g.output_tokens)}</td>
              <td className="usage-num">
                {g.unpriced_requests === g.requests && g.requests > 0 ? <Cost usd={null} /> : <Cost usd={g.cost_usd} />}
              </td>
              <td className="usage-num">{formatMs(g.latency_p50_ms)}</td>
              <td className="usage-num">{formatMs(g.latency_p99_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StackedCost(props: {
  groups: UsageGroup[];
  series: UsagePoint[];
  span: { start: number; end: number };
  bucket: BucketId;
  bucketMs: number;
}) {
  const shown = props.groups.slice(0, STACKED);
  const rest = props.groups.length > STACKED;
  const rows = new Map<number, Record<string, number>>();
  const row = (t: number) => {
    let r = rows.get(t);
    if (!r) rows.set(t, (r = { time_bucket: t }));
    return r;
  };
  for (const p of fillBuckets(props.series, props.span.start, props.span.end, props.bucketMs)) {
    const r = row(p.time_bucket);
    shown.forEach((_, i) => (r["g" + i] = 0));
    if (rest) r.other = p.cost_usd;
  }
  shown.forEach((g, i) =>
    g.series.forEach((p) => {
      const r = row(p.time_bucket);
      r["g" + i] = p.cost_usd;
      if (rest) r.other = Math.max(0, (r.other ?? 0) - p.cost_usd);
    }),
  );
  const data = [...rows.values()].sort((a, b) => a.time_bucket - b.time_bucket);
  return (
    <ChartCard title="Cost by group" wide>
      <AreaChart data={data}>
        {timeAxis(props.bucket, formatUsd)}
        <YAxis tick={{ fontSize: 11 }} width={80} tickFormatter={(v: number) => formatUsd(v)} />
        {shown.map((g, i) => (
          <Area
            key={g.key}
            type="monotone"
            dataKey={"g" + i}
            name={g.label || g.key || "—"}
            stackId="cost"
            stroke={SERIES_COLORS[i]}
            fill={SERIES_COLORS[i]}
            fillOpacity={0.35}
            isAnimationActive={false}
          />
        ))}
        {rest && (
          <Area
            type="monotone"
            dataKey="other"
            name="Other"
            stackId="cost"
            stroke={SERIES_COLORS[STACKED]}
            fill={SERIES_COLORS[STACKED]}
            fillOpacity={0.35}
            isAnimationActive={false}
          />
        )}
      </AreaChart>
    </ChartCard>
  );
}
