import { useCallback, useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { messageOf } from './errors.ts';

/**
 * Runs one write at a time: `busy` while it runs, `error` with the server's message when it fails (an expired
 * session sends the user to log in instead). Resolves true on success.
 */
export function useAction() {
  const { onUnauthorized } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        setError(null);
        return true;
      } catch (err) {
        if (!onUnauthorized(err)) setError(messageOf(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onUnauthorized],
  );
  return { busy, error, setError, run };
}
