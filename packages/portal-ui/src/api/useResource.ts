import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './client.ts';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError; retry: () => void }
  | { state: 'ready'; data: T; reload: () => void };

/** Loads one /v1 resource; exposes loading, error (with retry) and ready states. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<Resource<T>>({ state: 'loading' });
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let cancelled = false;
    setResult((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }));
    load().then(
      (data) => {
        if (!cancelled) setResult({ state: 'ready', data, reload });
      },
      (err: unknown) => {
        if (cancelled) return;
        const error = err instanceof ApiError ? err : new ApiError(0, String(err));
        setResult({ state: 'error', error, retry: reload });
      },
    );
    return () => {
      cancelled = true;
    };
    // The caller's dependency list, spread: the effect re-runs when the version or any of them changes.
  }, [version, ...deps]);

  return result;
}
