import { FormEvent, ReactNode, useEffect, useId, useState } from "react";
import { ApiError, messageOf } from "../api";
import { formatCount, kindOf, RateLimit, RateLimitAmounts, rateLimits, RateLimitTarget } from "../rateLimits";
import { useShownProblems } from "./apiKeyProblems";
import { ConfirmDialog } from "./ConfirmDialog";
import { FieldLabel } from "./Fields";
import { ErrorSummary, FieldProblem } from "./FormErrors";
import { FormButtons, Modal } from "./Modal";
import { ErrorMessage } from "./States";

// The dialogs that add, change and delete a rate limit, shared by the endpoint's page (which picks
// whom a new limit is for) and the Gateway keys page (which picks the endpoint). Errors show as the
// other forms show them (FormErrors.tsx): at their field and in a summary, the gateway's own
// refusals included.

/** One choice of whom (or which endpoint) a new limit is for. */
export interface TargetOption {
  value: string;
  label: string;
  /** An <optgroup> label ("Users", "Gateway keys"); options without one come first. */
  group?: string;
  target: RateLimitTarget;
}

type Mode =
  | { kind: "create"; pickLabel: string; options: TargetOption[]; none: string; hint?: ReactNode }
  | { kind: "edit"; limit: RateLimit; about: ReactNode };

/** "Add rate limit" (mode create) or "Edit rate limit" (mode edit): the amounts, and for a new one whom. */
export function RateLimitFormModal(props: {
  title: string;
  mode: Mode;
  onClose: () => void;
  onSaved: (limit: RateLimit) => void;
}) {
  const { mode } = props;
  const ids = useId();
  const pickId = ids + "pick";
  const requestsId = ids + "requests";
  const tokensId = ids + "tokens";
  const summaryId = ids + "problems";
  const editing = mode.kind === "edit" ? mode.limit : undefined;
  const [pick, setPick] = useState(mode.kind === "create" && mode.options.length === 1 ? mode.options[0].value : "");
  const [requests, setRequests] = useState(editing?.queries_per_minute ? String(editing.queries_per_minute) : "");
  const [tokens, setTokens] = useState(editing?.tokens_per_minute ? String(editing.tokens_per_minute) : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The gateway's refusal of the last save, at the field it names; gone once the form is changed.
  const [refusal, setRefusal] = useState<FieldProblem>();
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) document.getElementById(summaryId)?.focus();
  }, [refusals, summaryId]);

  const problems: FieldProblem[] = [];
  if (mode.kind === "create" && !pick) {
    problems.push({ fieldId: pickId, message: `${mode.pickLabel}: choose one`, atField: "Choose one" });
  }
  const perMinute = amountOf(requests);
  const tokensPerMinute = amountOf(tokens);
  if (perMinute === "bad") {
    problems.push({ fieldId: requestsId, message: "Requests per minute: " + WHOLE, atField: WHOLE });
  }
  if (tokensPerMinute === "bad") {
    problems.push({ fieldId: tokensId, message: "Tokens per minute: " + WHOLE, atField: WHOLE });
  }
  if (perMinute === undefined && tokensPerMinute === undefined) {
    problems.push({ fieldId: requestsId, message: "Enter requests per minute, tokens per minute, or both" });
  }
  const shown = useShownProblems(summaryId, problems);
  const listed = refusal ? [...shown.problems, refusal] : shown.problems;
  const at = (fieldId: string) => shown.at(fieldId) ?? (refusal?.fieldId === fieldId ? refusal.atField : undefined);

  function changed<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setRefusal(undefined);
      setError(undefined);
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (shown.refuse()) return;
    const amounts: RateLimitAmounts = {
      queries_per_minute: typeof perMinute === "number" ? perMinute : undefined,
      tokens_per_minute: typeof tokensPerMinute === "number" ? tokensPerMinute : undefined,
    };
    setBusy(true);
    setError(undefined);
    setRefusal(undefined);
    try {
      if (mode.kind === "create") {
        const target = mode.options.find((o) => o.value === pick)!.target;
        props.onSaved(await rateLimits.create({ ...target, ...amounts }));
      } else {
        // An emptied amount is removed (0), the other kept as typed.
        props.onSaved(
          await rateLimits.update(mode.limit.rate_limit_id, {
            queries_per_minute: amounts.queries_per_minute ?? 0,
            tokens_per_minute: amounts.tokens_per_minute ?? 0,
          }),
        );
      }
    } catch (err) {
      const fieldId = refusedField(err, { pick: mode.kind === "create" ? pickId : undefined, requestsId, tokensId });
      if (fieldId) {
        const message = messageOf(err);
        setRefusal({ fieldId, message, atField: message.replace(/^Invalid value:\s*/, "") });
        setRefusals((n) => n + 1);
      } else {
        setError(messageOf(err));
      }
      setBusy(false);
    }
  }

  const amountField = (id: string, label: string, value: string, set: (v: string) => void, hint: string) => {
    const problem = at(id);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          className="input rate-limit-amount"
          inputMode="numeric"
          autoComplete="off"
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? id + "-error" : id + "-hint"}
          onChange={(e) => changed(set)(e.target.value)}
        />
        {problem ? (
          <span id={id + "-error"} className="field-error">
            {problem}
          </span>
        ) : (
          <span id={id + "-hint"} className="hint">
            {hint}
          </span>
        )}
      </div>
    );
  };

  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      footer={
        <FormButtons
          formId={ids + "form"}
          busy={busy}
          submitLabel={mode.kind === "create" ? "Add rate limit" : "Save rate limit"}
          busyLabel="Saving…"
          onCancel={props.onClose}
          submitDisabled={mode.kind === "create" && mode.options.length === 0}
        />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate className="rate-limit-form">
        <ErrorSummary
          id={summaryId}
          problems={listed}
          action={mode.kind === "create" ? "add the rate limit" : "save the rate limit"}
        />
        {mode.kind === "edit" ? (
          <p className="rate-limit-about">{mode.about}</p>
        ) : (
          <div className="field">
            <FieldLabel htmlFor={pickId} required>
              {mode.pickLabel}
            </FieldLabel>
            <TargetSelect
              id={pickId}
              options={mode.options}
              none={mode.none}
              value={pick}
              onChange={changed(setPick)}
              problem={at(pickId)}
              hinted={!!mode.hint}
            />
            {at(pickId) ? (
              <span id={pickId + "-error"} className="field-error">
                {at(pickId)}
              </span>
            ) : (
              mode.hint && (
                <span id={pickId + "-hint"} className="hint">
                  {mode.hint}
                </span>
              )
            )}
          </div>
        )}
        <div className="rate-limit-amounts">
          {amountField(
            requestsId,
            "Requests per minute",
            requests,
            setRequests,
            editing ? "Empty: requests are not limited" : "Calls counted as they start",
          )}
          {amountField(
            tokensId,
            "Tokens per minute",
            tokens,
            setTokens,
            editing ? "Empty: tokens are not limited" : "Input and output, counted as calls end",
          )}
        </div>
        <p className="hint rate-limit-window">Counted over a sliding minute: the last 60 seconds at any moment.</p>
        {error && <ErrorMessage message={error} />}
      </form>
    </Modal>
  );
}

