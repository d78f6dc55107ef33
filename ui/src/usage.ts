import { call, GATEWAY, Params } from "./http";

// The usage API (issue 16): what every call through the gateway cost and how it went, typed; and the
// Usage page's choices (range, bucket, filters, breakdown) as they are kept in the URL query.
// Times are epoch milliseconds; bucket sizes are seconds.

/** Figures over a set of calls: the totals, one time bucket, or one group. */
export interface UsageStats {
  requests: number;
  errors: number;
  error_rate: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
  /** Calls whose model has no price in the catalog: not in cost_usd. */
  unpriced_requests: number;
  latency_p50_ms: number | null;
  latency_p90_ms: number | null;
  latency_p99_ms: number | null;
  /** Null when no call had a first byte. */
  ttft_p50_ms: number | null;
  ttft_p90_ms: number | null;
  ttft_p99_ms: number | null;
  overhead_avg_ms: number | null;
}

export interface UsagePoint extends UsageStats {
  time_bucket: number;
}

export interface UsageGroup extends UsageStats {
  key: string;
  label: string;
  series: UsagePoint[];
}

export interface UsageSummary {
  start_time: number;
  end_time: number;
  bucket_size: number;
  totals: UsageStats;
  /** Only buckets with calls, oldest first. */
  series: UsagePoint[];
  /** Present when grouped: largest cost first, then requests. */
  groups?: UsageGroup[];
}

export interface UsagePrice {
  input: number | null;
  output: number | null;
  cache_read: number | null;
  cache_write: number | null;
  reasoning: number | null;
}

export interface UsageCall {
  id: string;
  time: number;
  endpoint_id: string;
  endpoint_name: string;
  surface: string;
  route: string;
  provider: string;
  model: string;
  caller_kind: "user" | "key" | "none";
  caller_id: string;
  caller_name: string;
  status: number;
  error_class: string | null;
  error_message: string | null;
  stream: boolean;
  stream_failed: boolean;
  fell_back: boolean;
  attempts: number;
  duration_ms: number;
  ttft_ms: number | null;
  overhead_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  /** Null when the model has no price in the catalog. */
  cost_usd: number | null;
  price: UsagePrice | null;
}

export interface UsageCalls {
  calls: UsageCall[];
  /** The cursor for the next, older page; null at the end. */
  next_before: number | null;
}

export type GroupBy = "endpoint" | "provider" | "model" | "caller";

export const GROUP_BYS: { id: GroupBy; label: string }[] = [
  { id: "endpoint", label: "Endpoint" },
  { id: "model", label: "Model" },
  { id: "provider", label: "Provider" },
  { id: "caller", label: "Caller" },
];

/** The filters every usage route takes; an absent one does not filter. */
export interface UsageFilters {
  endpoint_id?: string;
  provider?: string;
  model?: string;
  caller_id?: string;
  /** "success", "error" or an exact status such as "429". */
  status?: string;
}

export const FILTER_KEYS: (keyof UsageFilters)[] = ["endpoint_id", "provider", "model", "caller_id", "status"];

export const CALLS_PAGE = 50;

export const usageApi = {
  summary: (start: number, end: number, bucketSeconds: number, filters: UsageFilters, groupBy?: GroupBy) =>
    call<UsageSummary>("GET", "usage/summary", undefined, {
      ...timeParams(start, end),
      bucket_size: String(bucketSeconds),
      group_by: groupBy,
      ...filters,
    }),
  calls: (start: number, end: number | undefined, filters: UsageFilters, before?: number, limit = CALLS_PAGE) =>
    call<UsageCalls>("GET", "usage/calls", undefined, {
      ...timeParams(start, end),
      ...filters,
      limit: String(limit),
      before: before === undefined ? undefined : String(before),
    }),
};

/** The CSV download of every call in the range that passes the filters (usage/export). */
export function exportUrl(start: number, end: number | undefined, filters: UsageFilters): string {
  const q = new URLSearchParams();
  const params: Params = { ...timeParams(start, end), ...filters };
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return GATEWAY + "usage/export?" + q.toString();
}

function timeParams(start: number, end: number | undefined): Params {
  return { start_time: String(Math.floor(start)), end_time: end === undefined ? undefined : String(Math.floor(end)) };
}

// ---- The page's choices, kept in the URL query ----

export type RangeId = "1h" | "24h" | "7d" | "30d" | "custom";
export type BucketId = "minute" | "hour" | "day";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RANGES: { id: RangeId; label: string; ms: number }[] = [
  { id: "1h", label: "Last hour", ms: HOUR },
  { id: "24h", label: "Last 24 hours", ms: DAY },
  { id: "7d", label: "Last 7 days", ms: 7 * DAY },
  { id: "30d", label: "Last 30 days", ms: 30 * DAY },
  { id: "custom", label: "Custom…", ms: 0 },
];

export const BUCKETS: { id: BucketId; label: string; seconds: number }[] = [
  { id: "minute", label: "Minute", seconds: 60 },
  { id: "hour", label: "Hour", seconds: 3600 },
  { id: "day", label: "Day", seconds: 86400 },
];

export interface UsageQuery extends UsageFilters {
  range: RangeId;
  /** For a custom range: epoch ms. */
  from?: number;
  to?: number;
  /** Absent: chosen from the range (bucketFor). */
  bucket?: BucketId;
  group: GroupBy;
}

