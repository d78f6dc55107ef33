import { ReactNode, useState } from "react";
import { api, messageOf } from "../api";
import { links } from "../router";
import { useSession } from "../session";
import { useLoad } from "../useLoad";
import { Badge } from "./States";
import { ResetPasswordModal } from "./UserModals";

const BANNER_KEY = "switchboard.passphraseBannerDismissed";

export type NavItem = "endpoints" | "api-keys" | "usage" | "gateway-keys" | "users";

/**
 * Header "AI Gateway" with the signed-in user, the side navigation (Users for admins only) and the
 * banners about authentication and secrets around every page.
 */
export function Layout(props: { active: NavItem; children: ReactNode }) {
  const session = useSession();
  const config = useLoad(() => api.secretsConfig());
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(BANNER_KEY) === "1");
  const c = config.data;
  return (
    <div className="app">
      <header className="app-header">
        <svg className="logo" viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
          <path
            d="M7 18a5 5 0 0 1-.7-9.95A6 6 0 0 1 17.7 8.6 4.5 4.5 0 0 1 17.5 18H7z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
          />
        </svg>
        <h1>AI Gateway</h1>
        <span className="product">Switchboard</span>
        {session.user && <SignedInUser />}
      </header>
      <div className="app-body">
        <nav className="side-nav" aria-label="Gateway">
          <a href={links.endpoints} aria-current={props.active === "endpoints" ? "page" : undefined}>
            Endpoints
          </a>
          <a href={links.apiKeys} aria-current={props.active === "api-keys" ? "page" : undefined}>
            API Keys
          </a>
          <a href={links.usage()} aria-current={props.active === "usage" ? "page" : undefined}>
            Usage
          </a>
          {session.authEnabled && (
            <a href={links.gatewayKeys} aria-current={props.active === "gateway-keys" ? "page" : undefined}>
              Gateway keys
            </a>
          )}
          {session.authEnabled && session.user?.is_admin && (
            <a href={links.users} aria-current={props.active === "users" ? "page" : undefined}>
              Users
            </a>
          )}
        </nav>
        <main className="content">
          {!session.authEnabled && (
            <div className="banner banner-warning" role="status">
              <span>
                <strong>Authentication is off.</strong> Anyone who can reach this port can read and change
                everything, and call every endpoint. Turn it on before exposing the gateway: see{" "}
                <code>docs/access.md</code>.
              </span>
            </div>
          )}
          {c && !c.secrets_available && (
            <div className="banner banner-error" role="alert">
              <strong>Secrets are unavailable.</strong> {c.message ?? ""} Start the gateway with the passphrase the
              keys were stored with (SWITCHBOARD_KEK_PASSPHRASE) to use or change API keys.
            </div>
          )}
          {c && c.secrets_available && c.using_default_passphrase && !dismissed && (
            <div className="banner banner-warning" role="status">
              <span>
                <strong>Default passphrase in use.</strong> API keys are encrypted with a passphrase generated next to
                the database. Set SWITCHBOARD_KEK_PASSPHRASE for production, and rotate with{" "}
                <code>switchboard rotate-kek</code>.
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label="Dismiss passphrase warning"
                onClick={() => {
                  sessionStorage.setItem(BANNER_KEY, "1");
                  setDismissed(true);
                }}
              >
                ×
              </button>
            </div>
          )}
          {props.children}
        </main>
      </div>
    </div>
  );
}

/** "alice (Admin)", Change password and Sign out, at the right of the header. */
function SignedInUser() {
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const user = session.user!;
  async function signOut() {
    setBusy(true);
    setError(undefined);
    try {
      await session.signOut();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }
  return (
    <div className="header-user">
      <span className="header-user-name">
        <span aria-hidden="true" className="header-avatar">
          {user.username.charAt(0).toUpperCase()}
        </span>
        <span className="sr-only">Signed in as </span>
        {user.username}
        {user.is_admin && <Badge tone="accent">Admin</Badge>}
      </span>
      <button type="button" className="button small" onClick={() => setChanging(true)}>
        Change password
      </button>
      <button type="button" className="button small" onClick={signOut} disabled={busy}>
        {busy ? "Signing out…" : "Sign out"}
      </button>
      {changing && (
        <ResetPasswordModal
          user={user}
          isSelf
          onClose={() => setChanging(false)}
          // The gateway has ended every session of this user, this one too: sign in again.
          onDone={session.refresh}
        />
      )}
      {error && (
        <span className="field-error" role="alert">
          Not signed out: {error}
        </span>
      )}
    </div>
  );
}
