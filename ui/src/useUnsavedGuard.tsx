import { ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { Modal } from "./components/Modal";
import { guardLeaving, navigate } from "./router";

// No silent loss: a page with unsaved edits asks before it is left. A reload or a closed tab gets
// the browser's own prompt (beforeunload); any hash change (a link, the side navigation, the
// breadcrumb, Back or Forward) and signing out get the "Discard your unsaved changes?" dialog.
//
// The hash has already changed when hashchange fires; the router asks this guard before anything
// follows the change (router.ts, guardLeaving), so a change it stops is never shown. The guard
// then goes back to the page's own history entry: with the Navigation API (Chromium, recent Firefox
// and Safari) it knows how many steps away that entry is and traverses there, so Back and Forward
// stay as they were; without it, it puts the page's address back with replaceState. Discarding then
// makes the change the user asked for after all, so the history ends up as if it had just happened.

/** The parts of the Navigation API the guard uses (absent in older browsers). */
interface HistoryEntries {
  currentEntry: { key: string; index: number } | null;
  entries(): { key: string; index: number }[];
}

function historyEntries(): HistoryEntries | undefined {
  return (window as unknown as { navigation?: HistoryEntries }).navigation;
}

/** The key of the current history entry, when the browser tells. */
function currentKey(): string | undefined {
  return historyEntries()?.currentEntry?.key;
}

/** How many steps from the current history entry to the entry `key` (negative: back), when known. */
function stepsTo(key: string | undefined): number | undefined {
  const entries = historyEntries();
  const current = entries?.currentEntry;
  if (!entries || !current || key === undefined) return undefined;
  const target = entries.entries().find((e) => e.key === key);
  return target ? target.index - current.index : undefined;
}

/**
 * What the user tried: to go to an address (and the traversal that gets there again, if it was
 * one), or something else that leaves the page (signing out), run once they agree.
 */
type Attempt = { url: string; steps?: number } | { proceed: () => unknown };

export interface UnsavedGuard {
  /** The confirm dialog while it asks; the page renders it. */
  dialog: ReactNode;
  /** Goes to `href` without asking: after a save, say, when nothing is left unsaved. */
  leave: (href: string) => void;
}

/**
 * Asks before the page is left while `dirty`. `stays(hash)` tells hash changes that do not leave
 * the page (a tab of the same page, kept in the query) from those that do.
 */
export function useUnsavedGuard(dirty: boolean, stays?: (hash: string) => boolean): UnsavedGuard {
  // Where the user tried to go, while the dialog asks.
  const [pending, setPending] = useState<Attempt>();
  // Set just before a change the page makes itself (leave, going back, Discard): let through once.
  const allowNext = useRef(false);
  // Set once the user agreed to something that leaves the page other than by its address (signing out).
  const released = useRef(false);
  // The history entry of the page (its tabs move it), to come back to.
  const pageEntry = useRef<string | undefined>(undefined);
  const staysRef = useRef(stays);
  staysRef.current = stays;

  useEffect(() => {
    if (!dirty) return;
    pageEntry.current = currentKey();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const stops = (e: HashChangeEvent) => {
      if (released.current) return false;
      if (allowNext.current) {
        allowNext.current = false;
        pageEntry.current = currentKey();
        return false;
      }
      if (staysRef.current?.(new URL(e.newURL).hash)) {
        pageEntry.current = currentKey();
        return false;
      }
      const back = stepsTo(pageEntry.current);
      if (back !== undefined && back !== 0) {
        allowNext.current = true;
        window.history.go(back);
        setPending({ url: e.newURL, steps: -back });
      } else {
        window.history.replaceState(window.history.state, "", e.oldURL);
        setPending({ url: e.newURL });
      }
      return true;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    const unguard = guardLeaving({ stops, ask: (proceed) => setPending({ proceed }) });
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      unguard();
    };
  }, [dirty]);

  const leave = useCallback(
    (href: string) => {
      if (dirty) allowNext.current = true;
      navigate(href);
    },
    [dirty],
  );

  const dialog =
    pending === undefined ? null : (
      <Modal
        title="Discard your unsaved changes?"
        onClose={() => setPending(undefined)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setPending(undefined)}>
              Keep editing
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                const attempt = pending;
                setPending(undefined);
                if ("proceed" in attempt) {
                  // What follows it (the sign-in page) leaves without asking again; if it fails
                  // (signing out did not work), the page is guarded again.
                  released.current = true;
                  Promise.resolve(attempt.proceed()).finally(() => (released.current = false));
                  return;
                }
                allowNext.current = true;
                if (attempt.steps) window.history.go(attempt.steps);
                else window.location.replace(attempt.url);
              }}
            >
              Discard and leave
            </button>
          </>
        }
      >
        <p>
          Your changes on this page are not saved. Leave and they are lost; keep editing to save them first.
        </p>
      </Modal>
    );

  return { dialog, leave };
}
