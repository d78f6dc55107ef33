import { Budget, BudgetDurationUnit, BudgetScope, BudgetWindow } from "../api";
import { formatUsd } from "../usage";

// How the Budgets page words a budget: what it counts, its window, its spend as a share of the
// amount, and its windows' times on the wall clock of the budget's own time zone.

/** The names the page could load for budget targets; a target not in them is shown by its id. */
export interface TargetNames {
  endpoints: Map<string, string>;
  /** Gateway keys by key_id: name and prefix. */
  keys: Map<string, { name: string; prefix: string }>;
}

/** The scope as the line above a budget's name says it. */
export const SCOPE_LABEL: Record<BudgetScope, string> = {
  GLOBAL: "Global",
  ENDPOINT: "Endpoint",
  USER: "User",
  GATEWAY_KEY: "Gateway key",
};

const UNIT_NAMES: Record<BudgetDurationUnit, [string, string]> = {
  MINUTES: ["minute", "minutes"],
  HOURS: ["hour", "hours"],
  DAYS: ["day", "days"],
  WEEKS: ["week", "weeks"],
  MONTHS: ["month", "months"],
};

export const DURATION_UNITS = Object.keys(UNIT_NAMES) as BudgetDurationUnit[];

/** "day" / "days" for a unit and a count. */
export function unitName(unit: BudgetDurationUnit, value: number): string {
  const [one, many] = UNIT_NAMES[unit] ?? [unit.toLowerCase(), unit.toLowerCase()];
  return value === 1 ? one : many;
}

/** "1 day", "15 minutes". */
export function durationText(b: Budget): string {
  return `${b.duration.value} ${unitName(b.duration.unit, b.duration.value)}`;
}

/** "1 day, Europe/Paris". */
export function windowText(b: Budget): string {
  return `${durationText(b)}, ${b.time_zone}`;
}

/** What the budget counts, by name where the page knows it: "support-chat", "alice", "Whole gateway". */
export function targetName(b: Budget, names: TargetNames): string {
  const t = b.target_value ?? "";
  switch (b.target_scope) {
    case "GLOBAL":
      return "Whole gateway";
    case "ENDPOINT":
      return names.endpoints.get(t) ?? t;
    case "GATEWAY_KEY":
      return names.keys.get(t)?.name ?? t;
    default:
      return t;
  }
}

/** Whether targetName found a name for the target (else it shows the id). */
export function targetResolved(b: Budget, names: TargetNames): boolean {
  const t = b.target_value ?? "";
  if (b.target_scope === "ENDPOINT") return names.endpoints.has(t);
  if (b.target_scope === "GATEWAY_KEY") return names.keys.has(t);
  return true;
}

/** A budget as a phrase for buttons' names: "endpoint support-chat, $50.00 per 1 day". */
export function budgetPhrase(b: Budget, names: TargetNames): string {
  const what =
    b.target_scope === "GLOBAL"
      ? "the whole gateway"
      : `${SCOPE_LABEL[b.target_scope].toLowerCase()} ${targetName(b, names)}`;
  return `${what}, ${formatUsd(b.budget_amount)} per ${durationText(b)}`;
}

/**
 * The window's spend as a whole percentage of the amount. It shows 100% only once the amount is
 * reached (99.6% of it is still 99%), so the figure never says "full" while calls still pass.
 */
export function percentOf(spend: number, amount: number, exceeded: boolean): number {
  if (!(amount > 0)) return 0;
  const pct = Math.round((spend / amount) * 100);
  return exceeded ? Math.max(100, pct) : Math.min(99, pct);
}

/** "45%", "<1%" for a spend under 1% of the amount, "0%" for nothing spent. */
export function percentText(spend: number, amount: number, exceeded: boolean): string {
  const pct = percentOf(spend, amount, exceeded);
  if (pct === 0 && spend > 0) return "<1%";
  return pct + "%";
}

/** The meter's tone: normal, close to the amount (80% and more), or reached. */
export function spendTone(w: BudgetWindow, amount: number): "ok" | "near" | "reached" {
  if (w.exceeded) return "reached";
  return amount > 0 && w.current_spend / amount >= 0.8 ? "near" : "ok";
}

/** A time on the wall clock of `zone` (the budget's), or the browser's when the browser does not know the zone. */
export function formatInZone(millis: number, zone: string, withYear = false): string {
  const options: Intl.DateTimeFormatOptions = {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...(withYear ? { year: "numeric" } : {}),
  };
  try {
    return new Date(millis).toLocaleString(undefined, { ...options, timeZone: zone });
  } catch {
    return new Date(millis).toLocaleString(undefined, options);
  }
}

/** A window as "Dec 7, 00:00 – Dec 8, 00:00" on the budget's wall clock. */
export function windowSpan(w: BudgetWindow, zone: string): string {
  return `${formatInZone(w.window_start_ms, zone)} – ${formatInZone(w.window_end_ms, zone)}`;
}

/** How long until `millis`: "in 42 s", "in 5 min", "in 3 h 20 min", "in 4 days". */
export function fromNow(millis: number, now: number): string {
  const s = Math.max(0, Math.round((millis - now) / 1000));
  if (s < 60) return `in ${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `in ${min} min`;
  const h = Math.floor(s / 3600);
  if (h < 48) {
    const rest = Math.round((s - h * 3600) / 60);
    return rest > 0 && h < 10 ? `in ${h} h ${rest} min` : `in ${h} h`;
  }
  return `in ${Math.round(s / 86400)} days`;
}

/** Time zones the browser knows, for the form's suggestions (UTC first). */
export function timeZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}
