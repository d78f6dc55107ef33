import { useEffect, useMemo, useRef, useState } from "react";
import { api, Budget, GatewayKey, User } from "../api";
import { BudgetCard } from "../components/BudgetCard";
import { BudgetFormModal, DeleteBudgetDialog, TargetChoices } from "../components/BudgetModals";
import { budgetPhrase, TargetNames } from "../components/BudgetText";
import { EmptyState, ErrorMessage, Loading } from "../components/States";
import { plural } from "../format";
import { isUnreachable } from "../http";
import { useSession } from "../session";
import { useLoad } from "../useLoad";

// The Budgets page (#/gateway/budgets): what calls may cost per window (docs/limits.md), and what
// each budget has spent in its current window. Every signed-in user sees them; admins create,
// edit and delete them. Spend is read again every half minute, and on Refresh.

const REFRESH_MS = 30_000;

type Dialog = { kind: "create" } | { kind: "edit"; budget: Budget } | { kind: "delete"; budget: Budget };

export function BudgetsPage() {
  const session = useSession();
  const admin = session.isAdmin;
  const budgets = useLoad(() => api.listBudgets().then(inOrder));
  // Names for the targets; a list the user may not read (or that fails) leaves its targets as ids.
  const endpoints = useLoad(() => optional(api.listEndpoints()));
  const keys = useLoad(() => (session.authEnabled ? optional(api.listGatewayKeys()) : none<GatewayKey[]>()), [
    session.authEnabled,
  ]);
  const users = useLoad(() => (admin && session.authEnabled ? optional(api.listUsers()) : none<User[]>()), [
    admin,
    session.authEnabled,
  ]);
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState("");
  const [now, setNow] = useState(() => Date.now());
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a delete, focus goes to the heading once the dialog has closed (the page is inert until then).
  const [deleted, setDeleted] = useState(0);
  useEffect(() => {
    if (deleted > 0) headingRef.current?.focus();
  }, [deleted]);
  const { reload } = budgets;

  // The spend moves with every call, and a window's end starts the next one: read them again now and then.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);
  useEffect(() => setNow(Date.now()), [budgets.data]);

  const names = useMemo<TargetNames>(
    () => ({
      endpoints: new Map((endpoints.data ?? []).map((e) => [e.endpoint_id, e.name])),
      keys: new Map((keys.data ?? []).map((k) => [k.key_id, { name: k.name, prefix: k.prefix }])),
    }),
    [endpoints.data, keys.data],
  );
  const choices: TargetChoices = { endpoints: endpoints.data, users: users.data, keys: keys.data };
  const all = budgets.data;

  function saved(message: string) {
    setDialog(undefined);
    setNotice(message);
    reload();
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h2 ref={headingRef} tabIndex={-1}>
            Budgets
          </h2>
          <p className="keys-subtitle muted">
            What calls may cost, in US dollars, per window: for the whole gateway, an endpoint, a user or a gateway
            key. When a window's spend reaches the amount, a budget rejects later calls or alerts a webhook.{" "}
            {admin ? "" : "Only admins can create or change budgets."}
          </p>
        </div>
        <div className="budget-header-actions">
          <button type="button" className="button" onClick={reload} disabled={budgets.loading}>
            {budgets.loading && all ? "Refreshing…" : "Refresh"}
          </button>
          {admin && (
            <button type="button" className="button primary" onClick={() => setDialog({ kind: "create" })}>
              Create budget
            </button>
          )}
        </div>
      </div>

      <p className="sr-only" role="status">
        {notice}
      </p>

      {budgets.error && <ErrorMessage message={budgets.error} onRetry={reload} retry={budgets.retrying} />}
      {!all && budgets.loading && <Loading label="Loading budgets…" />}
      {all && all.length === 0 && (
        <EmptyState title="No budgets yet">
          A budget caps what calls may cost per window — a day, a month — for the whole gateway, one endpoint, one
          user or one gateway key. Once the spend reaches the amount, it either refuses later calls with 429 until
          the window ends, or calls a webhook once. Costs come from the model catalog's prices;{" "}
          <code>docs/limits.md</code> says how spend is counted.{" "}
          {admin ? "Create budget adds one." : "An admin can add one."}
        </EmptyState>
      )}
      {all && all.length > 0 && (
        <>
          <p className="budget-count muted">
            {plural(all.length, "budget")}; spend as of {clockTime(now)}.
          </p>
          <ul className="budget-list" aria-label="Budgets">
            {all.map((b) => (
              <BudgetCard
                key={b.budget_policy_id}
                budget={b}
                names={names}
                admin={admin}
                now={now}
                onEdit={() => setDialog({ kind: "edit", budget: b })}
                onDelete={() => setDialog({ kind: "delete", budget: b })}
              />
            ))}
          </ul>
        </>
      )}

      {(dialog?.kind === "create" || dialog?.kind === "edit") && (
        <BudgetFormModal
          budget={dialog.kind === "edit" ? dialog.budget : undefined}
          choices={choices}
          onClose={() => setDialog(undefined)}
          onSaved={(b) => saved(`Budget of ${budgetPhrase(b, names)} ${dialog.kind === "edit" ? "saved" : "created"}.`)}
        />
      )}
      {dialog?.kind === "delete" && (
        <DeleteBudgetDialog
          budget={dialog.budget}
          names={names}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            const gone = dialog.budget;
            budgets.setData((list) => list?.filter((b) => b.budget_policy_id !== gone.budget_policy_id));
            saved(`Budget of ${budgetPhrase(gone, names)} deleted.`);
            setDeleted((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

/**
 * A list the page can do without: undefined when the gateway refuses it (its targets then show as
 * ids). While the gateway cannot be reached it fails, so that useLoad tries again by itself.
 */
function optional<T>(load: Promise<T>): Promise<T | undefined> {
  return load.catch((e: unknown) => {
    if (isUnreachable(e)) throw e;
    return undefined;
  });
}

function none<T>(): Promise<T | undefined> {
  return Promise.resolve(undefined);
}

/** "14:03:21". */
function clockTime(millis: number): string {
  return new Date(millis).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
}

/** The whole gateway's budgets first, then by scope and target, the smaller window first. */
function inOrder(list: Budget[]): Budget[] {
  const scopeRank = { GLOBAL: 0, ENDPOINT: 1, USER: 2, GATEWAY_KEY: 3 };
  return [...list].sort(
    (a, b) =>
      scopeRank[a.target_scope] - scopeRank[b.target_scope] ||
      (a.target_value ?? "").localeCompare(b.target_value ?? "") ||
      a.created_at - b.created_at,
  );
}
