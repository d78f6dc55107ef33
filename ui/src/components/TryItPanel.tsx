import { useId, useState } from "react";
import { api, messageOf } from "../api";
import { csrfHeaders, reportUnauthorized } from "../http";
import { useSession } from "../session";
import { KeyReveal } from "./KeyReveal";
import { ErrorMessage } from "./States";

// Sends one chat message to an endpoint over its unified invocation route
// (POST /gateway/<name>/mlflow/invocations) and shows the answer, who served it and how fast.
// With authentication on it calls as the signed-in user (session cookie and CSRF token) or with a
// gateway key, which it can create for this endpoint in one click.

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

type Credential = "session" | "key";

export function TryItPanel(props: { endpointId: string; endpointName: string }) {
  const session = useSession();
  const [credential, setCredential] = useState<Credential>("session");
  const [gatewayKey, setGatewayKey] = useState("");
  const [message, setMessage] = useState(DEFAULT_MESSAGE);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const id = useId();
  const path = "gateway/" + encodeURIComponent(props.endpointName) + "/mlflow/invocations";

  const withKey = session.authEnabled && credential === "key";

  async function send() {
    if (!message.trim() || busy) return;
    if (withKey && !gatewayKey.trim()) {
      setOutcome({ ok: false, status: 0, error: "Paste a gateway key, or create one for this endpoint.", latencyMs: 0 });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    const started = performance.now();
    try {
      const response = await fetch(path, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(withKey ? { Authorization: "Bearer " + gatewayKey.trim() } : csrfHeaders("POST")),
        },
        body: JSON.stringify({ messages: [{ role: "user", content: message }] }),
      });
      // The session ended: sign in again. A refused key is this call's answer, shown below.
      if (response.status === 401 && !withKey) reportUnauthorized();
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
      {session.authEnabled && (
        <CallAs
          idPrefix={id}
          endpointId={props.endpointId}
          endpointName={props.endpointName}
          username={session.user?.username ?? ""}
          credential={credential}
          onCredential={setCredential}
          gatewayKey={gatewayKey}
          onGatewayKey={setGatewayKey}
        />
      )}
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

/** Who the call is made as: the signed-in user, or a gateway key (pasted, or created here once). */
function CallAs(props: {
  idPrefix: string;
  endpointId: string;
  endpointName: string;
  username: string;
  credential: Credential;
  onCredential: (c: Credential) => void;
  gatewayKey: string;
  onGatewayKey: (key: string) => void;
}) {
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = props.idPrefix;

  async function createKey() {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api.createGatewayKey({
        name: `try-it-${props.endpointName}-${stamp(new Date())}`.slice(0, 100),
        endpoint_ids: [props.endpointId],
      });
      setCreated({ name: answer.gateway_key.name, key: answer.key });
      props.onGatewayKey(answer.key);
      props.onCredential("key");
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="details-try-auth">
      <fieldset className="radio-group details-try-as">
        <legend className="label">Call as</legend>
        <label>
          <input
            type="radio"
            name={id + "-as"}
            checked={props.credential === "session"}
            onChange={() => props.onCredential("session")}
          />
          <span>You ({props.username}), with this browser's session</span>
        </label>
        <label>
          <input
            type="radio"
            name={id + "-as"}
            checked={props.credential === "key"}
            onChange={() => props.onCredential("key")}
          />
          <span>A gateway key, as an application would</span>
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={id + "-key"}>Gateway key</label>
        <div className="details-try-key-row">
          <input
            id={id + "-key"}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sb-..."
            value={props.gatewayKey}
            onChange={(e) => {
              props.onGatewayKey(e.target.value);
              props.onCredential("key");
            }}
          />
          <button type="button" className="button" onClick={createKey} disabled={busy}>
            {busy ? "Creating…" : "Create a key for this endpoint"}
          </button>
        </div>
        <span className="hint">
          Paste one, or create one that can call only this endpoint. Sent as <code>Authorization: Bearer</code>.
        </span>
      </div>
      {error && <ErrorMessage message={"No key created: " + error} />}
      {created && props.credential === "key" && <KeyReveal name={created.name} secret={created.key} />}
    </div>
  );
}

/** "20261207-0815": when a Try it key was made, to tell such keys apart on the Gateway keys page. */
function stamp(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}
