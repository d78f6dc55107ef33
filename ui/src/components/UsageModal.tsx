import { useId, useState } from "react";
import { callerMay, Endpoint } from "../api";
import { example, ExampleId, KEY_VARIABLE, Language } from "../examples";
import { gatewayBaseUrl, links } from "../router";
import { useSession } from "../session";
import { CopyButton } from "./CopyButton";
import { Modal } from "./Modal";
import { panelId, tabId, Tabs } from "./Tabs";
import { TryIt } from "./TryItPanel";

// The "Use" dialog of the endpoints list: how to call one endpoint on each invocation route, with
// ready-to-copy code for curl, Python, Node and Java (examples.ts), and, for a caller who may use
// it, a Try it tab that calls it from here (TryItPanel.tsx).

type Mode = "code" | "try";
type RouteId = "unified" | "openai" | "anthropic" | "gemini";
type UnifiedApi = Extract<ExampleId, "invocations" | "mlflow-chat">;

const ROUTES: { id: RouteId; label: string }[] = [
  { id: "unified", label: "Unified" },
  { id: "openai", label: "OpenAI" },
  { id: "anthropic", label: "Anthropic" },
  { id: "gemini", label: "Gemini" },
];

const MODES: { id: Mode; label: string }[] = [
  { id: "code", label: "Code" },
  { id: "try", label: "Try it" },
];

const LANGUAGES: { id: Language; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "node", label: "Node" },
  { id: "java", label: "Java" },
];

const UNIFIED_APIS: { id: UnifiedApi; label: string }[] = [
  { id: "invocations", label: "MLflow invocations" },
  { id: "mlflow-chat", label: "OpenAI-compatible chat completions" },
];

/**
 * The dialog: "Code" (route tabs, then language tabs, then the code) and "Try it". Both panels stay
 * mounted, so a message typed in Try it or a tab chosen in Code survives a look at the other.
 */
export function UsageModal(props: { endpoint: Endpoint; onClose: () => void }) {
  const [mode, setMode] = useState<Mode>("code");
  const ids = useId();
  const modes = callerMay(props.endpoint, "USE") ? MODES : MODES.filter((m) => m.id === "code");
  return (
    <Modal title={"Use " + props.endpoint.name} onClose={props.onClose} wide>
      {modes.length > 1 && (
        <Tabs
          label="Code or Try it"
          idPrefix={ids + "mode"}
          tabs={modes}
          selected={mode}
          onSelect={setMode}
          ownPanels
          className="tryit-mode-tabs"
        />
      )}
      {modes.map((m) => (
        <div
          key={m.id}
          role={modes.length > 1 ? "tabpanel" : undefined}
          id={panelId(ids + "mode", m.id)}
          aria-labelledby={modes.length > 1 ? tabId(ids + "mode", m.id) : undefined}
          hidden={m.id !== mode}
        >
          {m.id === "code" ? <CodeExamples endpointName={props.endpoint.name} /> : <TryIt endpoint={props.endpoint} />}
        </div>
      ))}
    </Modal>
  );
}

/** How to call the endpoint from an application: route tabs, then language tabs, then the code. */
function CodeExamples(props: { endpointName: string }) {
  const [route, setRoute] = useState<RouteId>("unified");
  const [unifiedApi, setUnifiedApi] = useState<UnifiedApi>("invocations");
  const [language, setLanguage] = useState<Language>("curl");
  const ids = useId();
  const { authEnabled } = useSession();
  const shown = example(gatewayBaseUrl(), props.endpointName, route === "unified" ? unifiedApi : route, authEnabled);
  const snippet = shown.code[language];

  return (
    <>
      {authEnabled ? (
        <p className="list-usage-intro">
          Call this endpoint from your application on any of these routes with a gateway key (
          <a href={links.gatewayKeys}>Gateway keys</a>) that may use it. The examples read it from{" "}
          <code>{KEY_VARIABLE}</code>; the provider keys stay in the gateway.
        </p>
      ) : (
        <p className="list-usage-intro">
          Call this endpoint from your application on any of these routes. Authentication is off, so no client key is
          needed: the provider keys stay in the gateway (SDKs require some value, so the examples pass{" "}
          <code>"unused"</code>).
        </p>
      )}
      <Tabs label="Route" idPrefix={ids + "route"} tabs={ROUTES} selected={route} onSelect={setRoute} />
      <div
        role="tabpanel"
        id={ids + "route-panel"}
        aria-labelledby={ids + "route-tab-" + route}
        className="list-usage-panel"
      >
        {route === "unified" && (
          <fieldset className="list-usage-api">
            <legend className="sr-only">Unified API</legend>
            {UNIFIED_APIS.map((api) => (
              <label key={api.id} className={unifiedApi === api.id ? "selected" : undefined}>
                <input
                  type="radio"
                  name={ids + "unified-api"}
                  value={api.id}
                  checked={unifiedApi === api.id}
                  onChange={() => setUnifiedApi(api.id)}
                />
                {api.label}
              </label>
            ))}
          </fieldset>
        )}
        <p className="list-usage-summary">{shown.summary}</p>
        <dl className="list-usage-urls">
          {shown.baseUrl && <UrlRow label="Base URL" url={shown.baseUrl} />}
          <UrlRow label="Request" url={shown.requestUrl} method="POST" />
          {shown.keySetup && <UrlRow label="Gateway key" url={shown.keySetup} copyLabel="Copy key setup" />}
        </dl>
        <Tabs label="Language" idPrefix={ids + "lang"} tabs={LANGUAGES} selected={language} onSelect={setLanguage} />
        <div role="tabpanel" id={ids + "lang-panel"} aria-labelledby={ids + "lang-tab-" + language}>
          <p className="list-usage-setup muted">{snippet.setup}</p>
          <div className="list-code">
            <pre className="code" aria-label="Code example" tabIndex={0}>
              <code>{snippet.code}</code>
            </pre>
            <div className="list-code-copy">
              <CopyButton text={snippet.code} label="Copy code" />
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

function UrlRow(props: { label: string; url: string; method?: string; copyLabel?: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        <code>
          {props.method && <span className="list-usage-method">{props.method} </span>}
          {props.url}
        </code>
        <CopyButton text={props.url} label={props.copyLabel ?? "Copy " + props.label.toLowerCase()} />
      </dd>
    </>
  );
}
