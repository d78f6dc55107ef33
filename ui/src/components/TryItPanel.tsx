import { useId, useState } from "react";
import { ErrorMessage } from "./States";

// Sends one chat message to an endpoint over its unified invocation route
// (POST /gateway/<name>/mlflow/invocations) and shows the answer, who served it and how fast.

interface Outcome {
  ok: boolean;
  status: number;
  text?: string;
  error?: string;
  target?: string;
  attempts?: string;
  latencyMs: number;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

const DEFAULT_MESSAGE = "Hello! What can you do?";

/** The text of an OpenAI chat.completion answer: a string, or an array of text parts. */
function answerText(json: any): string | undefined {
  const content = json?.choices?.[0]?.message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part: any) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : ""))
      .join("");
  }
  return undefined;
}

function errorText(json: any, status: number): string {
  const detail = json?.detail ?? json?.error?.message ?? json?.message;
  if (typeof detail === "string" && detail) return detail;
  if (detail !== undefined) return JSON.stringify(detail);
  return `The gateway answered ${status}.`;
}

export function TryItPanel(props: { endpointName: string }) {
  const [message, setMessage] = useState(DEFAULT_MESSAGE);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const id = useId();
  const path = "gateway/" + encodeURIComponent(props.endpointName) + "/mlflow/invocations";

  async function send() {
    if (!message.trim() || busy) return;
    setBusy(true);
    setOutcome(undefined);
    const started = performance.now();
    try {
      const response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: message }] }),
      });
      const body = await response.text();
      const latencyMs = Math.round(performance.now() - started);
      let json: any = undefined;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const target = response.headers.get("x-switchboard-target") ?? undefined;
      const attempts = response.headers.get("x-switchboard-attempts") ?? undefined;
      if (!response.ok) {
        setOutcome({ ok: false, status: response.status, error: errorText(json, response.status), target, attempts, latencyMs });
      } else {
        const text = answerText(json);
        setOutcome({
          ok: true,
          status: response.status,
          text: text ?? body,
          target,
          attempts,
          latencyMs,
          usage: json?.usage,
        });
      }
    } catch {
      setOutcome({
        ok: false,
        status: 0,
        error: "The gateway could not be reached. Is it running?",
        latencyMs: Math.round(performance.now() - started),
      });
    } finally {
      setBusy(false);
    }
  }

  const usage = outcome?.usage;
  return (
    <section className="card details-try" aria-labelledby={id + "-title"}>
      <h3 id={id + "-title"}>Try it</h3>
      <p className="muted details-try-intro">
        Sends a chat message to <code>/{path}</code> with the saved configuration.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <div className="field">
          <label htmlFor={id + "-message"}>Message</label>
          <textarea
            id={id + "-message"}
            className="input"
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                send();
              }
            }}
          />
          <span className="hint">Ctrl+Enter sends.</span>
        </div>
        <button type="submit" className="button primary" disabled={busy || !message.trim()}>
          {busy ? "Sending…" : "Send"}
        </button>
      </form>

      <div aria-live="polite">
        {busy && <p className="muted">Waiting for the answer…</p>}
        {outcome && !outcome.ok && <ErrorMessage message={outcome.error ?? ""} />}
        {outcome?.ok && (
          <div className="details-try-answer">
            <div className="details-try-label">Answer</div>
            <div className="details-try-text" data-testid="try-it-answer">
              {outcome.text}
            </div>
          </div>
        )}
        {outcome && (
          <dl className="details-try-meta" aria-label="Response details">
            <div>
              <dt>Status</dt>
              <dd>{outcome.status || "—"}</dd>
            </div>
            <div>
              <dt>Served by</dt>
              <dd>{outcome.target ?? "—"}</dd>
            </div>
            <div>
              <dt>Attempts</dt>
              <dd>{outcome.attempts ?? "—"}</dd>
            </div>
            <div>
              <dt>Latency</dt>
              <dd>{outcome.latencyMs} ms</dd>
            </div>
            {usage && (
              <div>
                <dt>Tokens</dt>
                <dd>
                  {usage.prompt_tokens ?? "—"} in · {usage.completion_tokens ?? "—"} out
                  {usage.total_tokens !== undefined && ` · ${usage.total_tokens} total`}
                </dd>
              </div>
            )}
          </dl>
        )}
      </div>
    </section>
  );
}
