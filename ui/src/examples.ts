// Ready-to-copy code that calls an endpoint on each invocation route (docs/invocations.md), for
// curl, Python, Node and Java. Each route is one entry of ROUTES; the scaffolding its snippets
// share (the curl command, install lines, a Java main class, the gateway key) is built once below.
// With authentication on, every snippet reads a gateway key from SWITCHBOARD_API_KEY.

export type ExampleId = "invocations" | "mlflow-chat" | "openai" | "anthropic" | "gemini";
export type Language = "curl" | "python" | "node" | "java";

export interface Snippet {
  /** What to install or have first. */
  setup: string;
  code: string;
}

/** One route as the examples show it: what it is, where it lives, and code per language. */
export interface Example {
  summary: string;
  /** The SDK base URL, for routes an official SDK points at. */
  baseUrl?: string;
  /** The full URL of the request the examples send. */
  requestUrl: string;
  /** The shell line that sets the gateway key the snippets read; absent when none is needed. */
  keySetup?: string;
  code: Record<Language, Snippet>;
}

/** The environment variable every example reads its gateway key from. */
export const KEY_VARIABLE = "SWITCHBOARD_API_KEY";
export const KEY_SETUP = `export ${KEY_VARIABLE}="sb-..."`;

/** How each language's snippet passes the caller's credential: a gateway key, or nothing at all. */
interface KeyUse {
  /** A curl header line with the key, or "". */
  curlHeader: string;
  /** Python: the import the key expression needs, and the expression an SDK's api_key gets. */
  pythonImport: string;
  python: string;
  node: string;
  java: string;
  /** The raw-HTTP header with the key, per language, or "" (the invocations route uses no SDK). */
  pythonHeaders: string;
  nodeHeader: string;
  javaHeader: string;
}

const WITH_KEY: KeyUse = {
  curlHeader: `  -H "Authorization: Bearer $${KEY_VARIABLE}" \\\n`,
  pythonImport: "import os\n",
  python: `os.environ["${KEY_VARIABLE}"]`,
  node: `process.env.${KEY_VARIABLE}`,
  java: `System.getenv("${KEY_VARIABLE}")`,
  pythonHeaders: `\n    headers={"Authorization": "Bearer " + os.environ["${KEY_VARIABLE}"]},`,
  nodeHeader: `, Authorization: \`Bearer \${process.env.${KEY_VARIABLE}}\``,
  javaHeader: `\n        .header("Authorization", "Bearer " + System.getenv("${KEY_VARIABLE}"))`,
};

/** Authentication off: no key; SDKs insist on some value, so they get "unused". */
const WITHOUT_KEY: KeyUse = {
  curlHeader: "",
  pythonImport: "",
  python: '"unused"',
  node: '"unused"',
  java: '"unused"',
  pythonHeaders: "",
  nodeHeader: "",
  javaHeader: "",
};

interface Route {
  summary: string;
  /** The SDK base path under the gateway, for routes an official SDK points at. */
  basePath?: string;
  requestPath: (name: string) => string;
  code: (c: { name: string; base: string; url: string; key: KeyUse }) => Record<Language, Snippet>;
}

const HELLO_JSON = '{"role": "user", "content": "Hello!"}';

function curl(url: string, body: string, key: KeyUse): Snippet {
  return {
    setup: "Any shell with curl.",
    code: `curl -X POST ${url} \\\n${key.curlHeader}  -H "Content-Type: application/json" \\\n  -d '${body}'`,
  };
}

function pip(pkg: string, code: string): Snippet {
  return { setup: "pip install " + pkg, code };
}

function npm(pkg: string, code: string): Snippet {
  return { setup: `npm install ${pkg}; run as an ES module, e.g. main.mjs.`, code };
}

function maven(artifact: string, code: string): Snippet {
  return { setup: "Maven: " + artifact, code };
}

/** A Java program: the imports, then a main method with this body. */
function javaMain(imports: string[], body: string, throwsException = false): string {
  const indented = body
    .split("\n")
    .map((line) => (line ? "        " + line : line))
    .join("\n");
  return `${imports.map((i) => `import ${i};`).join("\n")}

public class Main {
    public static void main(String[] args)${throwsException ? " throws Exception" : ""} {
${indented}
    }
}`;
}

