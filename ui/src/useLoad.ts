import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { messageOf } from "./api";
import { isUnreachable } from "./http";
import { backoffMs, waitToRetry } from "./retryWait";

/**
 * A load that failed because the gateway could not be reached, and is tried again by itself
 * (see retryWait.ts). Shown by ErrorMessage as a countdown with a "Retry now" button.
 */
export interface AutoRetry {
  /** When the next attempt starts (a Date.now() time); undefined while an attempt is under way. */
  at?: number;
  /** Data from an earlier load is still shown. */
  stale: boolean;
  /** Starts the next attempt at once. */
  now: () => void;
}

/**
 * Loads data on mount (and on reload()), tracking loading and error states. When the gateway could
 * not be reached, it tries again by itself until it answers or the component goes; those attempts
 * are quiet (`loading` stays false and the error stays shown), so a page does not flicker between a
 * spinner and its error every few seconds, and a screen reader hears the error once. A refusal (a
 * 4xx, or any answer from the gateway itself) is not tried again: only reload() does that. Data
 * already loaded stays while a later load fails.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  // Set while the last attempt failed for want of a gateway: when the next one starts.
  const [waiting, setWaiting] = useState<{ at?: number }>();
  const [attempt, setAttempt] = useState({ count: 0, quiet: false });
  const failures = useRef(0);
  const lastLoad = useRef<() => Promise<T>>(undefined);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    // A new load (other deps) starts afresh, even if the previous one was being retried.
    const quiet = attempt.quiet && lastLoad.current === stableLoad;
    lastLoad.current = stableLoad;
    if (quiet) {
      setWaiting({ at: undefined });
    } else {
      failures.current = 0;
      setWaiting(undefined);
      setLoading(true);
    }
    let cancelled = false;
    stableLoad().then(
      (value) => {
        if (cancelled) return;
        failures.current = 0;
        setData(value);
        setError(undefined);
        setWaiting(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(messageOf(e));
        setLoading(false);
        if (isUnreachable(e)) {
          setWaiting({ at: Date.now() + backoffMs(failures.current) });
          failures.current++;
        } else {
          failures.current = 0;
          setWaiting(undefined);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [stableLoad, attempt]);

  const reload = useCallback(() => setAttempt((a) => ({ count: a.count + 1, quiet: false })), []);
  const retryNow = useCallback(() => setAttempt((a) => ({ count: a.count + 1, quiet: true })), []);

  const at = waiting?.at;
  useEffect(() => (at === undefined ? undefined : waitToRetry(at, retryNow)), [at, retryNow]);

  const stale = data !== undefined;
  const retrying = useMemo<AutoRetry | undefined>(
    () => (waiting ? { at: waiting.at, stale, now: retryNow } : undefined),
    [waiting, stale, retryNow],
  );
  return { data, error, loading, reload, setData, retrying };
}

/**
 * useLoad for one key (e.g. a provider): data loaded for an earlier key does not count while the
 * current key's loads, and an error is only reported once the latest attempt has failed.
 */
export function useLoadFor<K, T>(key: K, load: (key: K) => Promise<T>) {
  const loaded = useLoad(() => load(key).then((value) => ({ key, value })), [key]);
  const data = loaded.data && loaded.data.key === key ? loaded.data.value : undefined;
  const error = loaded.loading ? undefined : loaded.error;
  const retrying = loaded.loading || !loaded.retrying ? undefined : { ...loaded.retrying, stale: data !== undefined };
  return { data, error, loading: data === undefined && error === undefined, reload: loaded.reload, retrying };
}
