import { KeyboardEvent, useId, useRef, useState } from "react";
import { CopyButton } from "./CopyButton";
import { Modal } from "./Modal";

// The "Use" dialog of the endpoints list: how to call one endpoint on each invocation route
// (docs/invocations.md), with ready-to-copy code for curl, Python, Node and Java.

type RouteId = "unified" | "openai" | "anthropic" | "gemini";
type UnifiedApi = "invocations" | "chat";
type Language = "curl" | "python" | "node" | "java";

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

/** One route as the dialog shows it: what it is, where it lives, and code per language. */
interface Example {
  summary: string;
  /** The SDK base URL, for routes an official SDK points at. */
  baseUrl?: string;
  /** The full URL of the request the examples send. */
  requestUrl: string;
  code: Record<Language, { setup: string; code: string }>;
}

/** The dialog: route tabs, then language tabs, then the code. */
export function UsageModal(props: { endpointName: string; onClose: () => void }) {
  const [route, setRoute] = useState<RouteId>("unified");
  const [unifiedApi, setUnifiedApi] = useState<UnifiedApi>("invocations");
  const [language, setLanguage] = useState<Language>("curl");
  const ids = useId();
  const host = window.location.origin;
  const example = examples(host, props.endpointName, route, unifiedApi);
  const snippet = example.code[language];

  return (
    <Modal title={"Use " + props.endpointName} onClose={props.onClose} wide>
      <p className="list-usage-intro">
        Call this endpoint from your application on any of these routes. No client key is needed: the provider keys
        stay in the gateway (SDKs require some value, so the examples pass <code>"unused"</code>).
      </p>
      <Tabs
        label="Route"
        idPrefix={ids + "route"}
        tabs={ROUTES}
        selected={route}
        onSelect={setRoute}
      />
      <div
        role="tabpanel"
        id={ids + "route-panel"}
        aria-labelledby={ids + "route-tab-" + route}
        className="list-usage-panel"
      >
        {route === "unified" && (
          <fieldset className="list-usage-api">
            <legend className="list-sr-only">Unified API</legend>
            {(
              [
                ["invocations", "MLflow invocations"],
                ["chat", "OpenAI-compatible chat completions"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className={unifiedApi === value ? "selected" : undefined}>
                <input
                  type="radio"
                  name={ids + "unified-api"}
                  value={value}
                  checked={unifiedApi === value}
                  onChange={() => setUnifiedApi(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
        )}
        <p className="list-usage-summary">{example.summary}</p>
        <dl className="list-usage-urls">
          {example.baseUrl && <UrlRow label="Base URL" url={example.baseUrl} />}
          <UrlRow label="Request" url={example.requestUrl} method="POST" />
        </dl>
        <Tabs
          label="Language"
          idPrefix={ids + "lang"}
          tabs={LANGUAGES}
          selected={language}
          onSelect={setLanguage}
        />
        <div role="tabpanel" id={ids + "lang-panel"} aria-labelledby={ids + "lang-tab-" + language}>
          <p className="list-usage-setup muted">{snippet.setup}</p>
          <div className="list-code">
            <pre className="code" aria-label={"Code example"} tabIndex={0}>
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

function UrlRow(props: { label: string; url: string; method?: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        <code>
          {props.method && <span className="list-usage-method">{props.method} </span>}
          {props.url}
        </code>
        <CopyButton text={props.url} label={"Copy " + props.label.toLowerCase()} />
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

const HELLO_JSON = '{"role": "user", "content": "Hello!"}';

function examples(host: string, name: string, route: RouteId, unifiedApi: UnifiedApi): Example {
  if (route === "unified" && unifiedApi === "invocations") return invocations(host, name);
  if (route === "unified") {
    return openaiCompatible(
      host + "/gateway/mlflow/v1",
      name,
      "MLflow's unified OpenAI-shaped route: any OpenAI client works; the model field names the endpoint, " +
        "and the call is translated to whatever provider serves it.",
    );
  }
  if (route === "openai") {
    return openaiCompatible(
      host + "/gateway/openai/v1",
      name,
      "The OpenAI API: point an OpenAI SDK at the gateway and pass the endpoint name as the model. " +
        "Calls to OpenAI-format providers are passed through unchanged except the model.",
    );
  }
  if (route === "anthropic") return anthropic(host + "/gateway/anthropic", name);
  return gemini(host + "/gateway/gemini", name);
}

function invocations(host: string, name: string): Example {
  const url = `${host}/gateway/${name}/mlflow/invocations`;
  return {
    summary:
      "MLflow's invocations route: the endpoint is in the path, the body is chat messages, and the answer is an " +
      "OpenAI chat completion.",
    requestUrl: url,
    code: {
      curl: {
        setup: "Any shell with curl.",
        code: `curl -X POST ${url} \\
  -H "Content-Type: application/json" \\
  -d '{"messages": [${HELLO_JSON}]}'`,
      },
      python: {
        setup: "pip install requests",
        code: `import requests

response = requests.post(
    "${url}",
    json={"messages": [${HELLO_JSON}]},
)
response.raise_for_status()
print(response.json()["choices"][0]["message"]["content"])`,
      },
      node: {
        setup: "Node 18+ (built-in fetch); run as an ES module, e.g. main.mjs.",
        code: `const response = await fetch("${url}", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ messages: [{ role: "user", content: "Hello!" }] }),
});
if (!response.ok) throw new Error(\`\${response.status}: \${await response.text()}\`);
const completion = await response.json();
console.log(completion.choices[0].message.content);`,
      },
      java: {
        setup: "Java 17+, no dependencies (java.net.http).",
        code: `import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("${url}"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"messages": [${HELLO_JSON}]}"""))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode() + " " + response.body());
    }
}`,
      },
    },
  };
}

function openaiCompatible(base: string, name: string, summary: string): Example {
  const url = base + "/chat/completions";
  return {
    summary,
    baseUrl: base,
    requestUrl: url,
    code: {
      curl: {
        setup: "Any shell with curl.",
        code: `curl -X POST ${url} \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${name}", "messages": [${HELLO_JSON}]}'`,
      },
      python: {
        setup: "pip install openai",
        code: `from openai import OpenAI

client = OpenAI(base_url="${base}", api_key="unused")
completion = client.chat.completions.create(
    model="${name}",
    messages=[${HELLO_JSON}],
)
print(completion.choices[0].message.content)`,
      },
      node: {
        setup: "npm install openai; run as an ES module, e.g. main.mjs.",
        code: `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${base}", apiKey: "unused" });
const completion = await client.chat.completions.create({
  model: "${name}",
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(completion.choices[0].message.content);`,
      },
      java: {
        setup: "Maven: com.openai:openai-java",
        code: `import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

public class Main {
    public static void main(String[] args) {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl("${base}")
                .apiKey("unused")
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("${name}")
                .addUserMessage("Hello!")
                .build();
        ChatCompletion completion = client.chat().completions().create(params);
        System.out.println(completion.choices().get(0).message().content().orElse(""));
    }
}`,
      },
    },
  };
}

function anthropic(base: string, name: string): Example {
  const url = base + "/v1/messages";
  return {
    summary:
      "The Anthropic Messages API: point an Anthropic SDK at the gateway and pass the endpoint name as the model. " +
      "Other providers are translated to and from Anthropic's format.",
    baseUrl: base,
    requestUrl: url,
    code: {
      curl: {
        setup: "Any shell with curl.",
        code: `curl -X POST ${url} \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${name}", "max_tokens": 1024, "messages": [${HELLO_JSON}]}'`,
      },
      python: {
        setup: "pip install anthropic",
        code: `import anthropic

client = anthropic.Anthropic(base_url="${base}", api_key="unused")
message = client.messages.create(
    model="${name}",
    max_tokens=1024,
    messages=[${HELLO_JSON}],
)
print(message.content[0].text)`,
      },
      node: {
        setup: "npm install @anthropic-ai/sdk; run as an ES module, e.g. main.mjs.",
        code: `import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({ baseURL: "${base}", apiKey: "unused" });
const message = await client.messages.create({
  model: "${name}",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(message.content[0].text);`,
      },
      java: {
        setup: "Maven: com.anthropic:anthropic-java",
        code: `import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;

public class Main {
    public static void main(String[] args) {
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl("${base}")
                .apiKey("unused")
                .build();
        MessageCreateParams params = MessageCreateParams.builder()
                .model("${name}")
                .maxTokens(1024)
                .addUserMessage("Hello!")
                .build();
        Message message = client.messages().create(params);
        message.content().forEach(block -> block.text().ifPresent(text -> System.out.println(text.text())));
    }
}`,
      },
    },
  };
}

function gemini(base: string, name: string): Example {
  const url = `${base}/v1beta/models/${name}:generateContent`;
  return {
    summary:
      "The Gemini API: point a Google Gen AI SDK at the gateway and pass the endpoint name as the model. " +
      "Other providers are translated to and from Gemini's format.",
    baseUrl: base,
    requestUrl: url,
    code: {
      curl: {
        setup: "Any shell with curl.",
        code: `curl -X POST "${url}" \\
  -H "Content-Type: application/json" \\
  -d '{"contents": [{"role": "user", "parts": [{"text": "Hello!"}]}]}'`,
      },
      python: {
        setup: "pip install google-genai",
        code: `from google import genai

client = genai.Client(api_key="unused", http_options={"base_url": "${base}"})
response = client.models.generate_content(model="${name}", contents="Hello!")
print(response.text)`,
      },
      node: {
        setup: "npm install @google/genai; run as an ES module, e.g. main.mjs.",
        code: `import { GoogleGenAI } from "@google/genai";

const ai = new GoogleGenAI({ apiKey: "unused", httpOptions: { baseUrl: "${base}" } });
const response = await ai.models.generateContent({ model: "${name}", contents: "Hello!" });
console.log(response.text);`,
      },
      java: {
        setup: "Maven: com.google.genai:google-genai",
        code: `import com.google.genai.Client;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;

public class Main {
    public static void main(String[] args) {
        Client client = Client.builder()
                .apiKey("unused")
                .httpOptions(HttpOptions.builder().baseUrl("${base}").build())
                .build();
        GenerateContentResponse response = client.models.generateContent("${name}", "Hello!", null);
        System.out.println(response.text());
    }
}`,
      },
    },
  };
}
