import { FormEvent, useEffect, useId, useState } from "react";
import { api, Endpoint, messageOf, RetryConfig } from "../api";
import { failedAsDeleted } from "./EndpointEditor";
import { ErrorMessage } from "./States";
import "../styles/resilience.css";

// An endpoint's retries on the same target (retry_config, docs/resilience.md): what happens when a
// target fails, in words, and for those who may edit the endpoint a small form that saves at once.

const NONE: RetryConfig = { max_retries: 0, initial_backoff_ms: 500, max_backoff_ms: 10000 };
const LONGEST_MS = 300000;

type Field = "max_retries" | "initial_backoff_ms" | "max_backoff_ms";
type Draft = Record<Field, string>;

function draftOf(config: RetryConfig): Draft {
  return {
    max_retries: String(config.max_retries),
    initial_backoff_ms: String(config.initial_backoff_ms),
    max_backoff_ms: String(config.max_backoff_ms),
  };
}

/** The draft's problems by field, in the gateway's own ranges; none means it can be saved. */
function problemsOf(draft: Draft): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);
  const retries = whole(draft.max_retries);
  if (retries === undefined || retries > 10) problems.max_retries = "A whole number from 0 to 10";
  const first = whole(draft.initial_backoff_ms);
  if (first === undefined || first > LONGEST_MS) problems.initial_backoff_ms = "Milliseconds, from 0 to 300000";
  const longest = whole(draft.max_backoff_ms);
  if (longest === undefined || longest > LONGEST_MS) {
    problems.max_backoff_ms = "Milliseconds, from 0 to 300000";
  } else if (first !== undefined && longest < first) {
    problems.max_backoff_ms = `At least the first wait (${first} ms)`;
  }
  return problems;
}

/** "500 ms", "10 s", "1.5 s". */
function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** What the policy does, in a sentence. */
export function describeRetries(config: RetryConfig): string {
  if (config.max_retries === 0) return "Each target is tried once: a failure moves on to the next target at once.";
  const times = config.max_retries === 1 ? "once more" : `up to ${config.max_retries} more times`;
  return (
    `A target that fails in a way that may pass (a 429, a 5xx, a time-out, a dropped connection) is tried ${times}` +
    ` before the next target, waiting ${duration(config.initial_backoff_ms)} and then twice as long each time,` +
    ` up to ${duration(config.max_backoff_ms)}, or as long as the provider asks if that is no longer.`
  );
}

export function RetrySettings(props: {
  endpoint: Endpoint;
  canEdit: boolean;
  onChange: (e: Endpoint) => void;
  onGone: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const saved = props.endpoint.retry_config ?? NONE;
  const [draft, setDraft] = useState<Draft>();
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();
  const { onDirty } = props;
  const dirty = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(draftOf(saved));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const problems = draft && tried ? problemsOf(draft) : {};
  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setTried(true);
    if (Object.keys(problemsOf(draft)).length > 0) return;
    setSaving(true);
    setError(undefined);
    try {
      const retry_config = {
        max_retries: Number(draft.max_retries),
        initial_backoff_ms: Number(draft.initial_backoff_ms),
        max_backoff_ms: Number(draft.max_backoff_ms),
      };
      props.onChange(await api.updateEndpoint({ endpoint_id: props.endpoint.endpoint_id, retry_config }));
      setDraft(undefined);
      setTried(false);
    } catch (err) {
      if (await failedAsDeleted(err, props.endpoint.endpoint_id)) props.onGone();
      else setError("Retries were not saved: " + messageOf(err));
    } finally {
      setSaving(false);
    }
  }

  const input = (field: Field, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={id + field}>{label}</label>
      <input
        id={id + field}
        className="input"
        inputMode="numeric"
        value={draft![field]}
        aria-invalid={problems[field] ? true : undefined}
        aria-describedby={problems[field] ? id + field + "-error" : hint ? id + field + "-hint" : undefined}
        onChange={(e) => setDraft({ ...draft!, [field]: e.target.value })}
      />
      {problems[field] ? (
        <span id={id + field + "-error"} className="field-error">
          {problems[field]}
        </span>
      ) : (
        hint && (
          <span id={id + field + "-hint"} className="hint">
            {hint}
          </span>
        )
      )}
    </div>
  );

  return (
    <section className="card retry-settings" aria-labelledby={id + "title"}>
      <div className="retry-settings-head">
        <h3 id={id + "title"}>Retries</h3>
        {props.canEdit && !draft && (
          <button type="button" className="button small" onClick={() => setDraft(draftOf(saved))}>
            Change retries
          </button>
        )}
      </div>
      <p className="muted">{describeRetries(saved)}</p>
      {draft && (
        <form onSubmit={save} className="retry-settings-form" noValidate>
          {input("max_retries", "Retries per target", "0 to 10; 0 tries each target once")}
          {input("initial_backoff_ms", "First wait (ms)")}
          {input("max_backoff_ms", "Longest wait (ms)", "A provider asking for longer is not waited for")}
          <div className="retry-settings-buttons">
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? "Saving…" : "Save retries"}
            </button>
            <button
              type="button"
              className="button"
              disabled={saving}
              onClick={() => {
                setDraft(undefined);
                setTried(false);
                setError(undefined);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && <ErrorMessage message={error} />}
    </section>
  );
}
