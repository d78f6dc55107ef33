import { Endpoint, ModelDefinition } from "./api";
import { Providers } from "./catalog";
import { providerBlockedReason } from "./components/ProviderSelect";

// What keeps an endpoint's targets from being called, as the endpoint's own page shows it: a model
// definition whose API key was deleted ("No API key (orphaned)"), and a provider this gateway cannot
// call or its allow-list blocks (the provider catalog's reason, as the provider picker gives it).

export interface HealthProblem {
  kind: "key-deleted" | "provider";
  /** A few words to show beside the endpoint: "Key deleted". */
  label: string;
  /** The whole story, for the tooltip and screen readers. */
  detail: string;
}

export function endpointProblems(e: Endpoint, providers: Providers | undefined): HealthProblem[] {
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
  return problems;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
