import { FormEvent, useEffect, useId, useMemo, useState } from "react";
import {
  api,
  ApiError,
  Budget,
  BudgetAction,
  BudgetDurationUnit,
  BudgetFields,
  BudgetScope,
  Endpoint,
  GatewayKey,
  messageOf,
  User,
} from "../api";
import { formatUsd } from "../usage";
import { useShownProblems } from "./apiKeyProblems";
import { budgetPhrase, DURATION_UNITS, TargetNames, timeZones, unitName, windowText } from "./BudgetText";
import { ConfirmDialog } from "./ConfirmDialog";
import { FieldLabel } from "./Fields";
import { ErrorSummary, FieldProblem } from "./FormErrors";
import { FormButtons, Modal } from "./Modal";
import { ErrorMessage } from "./States";

// The Budgets page's dialogs: create or edit a budget (one form), and delete one. The form checks
// only what it must to build a request (an amount, a target, a whole window); the gateway checks
// the rest, and its message is shown at the field it names and in the summary above the form.

/** What the form's fields hold, as typed. */
interface Draft {
  scope: BudgetScope;
  target: string;
  amount: string;
  durationValue: string;
  durationUnit: BudgetDurationUnit;
  timeZone: string;
  action: BudgetAction;
  webhookUrl: string;
  webhookSecret: string;
}

type Field = keyof Draft;

/** A refusal of the gateway, tied to the field its message names while that field keeps the refused value. */
interface Refusal {
  field?: Field;
  message: string;
  value?: string;
}

/** The lists the target choosers offer; undefined when the page could not load one (a text field then). */
export interface TargetChoices {
  endpoints?: Endpoint[];
  users?: User[];
  keys?: GatewayKey[];
}

const SCOPES: { scope: BudgetScope; label: string; hint: string }[] = [
  { scope: "GLOBAL", label: "Whole gateway", hint: "Every call" },
  { scope: "ENDPOINT", label: "One endpoint", hint: "The calls to it, by anyone" },
  { scope: "USER", label: "One user", hint: "Their calls, signed in or with any of their gateway keys" },
  { scope: "GATEWAY_KEY", label: "One gateway key", hint: "The calls made with it" },
];

const TARGET_NOUN: Record<Exclude<BudgetScope, "GLOBAL">, string> = {
  ENDPOINT: "endpoint",
  USER: "user",
  GATEWAY_KEY: "gateway key",
};

function draftOf(b: Budget | undefined): Draft {
  if (!b) {
    return {
      scope: "GLOBAL",
      target: "",
      amount: "",
      durationValue: "1",
      durationUnit: "DAYS",
      timeZone: "UTC",
      action: "REJECT",
      webhookUrl: "",
      webhookSecret: "",
    };
  }
  return {
    scope: b.target_scope,
    target: b.target_value ?? "",
    amount: String(b.budget_amount),
    durationValue: String(b.duration.value),
    durationUnit: b.duration.unit,
    timeZone: b.time_zone,
    action: b.budget_action,
    webhookUrl: b.webhook_url ?? "",
    webhookSecret: "",
  };
}

/** The field a gateway's refusal is about, from the request field its message names. */
function fieldOfMessage(message: string): Field | undefined {
  if (message.includes("budget_amount")) return "amount";
  if (message.includes("duration")) return "durationValue";
  if (message.includes("time_zone")) return "timeZone";
  if (message.includes("webhook_url")) return "webhookUrl";
  if (message.includes("webhook_secret")) return "webhookSecret";
  if (message.includes("budget_action")) return "action";
  if (/target_value|no endpoint has|no user is named|no gateway key has/.test(message)) return "target";
  if (message.includes("target_scope")) return "scope";
  return undefined;
}

