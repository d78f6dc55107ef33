import { useState } from "react";
import { api, Endpoint } from "../api";
import { csrfHeaders, reportUnauthorized } from "../http";
import { gatewayBaseUrl } from "../router";

// Try it's sending: one chat message to an endpoint's unified invocation route
// (POST /gateway/<name>/mlflow/invocations) as the signed-in user (session cookie and CSRF token)
// or with a gateway key, and what came back: the answer, who served it and how fast, or what failed.

export type Credential = "session" | "key";

/**
 * What a failed call came to, in the terms its error shows: what the UI called, what answered,
 * which target failed (the gateway's x-switchboard-target header) and where that target's API is.
 */
export interface Failure {
  /** What the gateway said, or why nothing was sent. */
  message: string;
  /** "POST http://host/gateway/<name>/mlflow/invocations"; absent when nothing was sent. */
  request?: string;
  /** False when the gateway could not be reached at all. */
  answered: boolean;
  /** "500 Internal Server Error". */
  status?: string;
  /** The last target tried, e.g. "openai/gpt-4o-mini". */
  target?: string;
  /** The target's api_base, when the endpoint's configuration gives exactly one. */
  targetUrl?: string;
  /** How many targets were tried, as the gateway counted. */
  attempts?: string;
}

export interface Outcome {
  ok: boolean;
  status: number;
  text?: string;
  failure?: Failure;
  target?: string;
  attempts?: string;
  latencyMs: number;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

export const DEFAULT_MESSAGE = "Hello! What can you do?";

/** The relative path Try it calls for an endpoint. */
export function invocationPath(endpointName: string): string {
  return "gateway/" + encodeURIComponent(endpointName) + "/mlflow/invocations";
}

/** Try it's state and its send action, shared by the endpoint page's card and the Use dialog. */
export function useTryIt(endpoint: Endpoint, withKey: boolean, gatewayKey: string) {
  const [message, setMessage] = useState(DEFAULT_MESSAGE);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const path = invocationPath(endpoint.name);

  async function send() {
    if (!message.trim() || busy) return;
    if (withKey && !gatewayKey.trim()) {
      const failure = { message: "Paste a gateway key, or create one for this endpoint.", answered: false };
      setOutcome({ ok: false, status: 0, failure, latencyMs: 0 });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    const url = gatewayBaseUrl() + "/" + path;
    const request = "POST " + url;
    const started = performance.now();
    try {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...(withKey ? { Authorization: "Bearer " + gatewayKey.trim() } : csrfHeaders("POST")),
          },
          body: JSON.stringify({ messages: [{ role: "user", content: message }] }),
        });
      } catch {
        const failure = { message: "The gateway could not be reached at " + url + ". Is it running?", request, answered: false };
        setOutcome({ ok: false, status: 0, failure, latencyMs: Math.round(performance.now() - started) });
        return;
      }
      // The session ended: sign in again. A refused key is this call's answer, shown below.
      if (response.status === 401 && !withKey) reportUnauthorized();
      const body = await response.text();
      const latencyMs = Math.round(performance.now() - started);
      const json = parsed(body);
      const target = response.headers.get("x-switchboard-target") ?? undefined;
      const attempts = response.headers.get("x-switchboard-attempts") ?? undefined;
      if (!response.ok) {
        const failure: Failure = {
          message: errorText(json, response.status),
          request,
          answered: true,
          status: (response.status + " " + response.statusText).trim(),
          target,
          targetUrl: target ? await upstreamOf(endpoint, target) : undefined,
          attempts,
        };
        setOutcome({ ok: false, status: response.status, failure, latencyMs });
      } else {
        const text = answerText(json);
        setOutcome({ ok: true, status: response.status, text: text ?? body, target, attempts, latencyMs, usage: json?.usage });
      }
    } finally {
      setBusy(false);
    }
  }

  return { path, message, setMessage, busy, outcome, send };
}

function parsed(body: string): any {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

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

/** The gateway's message in any of its error shapes (MLflow's detail, OpenAI's error.message, ...). */
function errorText(json: any, status: number): string {
  const detail = json?.detail ?? json?.error?.message ?? json?.message;
  if (typeof detail === "string" && detail) return detail;
  if (detail !== undefined) return JSON.stringify(detail);
  return `The gateway answered ${status}.`;
}

/**
 * Where a target ("provider/model") sends its calls, when the endpoint's configuration says: the
 * api_base of the API key of the model definitions that are that target, if they agree on one.
 * A provider's own default URL is not known here, so none is guessed; nor is one named if the
 * caller may not read the key.
 */
async function upstreamOf(endpoint: Endpoint, target: string): Promise<string | undefined> {
  const definitions = endpoint.model_mappings
    .map((m) => m.model_definition)
    .filter((d) => d && d.secret_id && d.provider + "/" + d.model_name === target);
  if (definitions.length === 0) return undefined;
  const secretIds = new Set(definitions.map((d) => d!.secret_id));
  try {
    const secrets = await api.listSecrets(definitions[0]!.provider);
    const bases = new Set(
      secrets
        .filter((s) => secretIds.has(s.secret_id))
        .map((s) => s.auth_config?.api_base)
        .filter((base): base is string => typeof base === "string" && base.trim() !== ""),
    );
    return bases.size === 1 ? [...bases][0] : undefined;
  } catch {
    return undefined;
  }
}