function TargetSelect(props: {
  id: string;
  options: TargetOption[];
  none: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  hinted: boolean;
}) {
  const ungrouped = props.options.filter((o) => !o.group);
  const groups = [...new Set(props.options.map((o) => o.group).filter((g): g is string => !!g))];
  const option = (o: TargetOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <select
      id={props.id}
      className="input"
      value={props.value}
      aria-invalid={props.problem ? true : undefined}
      aria-describedby={props.problem ? props.id + "-error" : props.hinted ? props.id + "-hint" : undefined}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{props.options.length === 0 ? props.none : "Choose…"}</option>
      {ungrouped.map(option)}
      {groups.map((g) => (
        <optgroup key={g} label={g}>
          {props.options.filter((o) => o.group === g).map(option)}
        </optgroup>
      ))}
    </select>
  );
}

/** "Delete rate limit", after saying what applies instead. */
export function DeleteRateLimitDialog(props: {
  limit: RateLimit;
  /** The limit in words: "for alice on gpt". */
  about: ReactNode;
  onClose: () => void;
  onDone: () => void;
}) {
  const kind = kindOf(props.limit);
  return (
    <ConfirmDialog
      title="Delete rate limit"
      confirmLabel="Delete rate limit"
      onConfirm={() => rateLimits.delete(props.limit.rate_limit_id)}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <p>Delete the rate limit {props.about}?</p>
      <p>
        {kind === "default"
          ? "Callers without a limit of their own are then not limited on this endpoint."
          : kind === "user"
            ? "Their calls then count against the endpoint's default, if it has one."
            : "Calls with this key then count against its owner's own limit, or else the endpoint's default."}
      </p>
    </ConfirmDialog>
  );
}

const WHOLE = "A whole number from 1, like 60 (empty for no limit)";

/** An amount as typed: undefined when empty, "bad" unless a whole number from 1 ("5,000" is taken). */
function amountOf(text: string): number | undefined | "bad" {
  const t = text.trim().replace(/[,\s_]/g, "");
  if (t === "") return undefined;
  if (!/^\d{1,16}$/.test(t)) return "bad";
  const n = Number(t);
  return n >= 1 ? n : "bad";
}

/** The field a refusal of the gateway names (a 400 or a 409 for a caller that has a limit), if any. */
function refusedField(
  err: unknown,
  fields: { pick?: string; requestsId: string; tokensId: string },
): string | undefined {
  if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 409)) return undefined;
  const m = err.message;
  if (m.includes("queries_per_minute")) return fields.requestsId;
  if (m.includes("tokens_per_minute")) return fields.tokensId;
  if (fields.pick && (err.status === 409 || /username|key_id|user|key/.test(m))) return fields.pick;
  return undefined;
}

/** "2 requests and 5,000 tokens a minute", for notices. */
export function amountsSentence(limit: RateLimitAmounts): string {
  const parts: string[] = [];
  if (limit.queries_per_minute) {
    parts.push(`${formatCount(limit.queries_per_minute)} request${limit.queries_per_minute === 1 ? "" : "s"}`);
  }
  if (limit.tokens_per_minute) {
    parts.push(`${formatCount(limit.tokens_per_minute)} token${limit.tokens_per_minute === 1 ? "" : "s"}`);
  }
  return parts.join(" and ") + " a minute";
}
