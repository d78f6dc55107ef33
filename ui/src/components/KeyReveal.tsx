import { CopyButton } from "./CopyButton";

/** A new gateway key, shown the one time the gateway gives it out, with a copy button and a warning. */
export function KeyReveal(props: { name: string; secret: string }) {
  return (
    <div className="key-reveal">
      <p className="key-reveal-warning" role="note">
        <strong>Copy this key now.</strong> It will not be shown again: the gateway keeps only a hash of it. If it is
        lost, create a new key and revoke this one.
      </p>
      <div className="key-reveal-row">
        <span className="sr-only">The new key {props.name}: </span>
        <code className="key-reveal-value" data-testid="new-gateway-key">
          {props.secret}
        </code>
        <CopyButton text={props.secret} label="Copy key" />
      </div>
      <p className="muted key-reveal-use">
        Applications send it as <code>Authorization: Bearer sb-…</code> (or as the API key of an OpenAI, Anthropic or
        Gemini SDK). Keep it in an environment variable such as <code>SWITCHBOARD_API_KEY</code>, never in code.
      </p>
    </div>
  );
}
