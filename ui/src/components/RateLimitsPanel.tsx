import { useId, useState } from "react";
import { api, GatewayKey, User } from "../api";
import {
  byCaller,
  callerLabel,
  formatCount,
  kindOf,
  leftLines,
  RateLimit,
  rateLimits,
} from "../rateLimits";
import { useSession } from "../session";
import { useLoad } from "../useLoad";
import { amountsSentence, DeleteRateLimitDialog, RateLimitFormModal, TargetOption } from "./RateLimitModals";
import { ErrorMessage } from "./States";

// The endpoint page's "Rate limits" card: the endpoint's default and every user's or gateway key's
// own limit on it, with what is left of the current minute. Admins add, change and delete them;
// everyone else who may read the endpoint sees them.

type Dialog = { kind: "add" } | { kind: "edit"; limit: RateLimit } | { kind: "delete"; limit: RateLimit };

const KIND_NAMES = { default: "Default", user: "User", key: "Gateway key" } as const;

export function RateLimitsPanel(props: { endpointId: string; endpointName: string }) {
  const session = useSession();
  const admin = session.isAdmin;
  // With authentication off calls are nobody's: only the endpoint's default applies.
  const perCaller = session.authEnabled;
  const ids = useId();
  const limits = useLoad(() => rateLimits.list({ endpoint_id: props.endpointId }), [props.endpointId]);
  // Names for keys' own limits: the keys this user may see (all of them for an admin); else the key's id.
  const keys = useLoad(
    () => (perCaller ? api.listGatewayKeys().catch(() => undefined) : Promise.resolve(undefined as GatewayKey[] | undefined)),
    [perCaller],
  );
  const users = useLoad(
    () =>
      perCaller && admin
        ? api.listUsers().catch(() => undefined)
        : Promise.resolve(undefined as User[] | undefined),
    [perCaller, admin],
  );
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState<string>();

  const list = limits.data ? [...limits.data].sort(byCaller(keys.data)) : undefined;
  const who = (l: RateLimit) => callerLabel(l, keys.data);
  const about = (l: RateLimit) => (
    <>
      for <strong>{who(l)}</strong> on <strong>{props.endpointName}</strong>
    </>
  );

  function done(message: string) {
    setDialog(undefined);
    setNotice(message);
    limits.reload();
  }

  return (
    <section className="card rate-limits" aria-labelledby={ids + "title"}>
      <div className="rate-limits-head">
        <h3 id={ids + "title"}>Rate limits</h3>
        <span className="details-success rate-limits-notice" role="status">
          {notice}
        </span>
        <div className="rate-limits-buttons">
          <button
            type="button"
            className="button small"
            onClick={limits.reload}
            disabled={limits.loading}
            aria-label="Refresh rate limits"
          >
            Refresh
          </button>
          {admin && (
            <button type="button" className="button small" onClick={() => setDialog({ kind: "add" })}>
              Add rate limit
            </button>
          )}
        </div>
      </div>
      <p className="muted rate-limits-intro">
        Requests and tokens per minute that calls to <strong>{props.endpointName}</strong> may use, counted over a
        sliding minute.{" "}
        {perCaller
          ? "A gateway key's own limit comes first, then its user's own, then the endpoint's default, which everyone else shares."
          : "Authentication is off, so calls are nobody's: the endpoint's default applies to all of them."}
        {!admin && " Only admins change them."}
      </p>
      {limits.error && (
        <ErrorMessage
          message={"Rate limits could not be loaded: " + limits.error}
          onRetry={limits.reload}
          retry={limits.retrying}
        />
      )}
      {list && list.length === 0 && <p className="muted rate-limits-none">No rate limits: calls are not limited.</p>}
      {list && list.length > 0 && (
        <table className="table rate-limits-table">
          <thead>
            <tr>
              <th scope="col">Applies to</th>
              <th scope="col">Requests / min</th>
              <th scope="col">Tokens / min</th>
              <th scope="col">Left now</th>
              {admin && (
                <th scope="col" className="actions">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.map((l) => (
              <tr key={l.rate_limit_id}>
                <td>
                  <span className="cell-name">{who(l)}</span>
                  <span className="rate-limit-kind muted">
                    {kindOf(l) === "default" ? "The endpoint's default" : KIND_NAMES[kindOf(l)]}
                  </span>
                </td>
                <td data-label="Requests / min">{amountCell(l.queries_per_minute)}</td>
                <td data-label="Tokens / min">{amountCell(l.tokens_per_minute)}</td>
                <td data-label="Left now">
                  <LeftNow limit={l} />
                </td>
                {admin && (
                  <td className="actions">
                    <button
                      type="button"
                      className="button small"
                      aria-label={"Edit the rate limit for " + who(l)}
                      onClick={() => setDialog({ kind: "edit", limit: l })}
                    >
                      Edit
                    </button>{" "}
                    <button
                      type="button"
                      className="button small danger-text"
                      aria-label={"Delete the rate limit for " + who(l)}
                      onClick={() => setDialog({ kind: "delete", limit: l })}
                    >
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {dialog?.kind === "add" && (
        <RateLimitFormModal
          title="Add rate limit"
          mode={{
            kind: "create",
            pickLabel: "Applies to",
            options: callerOptions(props.endpointId, limits.data ?? [], users.data, keys.data, perCaller),
            none: "Everyone has a rate limit already",
            hint: "A user's limit counts all their calls; a key's counts the calls made with it.",
          }}
          onClose={() => setDialog(undefined)}
          onSaved={(l) => done(`Rate limit added for ${who(l)}: ${amountsSentence(l)}.`)}
        />
      )}
      {dialog?.kind === "edit" && (
        <RateLimitFormModal
          title="Edit rate limit"
          mode={{ kind: "edit", limit: dialog.limit, about: <>The rate limit {about(dialog.limit)}.</> }}
          onClose={() => setDialog(undefined)}
          onSaved={(l) => done(`Rate limit for ${who(l)} saved: ${amountsSentence(l)}.`)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteRateLimitDialog
          limit={dialog.limit}
          about={about(dialog.limit)}
          onClose={() => setDialog(undefined)}
          onDone={() => done(`Rate limit for ${who(dialog.limit)} deleted.`)}
        />
      )}
    </section>
  );
}

function amountCell(n: number | undefined) {
  return n ? formatCount(n) : <span className="muted">No limit</span>;
}

/** What the sliding minute has left, one line per amount; a spent amount stands out. */
function LeftNow(props: { limit: RateLimit }) {
  const lines = leftLines(props.limit);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {lines.map((line, i) => (
        <span key={i} className={"rate-limit-left" + (line.spent ? " rate-limit-spent" : "")}>
          {line.text}
        </span>
      ))}
    </>
  );
}

/** Whom a new limit on the endpoint can be for: the default if it has none, users and keys without their own. */
function callerOptions(
  endpointId: string,
  existing: RateLimit[],
  users: User[] | undefined,
  keys: GatewayKey[] | undefined,
  perCaller: boolean,
): TargetOption[] {
  const options: TargetOption[] = [];
  if (!existing.some((l) => kindOf(l) === "default")) {
    options.push({ value: "default", label: "Everyone else (the endpoint's default)", target: { endpoint_id: endpointId } });
  }
  if (!perCaller) return options;
  const limitedUsers = new Set(existing.map((l) => l.username).filter(Boolean));
  for (const u of users ?? []) {
    if (limitedUsers.has(u.username)) continue;
    options.push({
      value: "user:" + u.username,
      label: u.username,
      group: "Users",
      target: { endpoint_id: endpointId, username: u.username },
    });
  }
  const limitedKeys = new Set(existing.map((l) => l.key_id).filter(Boolean));
  for (const k of keys ?? []) {
    const reaches = k.endpoints.length === 0 || k.endpoints.some((e) => e.endpoint_id === endpointId);
    if (k.status !== "active" || !reaches || limitedKeys.has(k.key_id)) continue;
    options.push({
      value: "key:" + k.key_id,
      label: `${k.name} (${k.prefix}…), ${k.owner}'s`,
      group: "Gateway keys",
      target: { endpoint_id: endpointId, key_id: k.key_id },
    });
  }
  return options;
}
