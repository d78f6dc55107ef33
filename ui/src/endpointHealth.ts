import { useMemo } from "react";
import { api, Endpoint, ModelDefinition, TargetStatus } from "./api";
import { Providers } from "./catalog";
import { providerBlockedReason } from "./components/ProviderSelect";
import { useLoad } from "./useLoad";

// What keeps an endpoint's targets from being called, as the endpoint's own page shows it: a model
// definition whose API key was deleted ("No API key (orphaned)"), and a provider this gateway cannot
// call or its allow-list blocks (the provider catalog's reason, as the provider picker gives it),
// and a target that keeps failing, left out of plans while it cools down (targets/status).

export interface HealthProblem {
  kind: "key-deleted" | "provider" | "cooling";
  /** A few words to show beside the endpoint: "Key deleted". */
  label: string;
  /** The whole story, for the tooltip and screen readers. */
  detail: string;
}

export function endpointProblems(
  e: Endpoint,
  providers: Providers | undefined,
  targets?: Map<string, TargetStatus>,
): HealthProblem[] {
  const problems: HealthProblem[] = [];
  const definitions = e.model_mappings.map((m) => m.model_definition).filter((d): d is ModelDefinition => d !== undefined);

  const orphaned = unique(definitions.filter((d) => !d.secret_id).map((d) => d.model_name));
  if (orphaned.length > 0) {
    const all = definitions.every((d) => !d.secret_id);
    problems.push({
      kind: "key-deleted",
      label: "Key deleted",
      detail:
        `No API key (orphaned) for ${orphaned.join(", ")}: its API key was deleted. ` +
        (all ? "No target can be called until a key is chosen." : "Those targets are skipped until a key is chosen."),
    });
  }

  // Without the catalog (still loading, or it failed) nothing is known about providers: say nothing.
  if (providers) {
    const reasons = unique(definitions.map((d) => d.provider)).flatMap((id) => {
      const p = providers.byId.get(id);
      const reason = p ? providerBlockedReason(p) : "Not in this gateway's provider catalog";
      return reason ? [`${providers.name(id)}: ${reason}`] : [];
    });
    if (reasons.length > 0) {
      problems.push({ kind: "provider", label: "Provider not callable", detail: reasons.join("; ") });
    }
  }
  const cooling = unique(
    definitions.flatMap((d) => {
      const status = targets?.get(d.model_definition_id);
      return status && status.state !== "ok" ? [targetStatusText(status)] : [];
    }),
  );
  if (cooling.length > 0) {
    problems.push({ kind: "cooling", label: "Cooling down", detail: cooling.join("; ") });
  }
  return problems;
}

/**
 * The targets that failed lately, by model definition id, as the gateway saw them when the page
 * loaded. Nothing is said if they cannot be read (an older gateway): a health flag is a hint, and
 * a page must not fail for want of one.
 */
export function useTargetStatuses(): Map<string, TargetStatus> | undefined {
  const loaded = useLoad(() => api.targetStatus().catch(() => [] as TargetStatus[]));
  const targets = loaded.data;
  return useMemo(() => (targets ? new Map(targets.map((t) => [t.model_definition_id, t])) : undefined), [targets]);
}

/** "openai/gpt-4o failed 5 times in a row: left out of plans until 14:32:05" and the like. */
export function targetStatusText(status: TargetStatus): string {
  const target = `${status.provider}/${status.model_name}`;
  const failures = `failed ${status.consecutive_failures} ${status.consecutive_failures === 1 ? "time" : "times"} in a row`;
  if (status.state === "cooling_down" && status.cooling_until) {
    return `${target} ${failures}: left out of plans until ${new Date(status.cooling_until).toLocaleTimeString()}`;
  }
  if (status.state === "probing") return `${target} ${failures}: its next call tests whether it is back`;
  return `${target} ${failures}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
