import { KeyboardEvent, useId, useRef, useState } from "react";
import { example, ExampleId, KEY_VARIABLE, Language } from "../examples";
import { gatewayBaseUrl, links } from "../router";
import { useSession } from "../session";
import { CopyButton } from "./CopyButton";
import { Modal } from "./Modal";

// The "Use" dialog of the endpoints list: how to call one endpoint on each invocation route, with
// ready-to-copy code for curl, Python, Node and Java (examples.ts).

type RouteId = "unified" | "openai" | "anthropic" | "gemini";
type UnifiedApi = Extract<ExampleId, "invocations" | "mlflow-chat">;

const ROUTES: { id: RouteId; label: string }[] = [
  { id: "unified", label: "Unified" },
  { id: "openai", label: "OpenAI" },
  { id: "anthropic", label: "Anthropic" },
  { id: "gemini", label: "Gemini" },
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

/** The dialog: route tabs, then language tabs, then the code. */
export function UsageModal(props: { endpointName: string; onClose: () => void }) {
  const [route, setRoute] = useState<RouteId>("unified");
  const [unifiedApi, setUnifiedApi] = useState<UnifiedApi>("invocations");
  const [language, setLanguage] = useState<Language>("curl");
  const ids = useId();
  const { authEnabled } = useSession();
  const shown = example(gatewayBaseUrl(), props.endpointName, route === "unified" ? unifiedApi : route, authEnabled);
  const snippet = shown.code[language];

  return (
    <Modal title={"Use " + props.endpointName} onClose={props.onClose} wide>
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
    </Modal>
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

/** An accessible tab list (WAI-ARIA tabs, automatic activation): arrow keys, Home and End move. */
function Tabs<T extends string>(props: {
  label: string;
  idPrefix: string;
  tabs: { id: T; label: string }[];
  selected: T;
  onSelect: (id: T) => void;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  function onKeyDown(e: KeyboardEvent) {
    const index = props.tabs.findIndex((t) => t.id === props.selected);
    let next: number;
    if (e.key === "ArrowRight") next = (index + 1) % props.tabs.length;
    else if (e.key === "ArrowLeft") next = (index - 1 + props.tabs.length) % props.tabs.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = props.tabs.length - 1;
    else return;
    e.preventDefault();
    const id = props.tabs[next].id;
    props.onSelect(id);
    refs.current.get(id)?.focus();
  }
  return (
    <div role="tablist" aria-label={props.label} className="list-tabs" onKeyDown={onKeyDown}>
      {props.tabs.map((tab) => {
        const selected = tab.id === props.selected;
        return (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={props.idPrefix + "-tab-" + tab.id}
            aria-selected={selected}
            aria-controls={props.idPrefix + "-panel"}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
