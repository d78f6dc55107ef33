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

/**
 * Whether a failed call never reached the gateway: the network failed (status 0), or a proxy in
 * front of it answered 502/503/504 with a body of its own. The gateway's own 502-504 carry an
 * error_code and say what went wrong (an upstream provider failed, say): those are answers, not
 * silence, and are not taken for the gateway being away.
 */
export function isUnreachable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || (PROXY_STATUSES.includes(e.status) && e.code === undefined));
}

const PROXY_STATUSES = [502, 503, 504];
const UNREACHABLE = "The gateway could not be reached.";

/** What to show for a thrown error: an ApiError's server message, or the error's own text. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

let csrfToken: string | undefined;
let sessionUserId: string | undefined;
let unauthorized: (() => void) | undefined;
let sessionChanged: (() => void) | undefined;

/** Remembers the session's CSRF token and user (from sign-in or auth/session); undefined forgets them. */
export function setCsrfToken(token: string | undefined, userId?: string) {
  csrfToken = token;
  sessionUserId = token ? userId : undefined;
}

function isSafe(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** The header a write with the session cookie needs; empty when there is no session token. */
export function csrfHeaders(method: string): Record<string, string> {
  return !isSafe(method) && csrfToken ? { "X-CSRF-Token": csrfToken } : {};
}

/**
 * After a write was refused (403): whether the browser's cookie now belongs to a newer session of
 * the same user (signed in again in another tab), whose token is then taken so the write can be
 * sent once more. Another user's session is never written with: the app reloads who is signed in.
 */
async function tookNewerToken(): Promise<boolean> {
  let session: any;
  try {
    const response = await fetch(GATEWAY + "auth/session");
    session = response.ok ? await response.json() : undefined;
  } catch {
    return false;
  }
  const token: string | undefined = session?.csrf_token;
  if (!token || token === csrfToken) return false;
  if (session.user?.id !== sessionUserId) {
    sessionChanged?.();
    return false;
  }
  csrfToken = token;
  return true;
}

/** Called on a 401 from any management call (the session ended or never began). One listener. */
export function onUnauthorized(listener: (() => void) | undefined) {
  unauthorized = listener;
}

/** Called when the browser's cookie turns out to be another user's session (signed in in another tab). */
export function onSessionChanged(listener: (() => void) | undefined) {
  sessionChanged = listener;
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
  /** This is the second try of a write refused for a stale CSRF token. */
  retried?: boolean;
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
    throw new ApiError(0, UNREACHABLE + " Is it running?");
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
    if (response.status === 403 && !isSafe(method) && csrfToken && !options.retried && (await tookNewerToken())) {
      return callAt<T>(base, method, path, body, { ...options, retried: true });
    }
    if (PROXY_STATUSES.includes(response.status) && json?.error_code === undefined) {
      throw new ApiError(response.status, `${UNREACHABLE} The server in front of it answered ${response.status}.`);
    }
    const message = json?.message ?? json?.detail ?? `The gateway answered ${response.status}.`;
    throw new ApiError(response.status, String(message), json?.error_code);
  }
  return json as T;
}

/** A call under api/3.0/mlflow/gateway/. */
export function call<T>(method: string, path: string, body?: unknown, params?: Params): Promise<T> {
  return callAt<T>(GATEWAY, method, path, body, { params });
}
