import { ReactNode, useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE =
  "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** The elements Tab can reach inside root, in order (hidden ones and tabindex=-1 left out). */
function focusables(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
}

/** A control the user types into or chooses with (not a link, a button or a read-only input). */
function isField(el: HTMLElement): boolean {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return !el.readOnly;
  return el instanceof HTMLSelectElement;
}

/** The open dialogs' outermost elements (children of the body), the last on top. */
const openDialogs: HTMLElement[] = [];

/**
 * Everything but the top dialog is inert, as the browser does for a native modal <dialog>: a
 * screen reader cannot wander behind it, and neither can Tab nor a click. (A native <dialog> would
 * do this itself; ours stays a portal so a dialog's body can load and take focus as it appears.)
 */
function updateInert() {
  const top = openDialogs[openDialogs.length - 1];
  for (const child of Array.from(document.body.children)) {
    if (child instanceof HTMLElement && child.tagName !== "SCRIPT") child.inert = top !== undefined && child !== top;
  }
}

/**
 * A modal dialog: labelled by its title, focus moves into it on open (to the first field of its
 * body, also when the fields only appear after a load) and back on close, Escape and (unless told
 * otherwise) the backdrop close it, Tab stays inside it, and the rest of the page is inert
 * meanwhile. It is rendered at the end of the body, so a dialog opened from inside a form (a picker
 * on the Create endpoint page) is not part of that form: Enter in one of its fields never submits
 * the page's form.
 */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** False for a dialog a stray click must not close (one showing a secret only once). */
  closeOnBackdrop?: boolean;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const footerRef = useRef<HTMLDivElement>(null);
  const { onClose } = props;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    const outermost = dialog.parentElement!;
    openDialogs.push(outermost);
    updateInert();
    const body = bodyRef.current!;
    const firstField = () => focusables(body).find(isField);
    const start =
      firstField() ??
      focusables(body)[0] ??
      (footerRef.current ? focusables(footerRef.current)[0] : undefined) ??
      dialog;
    start.focus();
    // No field yet (the body is still loading): the first one takes focus when it appears, unless
    // the user has moved focus meanwhile.
    let observer: MutationObserver | undefined;
    if (start !== firstField()) {
      observer = new MutationObserver(() => {
        if (document.activeElement !== start) {
          observer?.disconnect();
          return;
        }
        const field = firstField();
        if (field) {
          field.focus();
          observer?.disconnect();
        }
      });
      observer.observe(body, { childList: true, subtree: true });
    }
    return () => {
      observer?.disconnect();
      openDialogs.splice(openDialogs.indexOf(outermost), 1);
      updateInert();
      previous?.focus?.();
    };
  }, []);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !ref.current) return;
    const all = focusables(ref.current);
    if (all.length === 0) return;
    const first = all[0];
    const last = all[all.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(e) => props.closeOnBackdrop !== false && e.target === e.currentTarget && onClose()}
    >
      <div
        className={"modal" + (props.wide ? " modal-wide" : "")}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="modal-header">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="icon-button modal-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-body" ref={bodyRef}>
          {props.children}
        </div>
        {props.footer && (
          <div className="modal-footer" ref={footerRef}>
            {props.footer}
          </div>
        )}
      </div>
    </div>,
    document.body,
  );
}

/** Cancel and submit buttons for a dialog whose body is the form formId (Enter in a field submits). */
export function FormButtons(props: {
  formId: string;
  submitLabel: string;
  onCancel: () => void;
  busy?: boolean;
  busyLabel?: string;
  submitDisabled?: boolean;
}) {
  return (
    <>
      <button type="button" className="button" onClick={props.onCancel} disabled={props.busy}>
        Cancel
      </button>
      <button
        type="submit"
        form={props.formId}
        className="button primary"
        disabled={props.busy || props.submitDisabled}
      >
        {props.busy && props.busyLabel ? props.busyLabel : props.submitLabel}
      </button>
    </>
  );
}
