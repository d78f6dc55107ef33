import { useId } from "react";
import { api, Budget, BudgetWindow } from "../api";
import { formatUsd } from "../usage";
import { useLoad } from "../useLoad";
import { formatInZone, percentText, windowSpan } from "./BudgetText";
import { ErrorMessage, Loading } from "./States";

// A budget's windows, opened from its card: the current one, then the earlier ones (latest first),
// each with what was spent against the amount and whether the alert went out.

const SHOWN = 30;

export function BudgetHistory(props: { budget: Budget }) {
  const b = props.budget;
  const titleId = useId();
  // Reloaded when the card's budget changes (an edit, or the page's refresh shows new spend).
  const windows = useLoad(
    () => api.budgetWindows(b.budget_policy_id, SHOWN),
    [b.budget_policy_id, b.last_updated_at, b.current_window.current_spend, b.current_window.window_start_ms],
  );
  const list = windows.data;
  return (
    <div className="budget-history">
      <h4 id={titleId}>Windows, latest first</h4>
      {windows.error && <ErrorMessage message={windows.error} onRetry={windows.reload} retry={windows.retrying} />}
      {!list && windows.loading && <Loading label="Loading windows…" />}
      {list && (
        <>
          <p className="budget-history-note muted">
            {list.length === 1 ? "No earlier window yet. " : ""}Shares are of the amount now,{" "}
            {formatUsd(b.budget_amount)}; times are on the clock of {b.time_zone}.
          </p>
          <table className="table budget-history-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">Spent</th>
                <th scope="col">Of the amount</th>
                <th scope="col">{b.budget_action === "ALERT" ? "Alert" : "Outcome"}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((w, i) => (
                <tr key={w.window_start_ms + ":" + w.window_end_ms}>
                  <td className="budget-history-span">
                    {windowSpan(w, b.time_zone)}
                    {i === 0 && <span className="muted"> (current)</span>}
                  </td>
                  <td>{formatUsd(w.current_spend)}</td>
                  <td className={w.exceeded ? "budget-history-reached" : undefined}>
                    {percentText(w.current_spend, b.budget_amount, w.exceeded)}
                  </td>
                  <td>{outcome(b, w)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function outcome(b: Budget, w: BudgetWindow): string {
  if (b.budget_action === "ALERT") {
    if (w.alerted_at_ms) {
      const at = formatInZone(w.alerted_at_ms, b.time_zone);
      return b.webhook_url ? "Sent " + at : "Reached " + at + ", no webhook to send to";
    }
    return w.exceeded ? "Not sent yet" : "Not reached";
  }
  return w.exceeded ? "Reached: calls refused" : "Not reached";
}
