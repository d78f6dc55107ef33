import { useEffect, useState } from "react";
import { errorsByField, FieldProblem } from "./FormErrors";
import { KeyProblem } from "./keyDraft";

// The API Keys page's dialogs show their errors as the endpoint forms do (FormErrors.tsx): nothing
// until the first submit, then every error at its field and all of them in a summary at the top,
// each gone as soon as its cause is fixed (they are worked out again from the draft on every render).

/**
 * A draft's problems tied to the ids of the credential fields ("<prefix>-<field>"). A problem of the
 * whole form (the fields could not load) gets an id no field has: it shows in the summary only.
 */
export function credentialProblems(problems: KeyProblem[], prefix: string): FieldProblem[] {
  return problems.map((p) => ({ fieldId: p.field ? `${prefix}-${p.field}` : prefix + "-form", message: p.message }));
}

/** What a dialog shows of its current problems, and the submit's check. */
export interface ShownProblems {
  /** Every problem, once the user has tried to submit; none before. */
  problems: FieldProblem[];
  /** The error shown at the control with this id. */
  at: (fieldId: string) => string | undefined;
  /** The credential fields' errors by field name, as CredentialFields takes them. */
  byCredential: (prefix: string) => Record<string, string>;
  /** Called on submit: true (and focus moves to the summary) when there are problems. */
  refuse: () => boolean;
}

export function useShownProblems(summaryId: string, problems: FieldProblem[]): ShownProblems {
  const [attempted, setAttempted] = useState(false);
  // Counts refused submits: each one moves focus to the summary, which a screen reader then reads.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused > 0) document.getElementById(summaryId)?.focus();
  }, [refused, summaryId]);

  const shown = attempted ? problems : [];
  const byField = errorsByField(shown);
  return {
    problems: shown,
    at: (fieldId) => byField.get(fieldId),
    byCredential: (prefix) => {
      const errors: Record<string, string> = {};
      for (const [id, message] of byField) if (id.startsWith(prefix + "-")) errors[id.slice(prefix.length + 1)] = message;
      return errors;
    },
    refuse: () => {
      setAttempted(true);
      if (problems.length === 0) return false;
      setRefused((n) => n + 1);
      return true;
    },
  };
}
