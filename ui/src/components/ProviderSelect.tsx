import { useId, useMemo, useRef, useState } from "react";
import { ProviderDetail } from "../api";
import { commonFirst, loadProviders } from "../catalog";
import { COMMON_PROVIDERS, countOf } from "../format";
import { useLoad } from "../useLoad";
import { SearchBox } from "./Fields";
import { Modal } from "./Modal";
import { ErrorMessage } from "./States";

// A searchable provider combobox: common providers first, a "View all providers (N)" item that opens
// a searchable dialog of every provider, and unusable providers shown disabled with the reason.

/** Why a provider cannot be picked, or undefined when it can: the allow-list, or the provider table's reason. */
export function providerBlockedReason(p: ProviderDetail): string | undefined {
  if (!p.allowed) return "Blocked by this gateway's allow-list";
  if (!p.invocable) return "Cannot be called: " + (p.not_callable_reason ?? "not supported by this gateway");
  return undefined;
}

function matches(p: ProviderDetail, name: string, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/[\s_-]+/g, "");
  if (!q) return true;
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, "");
  return norm(name).includes(q) || norm(p.id).includes(q);
}

const MAX_MATCHES = 50;

export function ProviderSelect(props: {
  id?: string;
  value: string | undefined;
  onChange: (provider: string) => void;
  disabled?: boolean;
}) {
  const generatedId = useId();
  const inputId = props.id ?? generatedId + "-input";
  const listId = generatedId + "-list";
  const catalog = useLoad(loadProviders);
  const providers = catalog.data;
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [dialog, setDialog] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  const ordered = useMemo(() => (providers ? commonFirst(providers.all) : []), [providers]);
  const shown = useMemo(() => {
    if (!providers) return [];
    if (!query || !query.trim()) return ordered.filter((p) => COMMON_PROVIDERS.includes(p.id));
    return ordered.filter((p) => matches(p, providers.name(p.id), query)).slice(0, MAX_MATCHES);
  }, [ordered, providers, query]);
  const itemCount = shown.length + 1; // + "View all providers"
  // A provider that cannot be picked is shown but never active: the arrow keys pass over it.
  const usable = (index: number) => index === shown.length || !providerBlockedReason(shown[index]);
  /** The first usable item from `from` on in the direction `step` (wrapping); "View all" always is. */
  const usableFrom = (from: number, step: 1 | -1) => {
    for (let i = 0; i < itemCount; i++) {
      const index = (((from + step * i) % itemCount) + itemCount) % itemCount;
      if (usable(index)) return index;
    }
    return shown.length;
  };
  // The active item after the list changed under it (a new search) is the nearest usable one.
  const current = usableFrom(Math.min(active, itemCount - 1), 1);

  const displayName = props.value ? (providers?.name(props.value) ?? props.value) : "";
  const inputValue = query ?? displayName;

  function close() {
    setOpen(false);
    setQuery(null);
  }

  // While the list is open the input is a search box: it starts empty, the current choice as its placeholder.
  function openList(startAt = 0) {
    setOpen(true);
    setActive(startAt);
    if (query === null) setQuery("");
  }

  function choose(index: number) {
    if (index === shown.length) {
      close();
      setDialog(true);
      return;
    }
    const p = shown[index];
    if (!p || providerBlockedReason(p)) return;
    props.onChange(p.id);
    close();
  }

  function move(step: 1 | -1) {
    const next = usableFrom(current + step, step);
    setActive(next);
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`);
    el?.scrollIntoView?.({ block: "nearest" });
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (query === null && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Typing over a chosen provider starts a new search rather than appending to its name.
      openList(0);
      return;
    }
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) openList(usableFrom(0, 1));
        else move(1);
        break;
      case "ArrowUp":
        e.preventDefault();
        if (!open) openList(itemCount - 1);
        else move(-1);
        break;
      case "Home":
        if (open) {
          e.preventDefault();
          setActive(usableFrom(0, 1));
        }
        break;
      case "End":
        if (open) {
          e.preventDefault();
          setActive(itemCount - 1);
        }
        break;
      case "Enter":
        if (open) {
          e.preventDefault();
          choose(current);
        } else if (providers) {
          e.preventDefault();
          openList(usableFrom(0, 1));
        }
        break;
      case "Escape":
        if (open || query !== null) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  }

  const disabled = props.disabled || !providers;
  return (
    <div className="provider-select">
      <div className="provider-select-control">
        <input
          id={inputId}
          className="input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${current}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={
            catalog.loading ? "Loading providers…" : query !== null && displayName ? displayName : "Search for a provider…"
          }
          value={inputValue}
          disabled={disabled}
          onChange={(e) => {
            let text = e.target.value;
            if (query === null && displayName && text.startsWith(displayName)) text = text.slice(displayName.length);
            setOpen(true);
            setActive(0);
            setQuery(text);
          }}
          onClick={() => {
            if (!open) openList(usableFrom(0, 1));
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <span className="provider-select-caret" aria-hidden="true">
          ▾
        </span>
      </div>
      {catalog.error && (
        <ErrorMessage
          message={"Could not load providers: " + catalog.error}
          onRetry={catalog.reload}
          retry={catalog.retrying}
        />
      )}
      <ul
        id={listId}
        ref={listRef}
        role="listbox"
        aria-label="Providers"
        className="provider-select-list"
        hidden={!open}
      >
        {open && shown.length === 0 && (
          <li className="provider-select-none" role="presentation">
            No provider matches “{query}”.
          </li>
        )}
        {open &&
          shown.map((p, i) => {
            const reason = providerBlockedReason(p);
            return (
              <li
                key={p.id}
                id={`${listId}-${i}`}
                data-index={i}
                role="option"
                aria-label={reason ? `${providers?.name(p.id)} (${reason})` : providers?.name(p.id)}
                aria-selected={p.id === props.value}
                aria-disabled={reason ? true : undefined}
                className={
                  "provider-select-option" + (i === current ? " active" : "") + (reason ? " disabled" : "")
                }
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => {
                  if (!reason) setActive(i);
                }}
                onClick={() => choose(i)}
              >
                <span className="provider-select-name">{providers?.name(p.id)}</span>
                {reason ? (
                  <span className="provider-select-reason">{reason}</span>
                ) : (
                  <span className="provider-select-id">{p.id}</span>
                )}
              </li>
            );
          })}
        {open && (
          <li
            id={`${listId}-${shown.length}`}
            data-index={shown.length}
            role="option"
            aria-selected={false}
            className={"provider-select-option provider-select-all" + (current === shown.length ? " active" : "")}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(shown.length)}
            onClick={() => choose(shown.length)}
          >
            View all providers ({ordered.length})
          </li>
        )}
      </ul>
      {dialog && providers && (
        <AllProvidersDialog
          providers={ordered}
          name={providers.name}
          value={props.value}
          onClose={() => setDialog(false)}
          onSelect={(id) => {
            setDialog(false);
            props.onChange(id);
          }}
        />
      )}
    </div>
  );
}

function AllProvidersDialog(props: {
  providers: ProviderDetail[];
  name: (id: string) => string;
  value: string | undefined;
  onClose: () => void;
  onSelect: (id: string) => void;
}) {
  const [search, setSearch] = useState("");
  const found = props.providers.filter((p) => matches(p, props.name(p.id), search));
  const firstUsable = found.find((p) => !providerBlockedReason(p));
  return (
    <Modal title="Select a provider" onClose={props.onClose} wide>
      <SearchBox
        label="Search providers"
        value={search}
        onChange={setSearch}
        onKeyDown={(e) => {
          if (e.key === "Enter" && firstUsable) {
            e.preventDefault();
            props.onSelect(firstUsable.id);
          }
        }}
      />
      <p className="muted provider-dialog-count" aria-live="polite">
        {countOf(found.length, props.providers.length, "provider")}
      </p>
      {found.length === 0 ? (
        <p className="provider-dialog-empty">No provider matches “{search}”.</p>
      ) : (
        <ul className="provider-dialog-list" aria-label="All providers">
          {found.map((p) => {
            const reason = providerBlockedReason(p);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className={"provider-dialog-item" + (p.id === props.value ? " selected" : "")}
                  disabled={reason !== undefined}
                  aria-label={reason ? `${props.name(p.id)} (${reason})` : props.name(p.id)}
                  aria-pressed={p.id === props.value}
                  onClick={() => props.onSelect(p.id)}
                >
                  <span className="provider-select-name">{props.name(p.id)}</span>
                  <span className="provider-select-id">{p.id}</span>
                  {reason && <span className="provider-select-reason">{reason}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Modal>
  );
}
