import { Fragment, ReactNode, useEffect, useState } from "react";
import { messageOf } from "../api";
import { formatCallTime, formatCount, formatMs, UsageCall, UsageCalls, UsagePrice } from "../usage";
import { Cost } from "./UsageCharts";
import { Badge, ErrorMessage, Loading } from "./States";

// The recent calls, newest first, a page at a time ("Load more" asks for calls older than the last
// one shown); a row opens to show every recorded field.

export function RecentCalls(props: {
  /** Loads one page: the newest calls, or those older than `before`. Changes when the filters do. */
  load: (before?: number) => Promise<UsageCalls>;
  /** Show the endpoint column (not on an endpoint's own tab). */
  showEndpoint: boolean;
}) {
  const [calls, setCalls] = useState<UsageCall[]>();
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    setBusy(true);
    setError(undefined);
    props.load().then(
      (page) => {
        if (cancelled) return;
        setCalls(page.calls);
        setNext(page.next_before);
        setBusy(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(messageOf(e));
        setBusy(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.load, version]);

  async function loadMore() {
    if (next === null || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const page = await props.load(next);
      setCalls((c) => [...(c ?? []), ...page.calls.filter((n) => !c?.some((o) => o.id === n.id))]);
      setNext(page.next_before);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const columns = props.showEndpoint ? 12 : 11;
  return (
    <section className="card usage-calls" aria-labelledby="usage-calls-title">
      <div className="usage-section-header">
        <h3 id="usage-calls-title">Recent calls</h3>
        {calls && <span className="muted">{calls.length === 1 ? "1 call shown" : `${calls.length} calls shown`}</span>}
      </div>
      {calls === undefined && busy && <Loading label="Loading calls…" />}
      {calls !== undefined && calls.length === 0 && <p className="muted">No calls in this range.</p>}
      {calls !== undefined && calls.length > 0 && (
        <div className="usage-table-wrap">
          <table className="table usage-table" aria-label="Recent calls">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Details</span>
                </th>
                <th scope="col">Time</th>
                {props.showEndpoint && <th scope="col">Endpoint</th>}
                <th scope="col">Caller</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col">Stream</th>
                <th scope="col" className="usage-num">
                  Attempts
                </th>
                <th scope="col" className="usage-num">
                  Tokens in / out
                </th>
                <th scope="col" className="usage-num">
                  Cost
                </th>
                <th scope="col" className="usage-num">
                  Latency
                </th>
                <th scope="col" className="usage-num">
                  TTFT
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <Fragment key={c.id}>
                  <CallRow
                    call={c}
                    showEndpoint={props.showEndpoint}
                    open={open === c.id}
                    onToggle={() => setOpen(open === c.id ? undefined : c.id)}
                  />
                  {open === c.id && (
                    <tr className="usage-call-detail-row">
                      <td colSpan={columns}>
                        <CallDetail call={c} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error && (
        <ErrorMessage
          message={"The calls could not be loaded: " + error}
          onRetry={calls === undefined ? () => setVersion((v) => v + 1) : loadMore}
        />
      )}
      {calls !== undefined && next !== null && (
        <div className="usage-more">
          <button type="button" className="button" onClick={loadMore} disabled={busy}>
            {busy ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </section>
  );
}

function CallRow(props: { call: UsageCall; showEndpoint: boolean; open: boolean; onToggle: () => void }) {
  const c = props.call;
  const failed = c.status < 200 || c.status >= 300;
  return (
    <tr className={"usage-call" + (props.open ? " usage-call-open" : "")} onClick={props.onToggle}>
      <td className="usage-toggle">
        <button
          type="button"
          className="icon-button"
          aria-expanded={props.open}
          aria-label={(props.open ? "Hide" : "Show") + " details of the call at " + formatCallTime(c.time)}
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle();
          }}
        >
          {props.open ? "▾" : "▸"}
        </button>
      </td>
      <td className="cell-date">{formatCallTime(c.time)}</td>
      {props.showEndpoint && <td className="cell-name">{c.endpoint_name || c.endpoint_id}</td>}
      <td>{callerOf(c)}</td>
      <td className="usage-target">
        {c.provider}/{c.model}
      </td>
      <td>
        <span className={failed ? "usage-status usage-bad" : "usage-status"}>{c.status}</span>
        {c.error_class && <span className="usage-error-class">{c.error_class}</span>}
        {c.stream_failed && <Badge tone="warning">stream cut</Badge>}
      </td>
      <td>{c.stream ? "yes" : "no"}</td>
      <td className="usage-num">
        {c.attempts}
        {c.fell_back && (
          <>
            {" "}
            <Badge tone="warning">fell back</Badge>
          </>
        )}
      </td>
      <td className="usage-num">
        {formatCount(c.input_tokens)} / {formatCount(c.output_tokens)}
      </td>
      <td className="usage-num">
        <Cost usd={c.cost_usd} />
      </td>
      <td className="usage-num">{formatMs(c.duration_ms)}</td>
      <td className="usage-num">{formatMs(c.ttft_ms)}</td>
    </tr>
  );
}

function callerOf(c: UsageCall): string {
  if (c.caller_kind === "none") return "anonymous";
  return c.caller_name || c.caller_id || "—";
}

/** Every recorded field of one call. */
function CallDetail(props: { call: UsageCall }) {
  const c = props.call;
  const rows: [string, ReactNode][] = [
    ["Call id", <code>{c.id}</code>],
    ["Time", new Date(c.time).toISOString()],
    ["Endpoint", `${c.endpoint_name} (${c.endpoint_id})`],
    ["Route", <code>{c.route}</code>],
    ["Surface", c.surface],
    ["Caller", `${callerOf(c)} (${c.caller_kind}${c.caller_id ? ": " + c.caller_id : ""})`],
    ["Provider", c.provider],
    ["Model", c.model],
    ["Status", String(c.status)],
    ["Error class", c.error_class ?? "—"],
    ["Error message", c.error_message ? <span className="usage-error-message">{c.error_message}</span> : "—"],
    ["Stream", c.stream ? (c.stream_failed ? "yes, failed mid-stream" : "yes") : "no"],
    ["Attempts", `${c.attempts}${c.fell_back ? " (fell back)" : ""}`],
    ["Duration", formatMs(c.duration_ms)],
    ["Time to first token", formatMs(c.ttft_ms)],
    ["Gateway overhead", formatMs(c.overhead_ms)],
    ["Input tokens", formatCount(c.input_tokens)],
    ["Output tokens", formatCount(c.output_tokens)],
    ["Cache read tokens", formatCount(c.cache_read_tokens)],
    ["Cache write tokens", formatCount(c.cache_write_tokens)],
    ["Reasoning tokens", formatCount(c.reasoning_tokens)],
    ["Cost", <Cost usd={c.cost_usd} />],
    ["Price used", <PriceText price={c.price} />],
  ];
  return (
    <dl className="usage-call-detail" aria-label="Call details">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The per-token prices the cost was computed with, per million tokens. */
function PriceText(props: { price: UsagePrice | null }) {
  const p = props.price;
  if (!p) return <span title="no price in the catalog">none (no price in the catalog)</span>;
  const parts = (
    [
      ["input", p.input],
      ["output", p.output],
      ["cache read", p.cache_read],
      ["cache write", p.cache_write],
      ["reasoning", p.reasoning],
    ] as const
  )
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k} $${Number((v! * 1_000_000).toPrecision(4))}/1M`);
  return <>{parts.length > 0 ? parts.join(", ") : "—"}</>;
}