/** An OpenAI-shaped chat completions route, for the OpenAI SDKs. */
function openAiRoute(basePath: string, summary: string): Route {
  return {
    summary,
    basePath,
    requestPath: () => basePath + "/chat/completions",
    code: ({ name, base, url, key }) => ({
      curl: curl(url, `{"model": "${name}", "messages": [${HELLO_JSON}]}`, key),
      python: pip(
        "openai",
        `${key.pythonImport}from openai import OpenAI

client = OpenAI(base_url="${base}", api_key=${key.python})
completion = client.chat.completions.create(
    model="${name}",
    messages=[${HELLO_JSON}],
)
print(completion.choices[0].message.content)`,
      ),
      node: npm(
        "openai",
        `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "${base}", apiKey: ${key.node} });
const completion = await client.chat.completions.create({
  model: "${name}",
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(completion.choices[0].message.content);`,
      ),
      java: maven(
        "com.openai:openai-java",
        javaMain(
          [
            "com.openai.client.OpenAIClient",
            "com.openai.client.okhttp.OpenAIOkHttpClient",
            "com.openai.models.chat.completions.ChatCompletion",
            "com.openai.models.chat.completions.ChatCompletionCreateParams",
          ],
          `OpenAIClient client = OpenAIOkHttpClient.builder()
        .baseUrl("${base}")
        .apiKey(${key.java})
        .build();
ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("${name}")
        .addUserMessage("Hello!")
        .build();
ChatCompletion completion = client.chat().completions().create(params);
System.out.println(completion.choices().get(0).message().content().orElse(""));`,
        ),
      ),
    }),
  };
}

