import { FormEvent, useId, useRef, useState } from "react";
import { api, ApiError, messageOf, User } from "../api";

// #/sign-in: username and password. The app shows it whenever the gateway checks credentials and
// there is no session, and returns to the page the user was on once signed in.

export function SignInPage(props: { onSignedIn: (user: User, csrfToken: string) => void }) {
  const ids = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail?: string }>();
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setProblem({ title: "Enter your username and password." });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await api.signIn(username.trim(), password);
      props.onSignedIn(answer.user, answer.csrf_token);
    } catch (err) {
      setBusy(false);
      setPassword("");
      passwordRef.current?.focus();
      if (err instanceof ApiError && err.status === 401) {
        setProblem({ title: "Wrong username or password.", detail: "Check both and try again." });
      } else if (err instanceof ApiError && err.status === 429) {
        setProblem({ title: "Too many failed sign-ins.", detail: err.message });
      } else {
        setProblem({ title: "Could not sign in.", detail: messageOf(err) });
      }
    }
  }

  return (
    <main className="signin">
      <div className="signin-card">
        <div className="signin-brand">
          <svg className="logo" viewBox="0 0 24 24" aria-hidden="true" width="28" height="28">
            <path
              d="M7 18a5 5 0 0 1-.7-9.95A6 6 0 0 1 17.7 8.6 4.5 4.5 0 0 1 17.5 18H7z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinejoin="round"
            />
          </svg>
          <span>Switchboard</span>
        </div>
        <h1>Sign in to AI Gateway</h1>
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={ids + "username"}>Username</label>
            <input
              id={ids + "username"}
              className="input"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids + "password"}>Password</label>
            <input
              id={ids + "password"}
              ref={passwordRef}
              className="input"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? ids + "problem" : undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          {problem && (
            <div className="error-message signin-problem" role="alert" id={ids + "problem"}>
              <span>
                <strong>{problem.title}</strong>
                {problem.detail && <> {problem.detail}</>}
              </span>
            </div>
          )}
          <button type="submit" className="button primary signin-submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
        <p className="muted signin-help">
          First start? Sign in as <code>admin</code> with the password from <code>SWITCHBOARD_ADMIN_PASSWORD</code>, or
          from the <code>.admin-password</code> file beside the database (see <code>docs/access.md</code>).
        </p>
        <p className="muted signin-help">Forgotten your password? An admin can reset it on the Users page.</p>
      </div>
    </main>
  );
}
