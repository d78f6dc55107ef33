import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo } from "react";
import { api, Session, User } from "./api";
import { onSessionChanged, onUnauthorized, setCsrfToken } from "./http";
import { useLoad } from "./useLoad";

// Who is using the UI: whether the gateway checks credentials at all, and the signed-in user. Loaded
// once from auth/session; sign-in, sign-out and any 401 update it for every screen.

export interface SessionValue {
  authEnabled: boolean;
  /** The signed-in user; undefined when signed out, and always when authentication is off. */
  user?: User;
  /** Admins manage users, see every gateway key and bypass permissions (everyone is, with auth off). */
  isAdmin: boolean;
  signedIn: (user: User, csrfToken: string) => void;
  signOut: () => Promise<void>;
  /** Reloads auth/session (after changing the signed-in user's own rights). */
  refresh: () => void;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/**
 * The auth/session answer, loaded on mount; undefined while it loads. Like every load, it is tried
 * again by itself while the gateway cannot be reached (useLoad), so the start screen recovers too.
 */
export function useSessionState() {
  const loaded = useLoad(() => api.session());
  const { data: session, setData: setSession, reload } = loaded;

  // The CSRF token and user that writes carry follow the session on screen.
  useEffect(() => {
    if (session) setCsrfToken(session.csrf_token, session.user?.id);
  }, [session]);

  // A 401 from any call: the session is over (expired, signed out elsewhere, password reset).
  // Another user signed in in another tab: this tab follows the cookie.
  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(undefined);
      setSession((s) => (s?.user ? { auth_enabled: true } : s));
    });
    onSessionChanged(reload);
    return () => {
      onUnauthorized(undefined);
      onSessionChanged(undefined);
    };
  }, [setSession, reload]);

  const signedIn = useCallback((user: User, csrfToken: string) => {
    setCsrfToken(csrfToken, user.id);
    setSession({ auth_enabled: true, user, csrf_token: csrfToken });
  }, []);

  const signOut = useCallback(async () => {
    await api.signOut();
    setCsrfToken(undefined);
    setSession((s) => s && { auth_enabled: s.auth_enabled });
  }, []);

  return { session, error: loaded.error, retrying: loaded.retrying, retry: reload, signedIn, signOut };
}

export function SessionProvider(props: {
  session: Session;
  signedIn: SessionValue["signedIn"];
  signOut: SessionValue["signOut"];
  refresh: SessionValue["refresh"];
  children: ReactNode;
}) {
  const { session, signedIn, signOut, refresh } = props;
  const value = useMemo<SessionValue>(
    () => ({
      authEnabled: session.auth_enabled,
      user: session.user,
      isAdmin: !session.auth_enabled || !!session.user?.is_admin,
      signedIn,
      signOut,
      refresh,
    }),
    [session, signedIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