const ROUTES: Record<ExampleId, Route> = {
  invocations: {
    summary:
      "MLflow's invocations route: the endpoint is in the path, the body is chat messages, and the answer is an " +
      "OpenAI chat completion.",
    requestPath: (name) => `/gateway/${name}/mlflow/invocations`,
    code: ({ url, key }) => ({
      curl: curl(url, `{"messages": [${HELLO_JSON}]}`, key),
      python: pip(
        "requests",
        `${key.pythonImport}import requests

response = requests.post(
    "${url}",${key.pythonHeaders}
    json={"messages": [${HELLO_JSON}]},
)
response.raise_for_status()
print(response.json()["choices"][0]["message"]["content"])`,
      ),
      node: {
        setup: "Node 18+ (built-in fetch); run as an ES module, e.g. main.mjs.",
        code: `const response = await fetch("${url}", {
  method: "POST",
  headers: { "Content-Type": "application/json"${key.nodeHeader} },
  body: JSON.stringify({ messages: [{ role: "user", content: "Hello!" }] }),
});
if (!response.ok) throw new Error(\`\${response.status}: \${await response.text()}\`);
const completion = await response.json();
console.log(completion.choices[0].message.content);`,
      },
      java: {
        setup: "Java 17+, no dependencies (java.net.http).",
        code: javaMain(
          ["java.net.URI", "java.net.http.HttpClient", "java.net.http.HttpRequest", "java.net.http.HttpResponse"],
          `HttpClient client = HttpClient.newHttpClient();
HttpRequest request = HttpRequest.newBuilder(URI.create("${url}"))
        .header("Content-Type", "application/json")${key.javaHeader}
        .POST(HttpRequest.BodyPublishers.ofString("""
                {"messages": [${HELLO_JSON}]}"""))
        .build();
HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
System.out.println(response.statusCode() + " " + response.body());`,
          true,
        ),
      },
    }),
  },

  "mlflow-chat": openAiRoute(
    "/gateway/mlflow/v1",
    "MLflow's unified OpenAI-shaped route: any OpenAI client works; the model field names the endpoint, " +
      "and the call is translated to whatever provider serves it.",
  ),

  openai: openAiRoute(
    "/gateway/openai/v1",
    "The OpenAI API: point an OpenAI SDK at the gateway and pass the endpoint name as the model. " +
      "Calls to OpenAI-format providers are passed through unchanged except the model.",
  ),

  anthropic: {
    summary:
      "The Anthropic Messages API: point an Anthropic SDK at the gateway and pass the endpoint name as the model. " +
      "Other providers are translated to and from Anthropic's format.",
    basePath: "/gateway/anthropic",
    requestPath: () => "/gateway/anthropic/v1/messages",
    code: ({ name, base, url, key }) => ({
      curl: curl(url, `{"model": "${name}", "max_tokens": 1024, "messages": [${HELLO_JSON}]}`, key),
      python: pip(
        "anthropic",
        `${key.pythonImport}import anthropic

client = anthropic.Anthropic(base_url="${base}", api_key=${key.python})
message = client.messages.create(
    model="${name}",
    max_tokens=1024,
    messages=[${HELLO_JSON}],
)
print(message.content[0].text)`,
      ),
      node: npm(
        "@anthropic-ai/sdk",
        `import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic({ baseURL: "${base}", apiKey: ${key.node} });
const message = await client.messages.create({
  model: "${name}",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(message.content[0].text);`,
      ),
      java: maven(
        "com.anthropic:anthropic-java",
        javaMain(
          [
            "com.anthropic.client.AnthropicClient",
            "com.anthropic.client.okhttp.AnthropicOkHttpClient",
            "com.anthropic.models.messages.Message",
            "com.anthropic.models.messages.MessageCreateParams",
          ],
          `AnthropicClient client = AnthropicOkHttpClient.builder()
        .baseUrl("${base}")
        .apiKey(${key.java})
        .build();
MessageCreateParams params = MessageCreateParams.builder()
        .model("${name}")
        .maxTokens(1024)
        .addUserMessage("Hello!")
        .build();
Message message = client.messages().create(params);
message.content().forEach(block -> block.text().ifPresent(text -> System.out.println(text.text())));`,
        ),
      ),
    }),
  },

  gemini: {
    summary:
      "The Gemini API: point a Google Gen AI SDK at the gateway and pass the endpoint name as the model. " +
      "Other providers are translated to and from Gemini's format.",
    basePath: "/gateway/gemini",
    requestPath: (name) => `/gateway/gemini/v1beta/models/${name}:generateContent`,
    code: ({ name, base, url, key }) => ({
      curl: curl(url, `{"contents": [{"role": "user", "parts": [{"text": "Hello!"}]}]}`, key),
      python: pip(
        "google-genai",
        `${key.pythonImport}from google import genai

client = genai.Client(api_key=${key.python}, http_options={"base_url": "${base}"})
response = client.models.generate_content(model="${name}", contents="Hello!")
print(response.text)`,
      ),
      node: npm(
        "@google/genai",
        `import { GoogleGenAI } from "@google/genai";

const ai = new GoogleGenAI({ apiKey: ${key.node}, httpOptions: { baseUrl: "${base}" } });
const response = await ai.models.generateContent({ model: "${name}", contents: "Hello!" });
console.log(response.text);`,
      ),
      java: maven(
        "com.google.genai:google-genai",
        javaMain(
          ["com.google.genai.Client", "com.google.genai.types.GenerateContentResponse", "com.google.genai.types.HttpOptions"],
          `Client client = Client.builder()
        .apiKey(${key.java})
        .httpOptions(HttpOptions.builder().baseUrl("${base}").build())
        .build();
GenerateContentResponse response = client.models.generateContent("${name}", "Hello!", null);
System.out.println(response.text());`,
        ),
      ),
    }),
  },
};

/**
 * The examples for calling endpoint `name` on one route of the gateway at `gateway` (no trailing
 * slash); `keyed` when the gateway checks credentials, so the snippets send a gateway key.
 */
export function example(gateway: string, name: string, id: ExampleId, keyed: boolean): Example {
  const route = ROUTES[id];
  const base = route.basePath ? gateway + route.basePath : gateway;
  const url = gateway + route.requestPath(name);
  return {
    summary: route.summary,
    baseUrl: route.basePath ? base : undefined,
    requestUrl: url,
    keySetup: keyed ? KEY_SETUP : undefined,
    code: route.code({ name, base, url, key: keyed ? WITH_KEY : WITHOUT_KEY }),
  };
}
