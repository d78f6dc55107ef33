import { useCallback, useEffect, useState } from "react";
import { messageOf } from "./api";

/** Loads data on mount (and on reload()), tracking loading and error states. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    stableLoad().then(
      (value) => {
        if (!cancelled) {
          setData(value);
          setError(undefined);
          setLoading(false);
        }
      },
      (e: unknown) => {
        if (!cancelled) {
          setError(messageOf(e));
          setLoading(false);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [stableLoad, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

/**
 * useLoad for one key (e.g. a provider): data loaded for an earlier key does not count while the
 * current key's loads, and an error is only reported once the latest attempt has failed.
 */
export function useLoadFor<K, T>(key: K, load: (key: K) => Promise<T>) {
  const loaded = useLoad(() => load(key).then((value) => ({ key, value })), [key]);
  const data = loaded.data && loaded.data.key === key ? loaded.data.value : undefined;
  const error = loaded.loading ? undefined : loaded.error;
  return { data, error, loading: data === undefined && error === undefined, reload: loaded.reload };
}
