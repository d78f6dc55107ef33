// When to try again after the gateway could not be reached: a backoff that starts at a second and
// doubles up to a quarter of a minute, cut short the moment the browser has a reason to think the
// gateway may be back (the window regains focus, the network comes back online).

const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 15000;

/**
 * The wait before attempt `failures + 1`, with ±20 % jitter so that the many loads of one page (and
 * the pages of other open tabs) do not all knock on the gateway at the same instant.
 */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_WAIT_MS * 2 ** failures, LONGEST_WAIT_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Calls `again` once: at `at` (a Date.now() time), or sooner on focus or `online`. Returns what
 * cancels it, for an effect's cleanup, so nothing fires after the page that waits has gone.
 */
export function waitToRetry(at: number, again: () => void): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    stop();
    again();
  };
  const timer = window.setTimeout(fire, Math.max(0, at - Date.now()));
  window.addEventListener("focus", fire);
  window.addEventListener("online", fire);
  function stop() {
    window.clearTimeout(timer);
    window.removeEventListener("focus", fire);
    window.removeEventListener("online", fire);
  }
  return () => {
    done = true;
    stop();
  };
}
