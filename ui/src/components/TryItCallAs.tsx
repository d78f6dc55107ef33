import { useState } from "react";
import { api, messageOf } from "../api";
import { KeyReveal } from "./KeyReveal";
import { ErrorMessage } from "./States";
import { Credential } from "./useTryIt";

// Try it's "Call as": with authentication on, a call is made as the signed-in user or with a
// gateway key, pasted or created here for this one endpoint (shown once).

/** Who the call is made as: the signed-in user, or a gateway key (pasted, or created here once). */
export function CallAs(props: {
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
