import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, Session, User } from "./api";
import { onSessionChanged, onUnauthorized, setCsrfToken } from "./http";

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

/** The auth/session answer, loaded on mount; undefined while it loads. */
export function useSessionState() {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.session().then(
      (s) => {
        if (!live) return;
        setCsrfToken(s.csrf_token, s.user?.id);
        setSession(s);
        setError(undefined);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  // A 401 from any call: the session is over (expired, signed out elsewhere, password reset).
  // Another user signed in in another tab: this tab follows the cookie.
  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(undefined);
      setSession((s) => (s?.user ? { auth_enabled: true } : s));
    });
    onSessionChanged(() => setAttempt((n) => n + 1));
    return () => {
      onUnauthorized(undefined);
      onSessionChanged(undefined);
    };
  }, []);

  const signedIn = useCallback((user: User, csrfToken: string) => {
    setCsrfToken(csrfToken, user.id);
    setSession({ auth_enabled: true, user, csrf_token: csrfToken });
  }, []);

  const signOut = useCallback(async () => {
    await api.signOut();
    setCsrfToken(undefined);
    setSession((s) => s && { auth_enabled: s.auth_enabled });
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { session, error, retry, signedIn, signOut };
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
