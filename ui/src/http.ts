// How the UI talks to the gateway: JSON over fetch with the session cookie, the CSRF token every
// cookie-authenticated write must carry (docs/access.md), and one place that hears about a 401 so
// the app can send the user to the sign-in page.

export const GATEWAY = "api/3.0/mlflow/gateway/";
export const MLFLOW = "api/2.0/mlflow/";

/** A failed call: the HTTP status and the server's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What to show for a thrown error: an ApiError's server message, or the error's own text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

let csrfToken: string | undefined;
let unauthorized: (() => void) | undefined;

/** Remembers the session's CSRF token (from sign-in or auth/session); undefined forgets it. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

/** The header a write with the session cookie needs; empty when there is no session token. */
export function csrfHeaders(method: string): Record<string, string> {
  const safe = method === "GET" || method === "HEAD" || method === "OPTIONS";
  return !safe && csrfToken ? { "X-CSRF-Token": csrfToken } : {};
}

/** Called on a 401 from any management call (the session ended or never began). One listener. */
export function onUnauthorized(listener: (() => void) | undefined) {
  unauthorized = listener;
}

/** Tells the listener that the gateway refused the session (also for calls made outside call()). */
export function reportUnauthorized() {
  unauthorized?.();
}

export type Params = Record<string, string | undefined>;

function query(params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? "?" + s : "";
}

export interface CallOptions {
  params?: Params;
  /** A 401 is this call's own answer (a wrong password), not a sign that the session ended. */
  expect401?: boolean;
}

/** A JSON call to `base + path`; resolves to the parsed answer, or throws an ApiError. */
export async function callAt<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(base + path + query(options.params), {
      method,
      headers: {
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...csrfHeaders(method),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "The gateway could not be reached. Is it running?");
  }
  const text = await response.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && !options.expect401) reportUnauthorized();
    const message = json?.message ?? json?.detail ?? `The gateway answered ${response.status}.`;
    throw new ApiError(response.status, String(message), json?.error_code);
  }
  return json as T;
}

/** A call under api/3.0/mlflow/gateway/. */
export function call<T>(method: string, path: string, body?: unknown, params?: Params): Promise<T> {
  return callAt<T>(GATEWAY, method, path, body, { params });
}
