import { KeyboardEvent, useRef } from "react";

/**
 * An accessible tab list (WAI-ARIA tabs, automatic activation): arrow keys, Home and End move.
 * Every tab controls the one panel "<idPrefix>-panel", or with ownPanels each its own,
 * "<idPrefix>-panel-<id>" (panels kept mounted while hidden, so that what they hold survives).
 */
export function Tabs<T extends string>(props: {
  label: string;
  idPrefix: string;
  tabs: { id: T; label: string }[];
  selected: T;
  onSelect: (id: T) => void;
  ownPanels?: boolean;
  className?: string;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  function onKeyDown(e: KeyboardEvent) {
    const index = props.tabs.findIndex((t) => t.id === props.selected);
    let next: number;
    if (e.key === "ArrowRight") next = (index + 1) % props.tabs.length;
    else if (e.key === "ArrowLeft") next = (index - 1 + props.tabs.length) % props.tabs.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = props.tabs.length - 1;
    else return;
    e.preventDefault();
    const id = props.tabs[next].id;
    props.onSelect(id);
    refs.current.get(id)?.focus();
  }
  return (
    <div
      role="tablist"
      aria-label={props.label}
      className={"list-tabs" + (props.className ? " " + props.className : "")}
      onKeyDown={onKeyDown}
    >
      {props.tabs.map((tab) => {
        const selected = tab.id === props.selected;
        return (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={tabId(props.idPrefix, tab.id)}
            aria-selected={selected}
            aria-controls={props.ownPanels ? panelId(props.idPrefix, tab.id) : props.idPrefix + "-panel"}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

/** The id of a tab, for its panel's aria-labelledby. */
export function tabId(idPrefix: string, id: string): string {
  return idPrefix + "-tab-" + id;
}

/** The id of a tab's own panel (with ownPanels). */
export function panelId(idPrefix: string, id: string): string {
  return idPrefix + "-panel-" + id;
}
