import { useId, useState } from "react";
import { Budget } from "../api";
import { links } from "../router";
import { formatUsd } from "../usage";
import { BudgetHistory } from "./BudgetHistory";
import {
  budgetPhrase,
  formatInZone,
  fromNow,
  percentOf,
  percentText,
  SCOPE_LABEL,
  spendTone,
  TargetNames,
  targetName,
  targetResolved,
  windowText,
} from "./BudgetText";

// One budget on the Budgets page: what it counts, its amount, window and action, the current
// window's spend as a bar against the amount, when the window resets, and (opened) its history.

export function BudgetCard(props: {
  budget: Budget;
  names: TargetNames;
  /** Edit and Delete are offered to admins only; everyone may open the history. */
  admin: boolean;
  now: number;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { budget: b, names } = props;
  const ids = useId();
  const [open, setOpen] = useState(false);
  const phrase = budgetPhrase(b, names);
  return (
    <li className="budget-card" aria-labelledby={ids + "title"}>
      <div className="budget-head">
        <div className="budget-title">
          <span className="budget-scope">{SCOPE_LABEL[b.target_scope]}</span>
          <h3 id={ids + "title"}>
            <TargetName budget={b} names={names} />
          </h3>
        </div>
        <div className="budget-actions">
          <button
            type="button"
            className="button small"
            aria-expanded={open}
            aria-controls={ids + "history"}
            aria-label={"History of " + phrase}
            onClick={() => setOpen((o) => !o)}
          >
            History
            <span className="budget-caret" aria-hidden="true">
              {open ? "▴" : "▾"}
            </span>
          </button>
          {props.admin && (
            <>
              <button type="button" className="button small" aria-label={"Edit " + phrase} onClick={props.onEdit}>
                Edit
              </button>
              <button
                type="button"
                className="button small danger-text"
                aria-label={"Delete " + phrase}
                onClick={props.onDelete}
              >
                Delete
              </button>
            </>
          )}
        </div>
      </div>
      <div className="budget-body">
        <dl className="budget-facts">
          <div>
            <dt>Amount</dt>
            <dd>{formatUsd(b.budget_amount)}</dd>
          </div>
          <div>
            <dt>Window</dt>
            <dd>{windowText(b)}</dd>
          </div>
          <div>
            <dt>When reached</dt>
            <dd>{actionText(b)}</dd>
          </div>
        </dl>
        <SpendMeter budget={b} now={props.now} label={"Spend of " + phrase} />
      </div>
      <div id={ids + "history"} hidden={!open}>
        {open && <BudgetHistory budget={b} />}
      </div>
    </li>
  );
}

function actionText(b: Budget): string {
  if (b.budget_action === "REJECT") return "Reject calls";
  return b.webhook_url ? "Alert the webhook" : "Alert (no webhook)";
}

function TargetName(props: { budget: Budget; names: TargetNames }) {
  const { budget: b, names } = props;
  const name = targetName(b, names);
  if (b.target_scope === "ENDPOINT" && targetResolved(b, names)) {
    return <a href={links.endpoint(b.target_value ?? "")}>{name}</a>;
  }
  if (b.target_scope === "GATEWAY_KEY" && targetResolved(b, names)) {
    return (
      <>
        {name} <code className="budget-key-prefix">{names.keys.get(b.target_value ?? "")?.prefix}…</code>
      </>
    );
  }
  return targetResolved(b, names) ? <>{name}</> : <code className="budget-id">{name}</code>;
}

/** The current window's spend against the amount: a bar, "$0.0009 of $0.001", the share, and the reset. */
function SpendMeter(props: { budget: Budget; now: number; label: string }) {
  const b = props.budget;
  const w = b.current_window;
  const pct = percentOf(w.current_spend, b.budget_amount, w.exceeded);
  const share = percentText(w.current_spend, b.budget_amount, w.exceeded);
  const tone = spendTone(w, b.budget_amount);
  const spent = `${formatUsd(w.current_spend)} of ${formatUsd(b.budget_amount)}`;
  return (
    <div className={"budget-spend budget-spend-" + tone}>
      <div className="budget-spend-line">
        <span className="budget-spend-label">This window</span>
        <span className="budget-spend-amounts">{spent}</span>
        <span className="budget-spend-pct">{share}</span>
      </div>
      <div
        className="budget-meter"
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(pct, 100)}
        aria-valuetext={`${share}, ${spent}`}
      >
        <div className="budget-meter-fill" style={{ width: Math.min(pct, 100) + "%" }} />
      </div>
      <p className="budget-spend-note">
        {w.exceeded && <ReachedNote budget={b} />}
        <span className="budget-reset">
          Resets {formatInZone(w.window_end_ms, b.time_zone)} ({fromNow(w.window_end_ms, props.now)})
        </span>
      </p>
    </div>
  );
}

function ReachedNote(props: { budget: Budget }) {
  const b = props.budget;
  const w = b.current_window;
  let text: string;
  if (b.budget_action === "REJECT") text = "Reached: calls are refused until the window resets.";
  else if (!b.webhook_url) text = "Reached: no webhook to alert.";
  else if (w.alerted_at_ms) text = `Reached: alert sent ${formatInZone(w.alerted_at_ms, b.time_zone)}.`;
  else text = "Reached: sending the alert.";
  return <strong className="budget-reached">{text} </strong>;
}
