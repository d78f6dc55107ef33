import { ReactNode, useState } from "react";
import { api } from "../api";
import { links } from "../router";
import { useLoad } from "../useLoad";

const BANNER_KEY = "switchboard.passphraseBannerDismissed";

/** Header "AI Gateway", the side navigation and the secrets banners around every page. */
export function Layout(props: { active: "endpoints" | "api-keys"; children: ReactNode }) {
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
      </header>
      <div className="app-body">
        <nav className="side-nav" aria-label="Gateway">
          <a href={links.endpoints} aria-current={props.active === "endpoints" ? "page" : undefined}>
            Endpoints
          </a>
          <a href={links.apiKeys} aria-current={props.active === "api-keys" ? "page" : undefined}>
            API Keys
          </a>
        </nav>
        <main className="content">
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
