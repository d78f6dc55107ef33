import { useEffect } from "react";
import "../styles/forms.css";

// Validation errors where they belong: each at its field (aria-invalid, aria-describedby), and all
// of them listed in a summary at the top of the form, each entry taking the user to its field.

/** One validation error of a form. */
export interface FieldProblem {
  /** The id of the control the error belongs to. */
  fieldId: string;
  /** The whole message, as the summary lists it: "Model 2: choose a provider". */
  message: string;
  /** What the field itself says, when shorter than the message: "Choose a provider". */
  atField?: string;
  /** The control the summary's entry focuses, when not fieldId (a total: its first part). */
  focusId?: string;
}

/** Each field's error as the field shows it, by field id. */
export function errorsByField(problems: FieldProblem[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const p of problems) if (!byField.has(p.fieldId)) byField.set(p.fieldId, p.atField ?? p.message);
  return byField;
}

/**
 * The error of a control drawn by a component that takes no aria props (ProviderSelect,
 * ModelSelect): shows the message and marks the control with id `forId` as invalid and described
 * by it. Re-applied after every render, as the control's own render may set aria-describedby.
 */
export function ControlError(props: { forId: string; error: string | undefined }) {
  const { forId, error } = props;
  const errorId = forId + "-error";
  useEffect(() => {
    const control = document.getElementById(forId);
    if (!control || !error) return;
    const tokens = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    if (!tokens.includes(errorId)) control.setAttribute("aria-describedby", [...tokens, errorId].join(" "));
    control.setAttribute("aria-invalid", "true");
    return () => {
      const left = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((t) => t && t !== errorId);
      if (left.length > 0) control.setAttribute("aria-describedby", left.join(" "));
      else control.removeAttribute("aria-describedby");
      control.removeAttribute("aria-invalid");
    };
  });
  if (!error) return null;
  return (
    <span className="field-error" id={errorId}>
      {error}
    </span>
  );
}

/** Moves focus to a form's control (and scrolls it into view). */
export function focusField(id: string) {
  const control = document.getElementById(id);
  if (!control) return;
  control.scrollIntoView?.({ block: "center" });
  control.focus();
}

/**
 * Every error of a form, at its top: a heading that counts them and one entry per error, which
 * focuses its field. `id` names the summary, so a page can move focus to it after a refused submit.
 */
export function ErrorSummary(props: { id: string; problems: FieldProblem[]; action: string }) {
  const { problems } = props;
  if (problems.length === 0) return null;
  const title =
    problems.length === 1
      ? `Fix this problem to ${props.action}:`
      : `Fix these ${problems.length} problems to ${props.action}:`;
  return (
    <section className="error-summary" id={props.id} aria-labelledby={props.id + "-title"} tabIndex={-1}>
      <h3 id={props.id + "-title"}>{title}</h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i + ":" + p.fieldId}>
            <button type="button" className="button link" onClick={() => focusField(p.focusId ?? p.fieldId)}>
              {p.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "1 problem" / "3 problems". */
export function problemCount(n: number): string {
  return n === 1 ? "1 problem" : `${n} problems`;
}
