import { ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * A toolbar button opening a small popover of controls (checkboxes): focus moves to its first control,
 * and Escape, a click outside or Tab out of it closes it (Escape returns focus to the button).
 */
export function PopoverButton(props: {
  /** The button's accessible name, e.g. "Provider filter, 2 selected". */
  ariaLabel: string;
  /** The group's accessible name, e.g. "Filter by provider". */
  groupLabel: string;
  /** What the button shows. */
  children: ReactNode;
  /** The popover's controls. */
  content: ReactNode;
  footer?: ReactNode;
  active?: boolean;
  disabled?: boolean;
  /** Open towards the left (for a button at the right end of a toolbar). */
  alignEnd?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLInputElement>(".list-filter-popover input")?.focus();
    const onPointer = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onPointer);
    return () => document.removeEventListener("mousedown", onPointer);
  }, [open]);

  return (
    <div
      className="list-filter"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && !root.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={"button" + (props.active ? " list-filter-active" : "")}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-label={props.ariaLabel}
        disabled={props.disabled}
        onClick={() => setOpen(!open)}
      >
        {props.children}
        <span aria-hidden="true" className="list-caret">
          ▾
        </span>
      </button>
      {open && (
        <div
          className={"list-filter-popover" + (props.alignEnd ? " list-popover-end" : "")}
          id={popoverId}
          role="group"
          aria-label={props.groupLabel}
        >
          {props.content}
          {props.footer && <div className="list-filter-footer">{props.footer}</div>}
        </div>
      )}
    </div>
  );
}
