import { ReactNode, useEffect, useState } from "react";
import type { AutoRetry } from "../useLoad";
import "../styles/recovery.css";

export function Loading(props: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {props.label ?? "Loading…"}
    </div>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{props.title}</h3>
      {props.children && <p>{props.children}</p>}
    </div>
  );
}

/**
 * An error, with a Retry button when `onRetry` is given. With `retry` (a load that is being tried
 * again by itself, see useLoad) it also says when the next try starts, and offers "Retry now".
 */
export function ErrorMessage(props: { message: string; onRetry?: () => void; retry?: AutoRetry }) {
  if (props.retry) return <RetryingMessage message={props.message} retry={props.retry} />;
  return (
    <div className="error-message" role="alert">
      <span>{props.message}</span>
      {props.onRetry && (
        <button type="button" className="button small" onClick={props.onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/**
 * Only the message is a live region, so a screen reader hears that the gateway is away once, not
 * every tick of the countdown beside it (which anyone can still read).
 */
function RetryingMessage(props: { message: string; retry: AutoRetry }) {
  const { at, stale, now } = props.retry;
  return (
    <div className="error-message retrying">
      <span role="alert">{props.message}</span>
      <span className="retry-when">
        {stale && "Showing what was loaded before. "}
        {at === undefined ? "Trying again now…" : <Countdown at={at} />}
      </span>
      <button type="button" className="button small" onClick={now}>
        Retry now
      </button>
    </div>
  );
}

function Countdown(props: { at: number }) {
  const [time, setTime] = useState(() => Date.now());
  useEffect(() => {
    const tick = window.setInterval(() => setTime(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, [props.at]);
  const seconds = Math.max(1, Math.ceil((props.at - time) / 1000));
  return <>Trying again in {seconds} s…</>;
}

export function Badge(props: { children: ReactNode; tone?: "default" | "accent" | "success" | "warning" }) {
  return <span className={"badge badge-" + (props.tone ?? "default")}>{props.children}</span>;
}
