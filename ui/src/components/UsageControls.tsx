import { cloneElement, ReactElement, useEffect, useId, useState } from "react";
import { bucketFits, BUCKETS, BucketId, RANGES, RangeId, UsageFilters, UsageQuery } from "../usage";

// The Usage page's toolbar: the time range (with a custom from/to), the bucket, and the filters.
// Every change becomes a new query, which the page keeps in the URL.

export interface FilterOption {
  value: string;
  label: string;
}

/** The choices of each filter, from the groups the usage API returns over the range. */
export type FilterOptions = Partial<Record<keyof UsageFilters, FilterOption[]>>;

const FILTERS: { key: keyof UsageFilters; label: string; all: string }[] = [
  { key: "endpoint_id", label: "Endpoint", all: "All endpoints" },
  { key: "provider", label: "Provider", all: "All providers" },
  { key: "model", label: "Model", all: "All models" },
  { key: "caller_id", label: "Caller", all: "All callers" },
];

const STATUSES: FilterOption[] = [
  { value: "success", label: "Successful" },
  { value: "error", label: "Failed" },
];

export function UsageControls(props: {
  query: UsageQuery;
  /** The bucket in use (the query's, or the default for the range). */
  bucket: BucketId;
  /** The range's length: buckets that would make too many points are not offered. */
  spanMs: number;
  onChange: (q: UsageQuery) => void;
  /** Absent: no filters (an endpoint's own Usage tab). */
  options?: FilterOptions;
}) {
  const { query, onChange } = props;
  const [customOpen, setCustomOpen] = useState(query.range === "custom");
  useEffect(() => setCustomOpen(query.range === "custom"), [query.range]);

  return (
    <div className="usage-controls">
      <div className="usage-controls-row">
        <Control label="Time range">
          <select
            className="input"
            value={customOpen ? "custom" : query.range}
            onChange={(e) => {
              const range = e.target.value as RangeId;
              if (range === "custom") setCustomOpen(true);
              else onChange({ ...query, range, from: undefined, to: undefined, bucket: undefined });
            }}
          >
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </Control>
        <Control label="Bucket">
          <select
            className="input"
            value={props.bucket}
            onChange={(e) => onChange({ ...query, bucket: e.target.value as BucketId })}
          >
            {BUCKETS.map((b) => (
              <option key={b.id} value={b.id} disabled={!bucketFits(b.id, props.spanMs)}>
                {b.label}
              </option>
            ))}
          </select>
        </Control>
        {props.options &&
          FILTERS.map((f) => (
            <FilterSelect
              key={f.key}
              label={f.label}
              all={f.all}
              value={query[f.key]}
              options={props.options?.[f.key] ?? []}
              onChange={(value) => onChange({ ...query, [f.key]: value })}
            />
          ))}
        {props.options && (
          <FilterSelect
            label="Status"
            all="Any status"
            value={query.status}
            options={STATUSES}
            onChange={(status) => onChange({ ...query, status })}
          />
        )}
      </div>
      {customOpen && (
        <CustomRange
          query={query}
          onApply={(from, to) => onChange({ ...query, range: "custom", from, to, bucket: undefined })}
          onCancel={() => setCustomOpen(query.range === "custom")}
        />
      )}
    </div>
  );
}

function FilterSelect(props: {
  label: string;
  all: string;
  value: string | undefined;
  options: FilterOption[];
  onChange: (value: string | undefined) => void;
}) {
  // The chosen value stays selectable even when the range has no calls for it.
  const options =
    props.value && !props.options.some((o) => o.value === props.value)
      ? [...props.options, { value: props.value, label: props.value }]
      : props.options;
  return (
    <Control label={props.label}>
      <select
        className={"input" + (props.value ? " usage-filter-active" : "")}
        value={props.value ?? ""}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        <option value="">{props.all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Control>
  );
}

/** From and to in the browser's time zone; an empty "to" means up to now. */
function CustomRange(props: { query: UsageQuery; onApply: (from: number, to?: number) => void; onCancel: () => void }) {
  const now = Date.now();
  const [from, setFrom] = useState(() => toLocalInput(props.query.from ?? now - 24 * 3_600_000));
  const [to, setTo] = useState(() => (props.query.to ? toLocalInput(props.query.to) : ""));
  const fromMs = from ? new Date(from).getTime() : NaN;
  const toMs = to ? new Date(to).getTime() : undefined;
  const problem = Number.isNaN(fromMs)
    ? "Choose when the range starts"
    : toMs !== undefined && toMs <= fromMs
      ? "The end must be after the start"
      : undefined;
  return (
    <form
      className="usage-custom"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) props.onApply(fromMs, toMs);
      }}
    >
      <Control label="From">
        <input className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </Control>
      <Control label="To (empty: now)">
        <input className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </Control>
      <button type="submit" className="button primary small" disabled={!!problem}>
        Apply
      </button>
      <button type="button" className="button small" onClick={props.onCancel}>
        Cancel
      </button>
      {problem && <span className="field-error">{problem}</span>}
    </form>
  );
}

/**
 * A label above one control. The label points at the control (for) rather than wrapping it, so a
 * select's name is the label alone, not the label plus every option's text.
 */
function Control(props: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className="usage-control">
      <label htmlFor={id}>{props.label}</label>
      {cloneElement(props.children, { id })}
    </div>
  );
}

/** Epoch ms as a datetime-local value ("2026-12-07T14:03") in the browser's time zone. */
function toLocalInput(millis: number): string {
  const d = new Date(millis);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
