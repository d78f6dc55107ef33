import type { GatewayKey } from "./api";
import { call } from "./http";

// Rate limits (rate-limits/*): requests and tokens per sliding minute on one endpoint, for everyone
// without a limit of their own (the endpoint's default), for one user, or for one gateway key. A
// call counts against its key's own limit, else its user's own, else the default. Admins change
// them; a signed-in user reads those of the endpoints they may read.

/** One of a limit's amounts as the sliding minute stands now (as the answering server counts it). */
export interface Quota {
  limit: number;
  remaining: number;
  reset_ms: number;
}

export interface RateLimit {
  rate_limit_id: string;
  endpoint_id: string;
  /** Present on a user's own limit. */
  username?: string;
  /** Present on a gateway key's own limit. */
  key_id?: string;
  /** Requests per minute; absent when only tokens are limited. */
  queries_per_minute?: number;
  /** Tokens (input and output) per minute; absent when only requests are limited. */
  tokens_per_minute?: number;
  created_by?: string;
  created_at: number;
  last_updated_by?: string;
  last_updated_at: number;
  current_minute?: { requests?: Quota; tokens?: Quota };
}

/** Whom a limit is for: exactly one of these, or neither for the endpoint's default. */
export interface RateLimitTarget {
  endpoint_id: string;
  username?: string;
  key_id?: string;
}

export interface RateLimitAmounts {
  /** 0 removes the amount on an update. */
  queries_per_minute?: number;
  tokens_per_minute?: number;
}

export const rateLimits = {
  list: (filter: { endpoint_id?: string; username?: string; key_id?: string } = {}) =>
    call<{ rate_limits?: RateLimit[] }>("GET", "rate-limits/list", undefined, filter).then((r) => r.rate_limits ?? []),
  create: (body: RateLimitTarget & RateLimitAmounts) =>
    call<{ rate_limit: RateLimit }>("POST", "rate-limits/create", body).then((r) => r.rate_limit),
  update: (rate_limit_id: string, amounts: RateLimitAmounts) =>
    call<{ rate_limit: RateLimit }>("POST", "rate-limits/update", { rate_limit_id, ...amounts }).then(
      (r) => r.rate_limit,
    ),
  delete: (rate_limit_id: string) => call<{}>("DELETE", "rate-limits/delete", { rate_limit_id }),
};

export type RateLimitKind = "default" | "user" | "key";

export function kindOf(limit: RateLimitTarget): RateLimitKind {
  return limit.key_id ? "key" : limit.username ? "user" : "default";
}

/** Whom a limit applies to, for people: "Everyone else", "alice", "support-bot (sb-AbCd…)" or the key's id. */
export function callerLabel(limit: RateLimitTarget, keys: GatewayKey[] | undefined): string {
  if (limit.key_id) {
    const key = keys?.find((k) => k.key_id === limit.key_id);
    return key ? `${key.name} (${key.prefix}…)` : limit.key_id;
  }
  return limit.username ?? "Everyone else";
}

/** Defaults first, then users' own, then keys' own, each by name. */
export function byCaller(keys: GatewayKey[] | undefined) {
  const rank: Record<RateLimitKind, number> = { default: 0, user: 1, key: 2 };
  return (a: RateLimit, b: RateLimit) =>
    rank[kindOf(a)] - rank[kindOf(b)] ||
    callerLabel(a, keys).localeCompare(callerLabel(b, keys), undefined, { sensitivity: "base" });
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** ["10 req/min", "5,000 tok/min"]: the amounts a limit has, short. */
export function amountParts(limit: RateLimitAmounts): string[] {
  const parts: string[] = [];
  if (limit.queries_per_minute) parts.push(`${formatCount(limit.queries_per_minute)} req/min`);
  if (limit.tokens_per_minute) parts.push(`${formatCount(limit.tokens_per_minute)} tok/min`);
  return parts;
}

/** What is left of the sliding minute, one line per amount ("1 of 2 requests left"), and whether it is spent. */
export function leftLines(limit: RateLimit): { text: string; spent: boolean }[] {
  const minute = limit.current_minute;
  const lines: { text: string; spent: boolean }[] = [];
  if (minute?.requests) lines.push(left(minute.requests, "request"));
  if (minute?.tokens) lines.push(left(minute.tokens, "token"));
  return lines;
}

function left(q: Quota, noun: string): { text: string; spent: boolean } {
  const text = `${formatCount(q.remaining)} of ${formatCount(q.limit)} ${noun}${q.limit === 1 ? "" : "s"} left`;
  return { text, spent: q.remaining === 0 };
}
