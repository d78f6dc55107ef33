import { useId, useState } from "react";
import { Endpoint } from "../api";
import { useSession } from "../session";
import "../styles/tryit.css";
import { ErrorMessage } from "./States";
import { CallAs } from "./TryItCallAs";
import { Credential, Failure, Outcome, useTryIt } from "./useTryIt";

// Try it: sends a chat message to an endpoint over its unified invocation route and shows the
// answer, who served it and how fast, or, when it fails, what was called and which target failed.
// The same form is the endpoint page's "Try it" card and the Use dialog's "Try it" tab.

/** The endpoint page's card: Try it under its own heading. */
export function TryItPanel(props: { endpoint: Endpoint }) {
  const id = useId();
  return (
    <section className="card details-try" aria-labelledby={id + "-title"}>
      <h3 id={id + "-title"}>Try it</h3>
      <TryIt endpoint={props.endpoint} />
    </section>
  );
}

/** The form and its result, without a heading: the card or the dialog's tab gives it one. */
export function TryIt(props: { endpoint: Endpoint }) {
  const session = useSession();
  const [credential, setCredential] = useState<Credential>("session");
  const [gatewayKey, setGatewayKey] = useState("");
  const withKey = session.authEnabled && credential === "key";
  const { path, message, setMessage, busy, outcome, send } = useTryIt(props.endpoint, withKey, gatewayKey);
  const id = useId();

  return (
    <div className="tryit">
      <p className="muted details-try-intro">
        Sends a chat message to <code>/{path}</code> with the saved configuration.
      </p>
      {session.authEnabled && (
        <CallAs
          idPrefix={id}
          endpointId={props.endpoint.endpoint_id}
          endpointName={props.endpoint.name}
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
        {outcome && !outcome.ok && outcome.failure && <FailureMessage failure={outcome.failure} />}
        {outcome?.ok && <Answer idPrefix={id} text={outcome.text ?? ""} />}
        {outcome && <Details outcome={outcome} />}
      </div>
    </div>
  );
}

/**
 * The answer. A long one scrolls in its box, which keyboard users reach with Tab (and scroll with
 * the arrow keys), so the box is focusable and named.
 */
function Answer(props: { idPrefix: string; text: string }) {
  const labelId = props.idPrefix + "-answer-label";
  return (
    <div className="details-try-answer">
      <div className="details-try-label" id={labelId}>
        Answer
      </div>
      <div
        className="details-try-text"
        data-testid="try-it-answer"
        role="region"
        aria-labelledby={labelId}
        tabIndex={0}
      >
        {props.text}
      </div>
    </div>
  );
}

/**
 * A failed call in plain words: what the UI called and what answered, the target that failed and
 * where it sends its calls (when the endpoint's configuration says), the attempts, and the
 * gateway's own message.
 */
function FailureMessage(props: { failure: Failure }) {
  const f = props.failure;
  if (!f.request) return <ErrorMessage message={f.message} />;
  return (
    <div className="error-message tryit-error" role="alert">
      <p className="tryit-error-title">
        {f.answered ? "The call failed: the gateway answered " + f.status + "." : f.message}
      </p>
      <dl className="tryit-error-facts">
        <dt>Called</dt>
        <dd>
          <code>{f.request}</code>
        </dd>
        {f.answered && f.target && (
          <>
            <dt>Failed target</dt>
            <dd>
              <code>{f.target}</code>
              {f.targetUrl && (
                <>
                  {" at "}
                  <code>{f.targetUrl}</code>
                </>
              )}
            </dd>
          </>
        )}
        {f.answered && f.attempts !== undefined && (
          <>
            <dt>Attempts</dt>
            <dd>{f.attempts === "0" ? "0 (no target was tried)" : f.attempts}</dd>
          </>
        )}
        {f.answered && (
          <>
            <dt>Gateway's message</dt>
            <dd className="tryit-error-message">{f.message}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** Status, who served the call, attempts, latency and tokens; a failure's target is in its message. */
function Details(props: { outcome: Outcome }) {
  const { outcome } = props;
  const usage = outcome.usage;
  return (
    <dl className="details-try-meta" aria-label="Response details">
      <div>
        <dt>Status</dt>
        <dd>{outcome.status || "—"}</dd>
      </div>
      {outcome.ok && (
        <>
          <div>
            <dt>Served by</dt>
            <dd>{outcome.target ?? "—"}</dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{outcome.attempts ?? "—"}</dd>
          </div>
        </>
      )}
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
  );
}