/** "Create budget" and "Edit budget": what the budget counts, its amount and window, and what it does when reached. */
export function BudgetFormModal(props: {
  /** The budget to edit; absent to create one. */
  budget?: Budget;
  choices: TargetChoices;
  onClose: () => void;
  onSaved: (budget: Budget) => void;
}) {
  const editing = props.budget;
  const ids = useId();
  const id = (f: Field) => ids + f;
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing));
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const zones = useMemo(timeZones, []);
  const summaryId = ids + "problems";
  const set = <F extends Field>(field: F, value: Draft[F]) => setDraft((d) => ({ ...d, [field]: value }));

  // What the form checks itself, worked out again on every change.
  const problems: FieldProblem[] = [];
  const amount = Number(draft.amount);
  if (draft.amount.trim() === "" || !Number.isFinite(amount)) {
    problems.push({ fieldId: id("amount"), message: "Enter an amount in US dollars" });
  }
  if (draft.scope !== "GLOBAL" && !draft.target.trim()) {
    problems.push({ fieldId: id("target"), message: `Choose the ${TARGET_NOUN[draft.scope]} the budget counts` });
  }
  const value = Number(draft.durationValue);
  if (!Number.isInteger(value) || value < 1) {
    problems.push({
      fieldId: id("durationValue"),
      message: `Enter the window's length: a whole number of ${unitName(draft.durationUnit, 2)}, 1 or more`,
      atField: "A whole number, 1 or more",
    });
  }
  if (!draft.timeZone.trim()) {
    problems.push({ fieldId: id("timeZone"), message: "Enter a time zone, such as UTC or Europe/Paris" });
  }
  const shown = useShownProblems(summaryId, problems);

  // The gateway's refusal holds while its field keeps the value it refused.
  const refused =
    refusal && (refusal.field === undefined || draft[refusal.field] === refusal.value) ? refusal : undefined;
  const listed: FieldProblem[] = [...shown.problems];
  if (refused?.field) listed.push({ fieldId: id(refused.field), message: refused.message });
  const errorAt = (f: Field) => shown.at(id(f)) ?? (refused?.field === f ? refused.message : undefined);

  useEffect(() => {
    if (refusal?.field) document.getElementById(summaryId)?.focus();
  }, [refusal, summaryId]);

  function body(): BudgetFields {
    const alert = draft.action === "ALERT";
    return {
      budget_amount: amount,
      duration: { unit: draft.durationUnit, value },
      time_zone: draft.timeZone.trim(),
      target_scope: draft.scope,
      ...(draft.scope !== "GLOBAL" ? { target_value: draft.target.trim() } : {}),
      budget_action: draft.action,
      // An empty address removes a stored webhook; a new budget without one just has none.
      ...(alert && (editing || draft.webhookUrl.trim()) ? { webhook_url: draft.webhookUrl.trim() } : {}),
      ...(alert && draft.webhookSecret ? { webhook_secret: draft.webhookSecret } : {}),
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (shown.refuse()) return;
    setBusy(true);
    setRefusal(undefined);
    try {
      const saved = editing
        ? await api.updateBudget({ budget_policy_id: editing.budget_policy_id, ...body() })
        : await api.createBudget(body());
      props.onSaved(saved);
    } catch (err) {
      const message = messageOf(err);
      const field = err instanceof ApiError && err.status === 400 ? fieldOfMessage(message) : undefined;
      setRefusal({ field, message, value: field ? draft[field] : undefined });
      setBusy(false);
    }
  }

  const invalid = (f: Field) => (errorAt(f) ? { "aria-invalid": true, "aria-describedby": id(f) + "-error" } : {});
  const fieldError = (f: Field) =>
    errorAt(f) && (
      <span className="field-error" id={id(f) + "-error"}>
        {errorAt(f)}
      </span>
    );

  return (
    <Modal
      title={editing ? "Edit budget" : "Create budget"}
      onClose={props.onClose}
      wide
      footer={
        <FormButtons
          formId={ids + "form"}
          busy={busy}
          submitLabel={editing ? "Save budget" : "Create budget"}
          busyLabel={editing ? "Saving…" : "Creating…"}
          onCancel={props.onClose}
        />
      }
    >
      <form id={ids + "form"} onSubmit={submit} noValidate className="budget-form">
        <ErrorSummary id={summaryId} problems={listed} action={editing ? "save the budget" : "create the budget"} />
        <fieldset className="field budget-scopes">
          <legend className="label">Counts the calls of</legend>
          <div className="radio-group">
            {SCOPES.map((s) => (
              <label key={s.scope}>
                <input
                  type="radio"
                  name={ids + "scope"}
                  value={s.scope}
                  checked={draft.scope === s.scope}
                  onChange={() => setDraft((d) => ({ ...d, scope: s.scope, target: "" }))}
                />
                <span>
                  {s.label} <span className="muted">— {s.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {fieldError("scope")}
        </fieldset>
        {draft.scope !== "GLOBAL" && (
          <TargetField
            id={id("target")}
            scope={draft.scope}
            value={draft.target}
            choices={props.choices}
            onChange={(v) => set("target", v)}
            invalid={invalid("target")}
            error={fieldError("target")}
          />
        )}
        <div className="budget-form-row">
          <div className="field">
            <FieldLabel htmlFor={id("amount")} required>
              Amount (US dollars)
            </FieldLabel>
            <input
              id={id("amount")}
              className="input"
              type="number"
              inputMode="decimal"
              min="0"
              step="any"
              autoComplete="off"
              placeholder="e.g. 50"
              value={draft.amount}
              onChange={(e) => set("amount", e.target.value)}
              {...invalid("amount")}
            />
            {fieldError("amount") ?? <span className="hint">What the calls may cost per window.</span>}
          </div>
          <fieldset className="field budget-window">
            <legend className="label">Window</legend>
            <div className="budget-window-inputs">
              <input
                id={id("durationValue")}
                className="input"
                type="number"
                inputMode="numeric"
                min="1"
                step="1"
                aria-label="Window length"
                value={draft.durationValue}
                onChange={(e) => set("durationValue", e.target.value)}
                {...invalid("durationValue")}
              />
              <select
                id={id("durationUnit")}
                className="input"
                aria-label="Window unit"
                value={draft.durationUnit}
                onChange={(e) => set("durationUnit", e.target.value as BudgetDurationUnit)}
              >
                {DURATION_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {unitName(u, value === 1 ? 1 : 2)}
                  </option>
                ))}
              </select>
            </div>
            {fieldError("durationValue") ?? <span className="hint">Spend starts again at $0 when a window ends.</span>}
          </fieldset>
        </div>
        <div className="field">
          <FieldLabel htmlFor={id("timeZone")} required>
            Time zone
          </FieldLabel>
          <input
            id={id("timeZone")}
            className="input"
            list={ids + "zones"}
            autoComplete="off"
            spellCheck={false}
            value={draft.timeZone}
            onChange={(e) => set("timeZone", e.target.value)}
            {...invalid("timeZone")}
          />
          <datalist id={ids + "zones"}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {fieldError("timeZone") ?? (
            <span className="hint">Windows follow its wall clock: a day runs from one midnight there to the next.</span>
          )}
        </div>
        <fieldset className="field">
          <legend className="label">When the spend reaches the amount</legend>
          <div className="radio-group">
            <label>
              <input
                type="radio"
                name={ids + "action"}
                value="REJECT"
                checked={draft.action === "REJECT"}
                onChange={() => set("action", "REJECT")}
              />
              <span>
                Reject calls <span className="muted">— answer 429 until the window ends</span>
              </span>
            </label>
            <label>
              <input
                type="radio"
                name={ids + "action"}
                value="ALERT"
                checked={draft.action === "ALERT"}
                onChange={() => set("action", "ALERT")}
              />
              <span>
                Alert <span className="muted">— call a webhook once per window; calls go on</span>
              </span>
            </label>
          </div>
          {fieldError("action")}
        </fieldset>
        {draft.action === "ALERT" && (
          <>
            <div className="field">
              <label htmlFor={id("webhookUrl")}>Webhook URL</label>
              <input
                id={id("webhookUrl")}
                className="input"
                type="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="https://hooks.example.com/llm-spend"
                value={draft.webhookUrl}
                onChange={(e) => set("webhookUrl", e.target.value)}
                {...invalid("webhookUrl")}
              />
              {fieldError("webhookUrl") ?? (
                <span className="hint">Optional. Gets MLflow's budget_policy.exceeded event as a POST.</span>
              )}
            </div>
            <div className="field">
              <label htmlFor={id("webhookSecret")}>Webhook signing secret</label>
              <input
                id={id("webhookSecret")}
                className="input"
                type="password"
                autoComplete="new-password"
                value={draft.webhookSecret}
                onChange={(e) => set("webhookSecret", e.target.value)}
                {...invalid("webhookSecret")}
              />
              {fieldError("webhookSecret") ?? (
                <span className="hint">
                  {editing?.has_webhook_secret
                    ? "A secret is stored; leave this empty to keep it. "
                    : "Optional. "}
                  Signs each alert (X-MLflow-Signature); it is never shown again.
                </span>
              )}
            </div>
          </>
        )}
        {refusal && !refusal.field && <ErrorMessage message={refusal.message} />}
      </form>
    </Modal>
  );
}

/** The endpoint, user or gateway key a budget counts: a list when the page has one, else the id typed in. */
function TargetField(props: {
  id: string;
  scope: Exclude<BudgetScope, "GLOBAL">;
  value: string;
  choices: TargetChoices;
  onChange: (value: string) => void;
  invalid: object;
  error: React.ReactNode;
}) {
  const options = targetOptions(props.scope, props.choices);
  const noun = TARGET_NOUN[props.scope];
  const label = noun.charAt(0).toUpperCase() + noun.slice(1);
  if (!options) {
    return (
      <div className="field">
        <FieldLabel htmlFor={props.id} required>
          {label}
        </FieldLabel>
        <input
          id={props.id}
          className="input"
          autoComplete="off"
          spellCheck={false}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          {...props.invalid}
        />
        {props.error ?? (
          <span className="hint">{props.scope === "USER" ? "The user's name." : `The ${noun}'s id.`}</span>
        )}
      </div>
    );
  }
  const known = options.some((o) => o.value === props.value);
  return (
    <div className="field">
      <FieldLabel htmlFor={props.id} required>
        {label}
      </FieldLabel>
      <select
        id={props.id}
        className="input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...props.invalid}
      >
        <option value="">Choose a {noun}…</option>
        {!known && props.value && <option value={props.value}>{props.value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error}
    </div>
  );
}

function targetOptions(scope: Exclude<BudgetScope, "GLOBAL">, c: TargetChoices) {
  const byLabel = (a: { label: string }, b: { label: string }) =>
    a.label.localeCompare(b.label, undefined, { sensitivity: "base" });
  switch (scope) {
    case "ENDPOINT":
      return c.endpoints?.map((e) => ({ value: e.endpoint_id, label: e.name })).sort(byLabel);
    case "USER":
      return c.users?.map((u) => ({ value: u.username, label: u.username })).sort(byLabel);
    case "GATEWAY_KEY":
      return c.keys
        ?.filter((k) => k.status !== "revoked")
        .map((k) => ({ value: k.key_id, label: `${k.name} (${k.prefix}…, ${k.owner})` }))
        .sort(byLabel);
  }
}

export function DeleteBudgetDialog(props: {
  budget: Budget;
  names: TargetNames;
  onClose: () => void;
  onDone: () => void;
}) {
  const b = props.budget;
  return (
    <ConfirmDialog
      title="Delete budget"
      confirmLabel="Delete budget"
      onConfirm={() => api.deleteBudget(b.budget_policy_id)}
      onClose={props.onClose}
      onDone={props.onDone}
    >
      <p>
        Delete the budget of <strong>{budgetPhrase(b, props.names)}</strong> ({windowText(b)})?
      </p>
      <p>
        Its windows' history goes with it.{" "}
        {b.budget_action === "REJECT"
          ? "Calls it refuses now go through at once."
          : `No alert is sent for it any more (it has spent ${formatUsd(b.current_window.current_spend)} this window).`}
      </p>
    </ConfirmDialog>
  );
}
