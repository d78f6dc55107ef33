import { ReactNode } from "react";

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

export function ErrorMessage(props: { message: string; onRetry?: () => void }) {
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

export function Badge(props: { children: ReactNode; tone?: "default" | "accent" | "success" | "warning" }) {
  return <span className={"badge badge-" + (props.tone ?? "default")}>{props.children}</span>;
}
