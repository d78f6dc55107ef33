import { ReactNode } from "react";
import { Endpoint, fallbacks, Mapping, percentages, primaries, TargetStatus } from "../api";
import { useProviders } from "../catalog";
import { targetStatusText, useTargetStatuses } from "../endpointHealth";
import { Badge } from "./States";
import "../styles/resilience.css";

// An endpoint's current targets as cards: the traffic split's primaries with their share, then the
// fallbacks in order; each with its provider, model, API key and, if it failed lately, its state
// (cooling down, on probation) from targets/status.

/** A target that failed lately: cooling down (left out of plans), on probation, or failing in a row. */
function TargetState(props: { status: TargetStatus | undefined }) {
  const { status } = props;
  if (!status) return null;
  return (
    <div>
      <dt>State</dt>
      <dd className={status.state === "ok" ? undefined : "target-cooling"}>
        {status.state === "cooling_down" ? "Cooling down" : status.state === "probing" ? "On probation" : "Failing"}
        <span className="muted"> · {targetStatusText(status)}</span>
      </dd>
    </div>
  );
}

export function TargetCards(props: { endpoint: Endpoint }) {
  const providers = useProviders();
  const targets = useTargetStatuses();
  const prim = primaries(props.endpoint);
  const pct = percentages(prim);
  const fb = fallbacks(props.endpoint);
  const card = (m: Mapping, label: string, title: ReactNode) => {
    const d = m.model_definition;
    return (
      <article className="details-target-card" key={m.mapping_id} aria-label={label}>
        <header>{title}</header>
        <dl>
          <div>
            <dt>Provider</dt>
            <dd>{providers?.name(d?.provider) ?? d?.provider ?? "—"}</dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd className="details-mono">{d?.model_name ?? "—"}</dd>
          </div>
          <div>
            <dt>API key</dt>
            <dd>
              {d?.secret_id ? (
                d.secret_name ?? d.secret_id
              ) : (
                <span className="details-warning">No API key (orphaned)</span>
              )}
            </dd>
          </div>
          <TargetState status={d ? targets?.get(d.model_definition_id) : undefined} />
        </dl>
      </article>
    );
  };
  return (
    <section className="details-targets" aria-label="Current targets">
      {prim.map((m, i) =>
        card(
          m,
          `Primary, ${pct[i]}% of traffic`,
          <>
            <Badge tone="accent">Primary</Badge> <span>{pct[i]}% of traffic</span>
          </>,
        ),
      )}
      {fb.map((m, i) =>
        card(m, `Fallback ${i + 1}`, <Badge>Fallback {i + 1}</Badge>),
      )}
    </section>
  );
}
