import { useState } from "react";
import { Endpoint, GatewayKey } from "../api";
import { amountParts, RateLimit } from "../rateLimits";
import { links } from "../router";
import { amountsSentence, DeleteRateLimitDialog, RateLimitFormModal, TargetOption } from "./RateLimitModals";

// The Gateway keys page's "Rate limits" cell: the key's own limits, one per endpoint ("gpt 10
// req/min · 5,000 tok/min"). Admins add one for another endpoint the key can call, change or delete
// them, with the dialogs of the endpoint page.

type Dialog = { kind: "add" } | { kind: "edit"; limit: RateLimit } | { kind: "delete"; limit: RateLimit };

export function KeyRateLimits(props: {
  gatewayKey: GatewayKey;
  /** The key's own limits; undefined while they load. */
  limits: RateLimit[] | undefined;
  endpoints: Endpoint[] | undefined;
  canChange: boolean;
  onChanged: (notice: string) => void;
}) {
  const k = props.gatewayKey;
  const [dialog, setDialog] = useState<Dialog>();
  const endpointName = (id: string) => props.endpoints?.find((e) => e.endpoint_id === id)?.name ?? id;
  const about = (l: RateLimit) => (
    <>
      for the key <strong>{k.name}</strong> on <strong>{endpointName(l.endpoint_id)}</strong>
    </>
  );
  const done = (message: string) => {
    setDialog(undefined);
    props.onChanged(message);
  };
  const limits = [...(props.limits ?? [])].sort((a, b) =>
    endpointName(a.endpoint_id).localeCompare(endpointName(b.endpoint_id)),
  );

  return (
    <>
      {limits.length === 0 ? (
        <span className="muted">{props.limits ? "None of its own" : ""}</span>
      ) : (
        <ul className="key-rate-limits">
          {limits.map((l) => (
            <li key={l.rate_limit_id}>
              <a href={links.endpoint(l.endpoint_id)}>{endpointName(l.endpoint_id)}</a>{" "}
              <span className="key-rate-limit-amounts">
                {amountParts(l).map((part, i) => (
                  <span key={i}>
                    {i > 0 && " · "}
                    <span className="key-rate-limit-amount">{part}</span>
                  </span>
                ))}
              </span>
              {props.canChange && (
                <span className="key-rate-limit-actions">
                  <button
                    type="button"
                    className="button link"
                    aria-label={`Edit the rate limit of ${k.name} on ${endpointName(l.endpoint_id)}`}
                    onClick={() => setDialog({ kind: "edit", limit: l })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button link danger-text"
                    aria-label={`Delete the rate limit of ${k.name} on ${endpointName(l.endpoint_id)}`}
                    onClick={() => setDialog({ kind: "delete", limit: l })}
                  >
                    Delete
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canChange && k.status === "active" && props.limits && (
        <button
          type="button"
          className="button link key-rate-limit-add"
          aria-label={"Add limit for " + k.name}
          onClick={() => setDialog({ kind: "add" })}
        >
          Add limit
        </button>
      )}

      {dialog?.kind === "add" && (
        <RateLimitFormModal
          title={"Add rate limit for " + k.name}
          mode={{
            kind: "create",
            pickLabel: "Endpoint",
            options: endpointOptions(k, props.limits ?? [], props.endpoints ?? []),
            none: "Every endpoint the key can call has a limit for it",
            hint: "The key's own limit comes before its owner's and the endpoint's default.",
          }}
          onClose={() => setDialog(undefined)}
          onSaved={(l) =>
            done(`Rate limit added for ${k.name} on ${endpointName(l.endpoint_id)}: ${amountsSentence(l)}.`)
          }
        />
      )}
      {dialog?.kind === "edit" && (
        <RateLimitFormModal
          title="Edit rate limit"
          mode={{ kind: "edit", limit: dialog.limit, about: <>The rate limit {about(dialog.limit)}.</> }}
          onClose={() => setDialog(undefined)}
          onSaved={(l) => done(`Rate limit of ${k.name} on ${endpointName(l.endpoint_id)} saved: ${amountsSentence(l)}.`)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteRateLimitDialog
          limit={dialog.limit}
          about={about(dialog.limit)}
          onClose={() => setDialog(undefined)}
          onDone={() => done(`Rate limit of ${k.name} on ${endpointName(dialog.limit.endpoint_id)} deleted.`)}
        />
      )}
    </>
  );
}

/** The endpoints the key can call (its own list, or every endpoint when it has none) without a limit for it yet. */
function endpointOptions(k: GatewayKey, existing: RateLimit[], endpoints: Endpoint[]): TargetOption[] {
  const limited = new Set(existing.map((l) => l.endpoint_id));
  const reachable = k.endpoints.length > 0 ? k.endpoints : endpoints.map((e) => ({ endpoint_id: e.endpoint_id, name: e.name }));
  return reachable
    .filter((e) => !limited.has(e.endpoint_id))
    .map((e) => ({ value: e.endpoint_id, label: e.name, target: { endpoint_id: e.endpoint_id, key_id: k.key_id } }));
}