/** The query a URL's search part ("range=7d&model=openai%2Fgpt-4o") stands for; anything unknown is ignored. */
export function parseUsageQuery(search: string): UsageQuery {
  const p = new URLSearchParams(search);
  const range = RANGES.find((r) => r.id === p.get("range"))?.id ?? "24h";
  const from = Number(p.get("from")) || undefined;
  const to = Number(p.get("to")) || undefined;
  const custom = range === "custom" && from !== undefined;
  const q: UsageQuery = {
    range: custom ? "custom" : range === "custom" ? "24h" : range,
    from: custom ? from : undefined,
    to: custom ? to : undefined,
    bucket: BUCKETS.find((b) => b.id === p.get("bucket"))?.id,
    group: GROUP_BYS.find((g) => g.id === p.get("group"))?.id ?? "endpoint",
  };
  for (const k of FILTER_KEYS) q[k] = p.get(k) || undefined;
  return q;
}

/** The search part for a query, without "?" and without what is the default. */
export function usageSearch(q: UsageQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams(extra);
  if (q.range !== "24h") p.set("range", q.range);
  if (q.range === "custom") {
    if (q.from !== undefined) p.set("from", String(q.from));
    if (q.to !== undefined) p.set("to", String(q.to));
  }
  if (q.bucket) p.set("bucket", q.bucket);
  if (q.group !== "endpoint") p.set("group", q.group);
  for (const k of FILTER_KEYS) if (q[k]) p.set(k, q[k]!);
  return p.toString();
}

export function filtersOf(q: UsageQuery): UsageFilters {
  const f: UsageFilters = {};
  for (const k of FILTER_KEYS) if (q[k]) f[k] = q[k];
  return f;
}

/** The span a query covers, as of `now`: a relative range ends now; a custom one may be open-ended. */
export function spanOf(q: UsageQuery, now: number): { start: number; end: number; live: boolean } {
  if (q.range === "custom" && q.from !== undefined) {
    return { start: q.from, end: q.to ?? now, live: q.to === undefined };
  }
  const ms = RANGES.find((r) => r.id === q.range)!.ms;
  return { start: now - ms, end: now, live: true };
}

/** At most this many buckets in a chart (the API allows 10,000; a chart of more is unreadable). */
export const MAX_BUCKETS = 2000;

/** Whether a span in buckets of this size makes a readable chart. */
export function bucketFits(bucket: BucketId, spanMs: number): boolean {
  return spanMs / (bucketSeconds(bucket) * 1000) <= MAX_BUCKETS;
}

/**
 * The bucket asked for (when it fits the span), else the default for the span: minutes up to 3
 * hours, hours up to 2 days, then days.
 */
export function bucketFor(q: UsageQuery, spanMs: number): BucketId {
  if (q.bucket && bucketFits(q.bucket, spanMs)) return q.bucket;
  if (spanMs <= 3 * HOUR) return "minute";
  if (spanMs <= 2 * DAY) return "hour";
  return "day";
}

export function bucketSeconds(bucket: BucketId): number {
  return BUCKETS.find((b) => b.id === bucket)!.seconds;
}

/**
 * Every bucket of the span, oldest first, with zeros where there were no calls (the API lists only
 * buckets with calls), so charts show gaps as quiet time rather than joining distant points.
 */
export function fillBuckets(points: UsagePoint[], start: number, end: number, bucketMs: number): UsagePoint[] {
  const first = Math.floor(start / bucketMs) * bucketMs;
  const count = Math.floor((end - first) / bucketMs) + 1;
  if (count > MAX_BUCKETS + 1 || count < 1) return points;
  const byTime = new Map(points.map((p) => [p.time_bucket, p]));
  const filled: UsagePoint[] = [];
  for (let t = first; t <= end; t += bucketMs) {
    filled.push(byTime.get(t) ?? { ...EMPTY_STATS, time_bucket: t });
    byTime.delete(t);
  }
  // Buckets the server placed elsewhere (another alignment) are kept, in time order.
  return byTime.size === 0 ? filled : [...filled, ...byTime.values()].sort((a, b) => a.time_bucket - b.time_bucket);
}

export const EMPTY_STATS: UsageStats = {
  requests: 0,
  errors: 0,
  error_rate: 0,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: 0,
  cost_usd: 0,
  unpriced_requests: 0,
  latency_p50_ms: null,
  latency_p90_ms: null,
  latency_p99_ms: null,
  ttft_p50_ms: null,
  ttft_p90_ms: null,
  ttft_p99_ms: null,
  overhead_avg_ms: null,
};

// ---- Display ----

/** Dollars with enough digits for tiny amounts: "$12.35", "$0.0123", "$0.0001234"; "—" for null. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return "—";
  if (usd === 0) return "$0.00";
  const abs = Math.abs(usd);
  if (abs >= 1) return (usd < 0 ? "-$" : "$") + abs.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Up to four significant digits, at least two decimals, trailing zeros dropped after those two.
  const digits = Math.min(12, Math.max(2, 3 - Math.floor(Math.log10(abs))));
  let text = abs.toFixed(digits);
  text = text.replace(/0+$/, "");
  const [whole, frac = ""] = text.split(".");
  return (usd < 0 ? "-$" : "$") + whole + "." + frac.padEnd(2, "0");
}

/** A duration: "812 ms", "1.4 s"; "—" when unknown. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return Math.round(ms) + " ms";
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) + " s";
}

/** A count with thousands separators: "12,345". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return n.toLocaleString("en-US");
}

/** A rate as a percentage: "8.3%", "0%". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  const pct = rate * 100;
  return (pct === 0 || pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)).replace(/\.0$/, "") + "%";
}

/** A bucket's start for an axis: "14:00" for minutes and hours, "Dec 7" for days. */
export function formatBucket(millis: number, bucket: BucketId): string {
  const d = new Date(millis);
  if (bucket === "day") return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** A call's time: "Dec 7, 14:03:21". */
export function formatCallTime(millis: number): string {
  return new Date(millis).toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
}
