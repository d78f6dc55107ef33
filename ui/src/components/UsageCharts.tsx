import { ReactNode } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  BucketId,
  formatBucket,
  formatCount,
  formatMs,
  formatRate,
  formatUsd,
  UsagePoint,
  UsageStats,
} from "../usage";

// The headline figures and the charts over time of the Usage page and an endpoint's Usage tab.

export const SERIES_COLORS = ["#2272b4", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#d4ac0d", "#7f8c8d"];
const ERROR_COLOR = "#c82d4c";

/** A cost: USD with enough digits for tiny amounts; unknown (no price) as "—" with the reason on hover. */
export function Cost(props: { usd: number | null | undefined }) {
  if (props.usd === null || props.usd === undefined) {
    return (
      <span className="usage-unpriced" title="no price in the catalog">
        —
      </span>
    );
  }
  return <span className="usage-num">{formatUsd(props.usd)}</span>;
}

/** Requests, error rate, tokens in and out, cost and p50 latency over the range. */
export function HeadlineFigures(props: { totals: UsageStats }) {
  const t = props.totals;
  return (
    <dl className="usage-figures" aria-label="Headline figures">
      <Figure label="Requests" value={formatCount(t.requests)} />
      <Figure
        label="Error rate"
        value={formatRate(t.error_rate)}
        note={t.errors === 1 ? "1 error" : formatCount(t.errors) + " errors"}
        tone={t.errors > 0 ? "bad" : undefined}
      />
      <Figure label="Tokens in" value={formatCount(t.input_tokens)} />
      <Figure label="Tokens out" value={formatCount(t.output_tokens)} />
      <Figure
        label="Cost"
        value={formatUsd(t.cost_usd)}
        note={
          t.unpriced_requests > 0 ? (
            <span title="no price in the catalog">
              {formatCount(t.unpriced_requests)} {t.unpriced_requests === 1 ? "call" : "calls"} not priced
            </span>
          ) : undefined
        }
      />
      <Figure label="Latency p50" value={formatMs(t.latency_p50_ms)} />
    </dl>
  );
}

function Figure(props: { label: string; value: string; note?: ReactNode; tone?: "bad" }) {
  return (
    <div className="usage-figure">
      <dt>{props.label}</dt>
      <dd className={props.tone === "bad" ? "usage-figure-bad" : undefined}>{props.value}</dd>
      {props.note && <dd className="usage-figure-note">{props.note}</dd>}
    </div>
  );
}

/** A chart in a card, with its title. */
export function ChartCard(props: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <figure className={"card usage-chart" + (props.wide ? " usage-chart-wide" : "")} aria-label={props.title}>
      <figcaption>{props.title}</figcaption>
      <div className="usage-chart-body">
        <ResponsiveContainer width="100%" height="100%">
          {props.children as any}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The x axis, the grid and the tooltip every time chart shares. */
export function timeAxis(bucket: BucketId, format: (v: number) => string) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="#e6e9ed" vertical={false} />,
    <XAxis
      key="x"
      dataKey="time_bucket"
      tickFormatter={(v: number) => formatBucket(v, bucket)}
      tick={{ fontSize: 11 }}
      minTickGap={24}
    />,
    <Tooltip
      key="tip"
      labelFormatter={(v) => new Date(Number(v)).toLocaleString()}
      formatter={(v) => (v === null || v === undefined ? "—" : format(Number(v)))}
    />,
    <Legend key="legend" iconSize={10} wrapperStyle={{ fontSize: 12 }} />,
  ];
}

const yAxis = (format: (v: number) => string) => (
  <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={(v: number) => format(v)} allowDecimals={false} />
);

/** Requests and errors, latency, time to first token, tokens and cost over time. */
export function TimeCharts(props: { series: UsagePoint[]; bucket: BucketId }) {
  const { bucket } = props;
  const data = props.series.map((p) => ({ ...p, succeeded: p.requests - p.errors }));
  const count = (v: number) => formatCount(v);
  return (
    <div className="usage-charts">
      <ChartCard title="Requests and errors">
        <BarChart data={data}>
          {timeAxis(bucket, count)}
          {yAxis(count)}
          <Bar dataKey="succeeded" name="Succeeded" stackId="r" fill={SERIES_COLORS[0]} isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" stackId="r" fill={ERROR_COLOR} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Latency">
        <LineChart data={data}>
          {timeAxis(bucket, formatMs)}
          {yAxis(formatMs)}
          {percentileLines("latency")}
        </LineChart>
      </ChartCard>
      <ChartCard title="Time to first token">
        <LineChart data={data}>
          {timeAxis(bucket, formatMs)}
          {yAxis(formatMs)}
          {percentileLines("ttft")}
        </LineChart>
      </ChartCard>
      <ChartCard title="Tokens">
        <BarChart data={data}>
          {timeAxis(bucket, count)}
          {yAxis(count)}
          <Bar dataKey="input_tokens" name="Input" stackId="t" fill={SERIES_COLORS[0]} isAnimationActive={false} />
          <Bar dataKey="output_tokens" name="Output" stackId="t" fill={SERIES_COLORS[1]} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Cost" wide>
        <AreaChart data={data}>
          {timeAxis(bucket, formatUsd)}
          <YAxis tick={{ fontSize: 11 }} width={80} tickFormatter={(v: number) => formatUsd(v)} />
          <Area
            type="monotone"
            dataKey="cost_usd"
            name="Cost (USD)"
            stroke={SERIES_COLORS[2]}
            fill={SERIES_COLORS[2]}
            fillOpacity={0.25}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartCard>
    </div>
  );
}

function percentileLines(prefix: "latency" | "ttft") {
  return (["p50", "p90", "p99"] as const).map((p, i) => (
    <Line
      key={p}
      type="monotone"
      dataKey={`${prefix}_${p}_ms`}
      name={p}
      stroke={SERIES_COLORS[i]}
      dot={{ r: 2 }}
      connectNulls
      isAnimationActive={false}
    />
  ));
}
