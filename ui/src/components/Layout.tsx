import { ReactNode, useEffect, useId, useRef, useState } from "react";
import { api, messageOf } from "../api";
import { followRoutes, links, whenLeaving } from "../router";
import { useSession } from "../session";
import { useLoad } from "../useLoad";
import { Badge } from "./States";
import { ResetPasswordModal } from "./UserModals";

const BANNER_KEY = "switchboard.passphraseBannerDismissed";

export type NavItem = "endpoints" | "api-keys" | "usage" | "budgets" | "gateway-keys" | "users";

/**
 * Header "AI Gateway" with the signed-in user, the side navigation (Users for admins only) and the
 * banners about authentication and secrets around every page. On a narrow screen the navigation
 * folds away behind a Menu button in the header (see useFoldingNav).
 */
export function Layout(props: { active: NavItem; children: ReactNode }) {
  const session = useSession();
  const config = useLoad(() => api.secretsConfig());
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(BANNER_KEY) === "1");
  const nav = useFoldingNav();
  const c = config.data;
  const link = (item: NavItem, href: string, label: string) => (
    <a href={href} aria-current={props.active === item ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <div className={"app" + (nav.open ? " nav-open" : "")}>
      <header className="app-header">
        <button
          type="button"
          ref={nav.toggleRef}
          className="button nav-toggle"
          aria-expanded={nav.open}
          aria-controls={nav.id}
          onClick={nav.toggle}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          Menu
        </button>
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
        <nav className="side-nav" id={nav.id} ref={nav.navRef} aria-label="Gateway" onClick={nav.onNavClick}>
          {link("endpoints", links.endpoints, "Endpoints")}
          {link("api-keys", links.apiKeys, "API Keys")}
          {link("usage", links.usage(), "Usage")}
          {link("budgets", links.budgets, "Budgets")}
          {session.authEnabled && link("gateway-keys", links.gatewayKeys, "Gateway keys")}
          {session.authEnabled && session.user?.is_admin && link("users", links.users, "Users")}
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
              <span>
                <strong>Secrets are unavailable.</strong> {c.message ?? ""} Start the gateway with the passphrase the
                keys were stored with (SWITCHBOARD_KEK_PASSPHRASE) to use or change API keys.
              </span>
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
      <button type="button" className="button small" onClick={() => whenLeaving(signOut)} disabled={busy}>
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

/**
 * The navigation's fold on a narrow screen (CSS shows it always on a wide one): the Menu button
 * opens it and moves focus to the current page's link; choosing a link, going to another page,
 * Escape (focus back on the button) or a click elsewhere closes it.
 */
function useFoldingNav() {
  const id = useId() + "-nav";
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);

  useEffect(() => followRoutes(() => setOpen(false)), []);

  useEffect(() => {
    if (!open) return;
    const nav = navRef.current;
    (nav?.querySelector<HTMLElement>("a[aria-current=page]") ?? nav?.querySelector<HTMLElement>("a"))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    const onPointer = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!nav?.contains(target) && !toggleRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onPointer);
    };
  }, [open]);

  return {
    id,
    open,
    toggleRef,
    navRef,
    toggle: () => setOpen((o) => !o),
    onNavClick: (e: React.MouseEvent) => {
      if ((e.target as Element).closest("a")) setOpen(false);
    },
  };
}
