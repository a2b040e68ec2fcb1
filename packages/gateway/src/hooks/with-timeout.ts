// Runs a service call with a deadline. The AbortSignal lets a cooperative service stop early; the
// deadline makes sure the gateway never waits past it even if the service ignores the signal.
// One promise and one timer per call (no Promise.race, no async wrapper): this runs on every request of a
// route with ext-auth or rate limiting. Calls that take no signal (the rate-limit service) use withDeadline,
// which also spares the AbortController (an EventTarget) per request.
import { GatewayError } from '../errors.ts';

export function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  return deadline(ms, () => call(ac.signal), (err) => ac.abort(err));
}

/** withTimeout for a call that cannot be told to stop: the caller just stops waiting at the deadline. */
export function withDeadline<T>(ms: number, call: () => Promise<T>): Promise<T> {
  return deadline(ms, call, null);
}

function deadline<T>(ms: number, call: () => Promise<T>, onTimeout: ((err: GatewayError) => void) | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const err = new GatewayError('GW_SERVICE_TIMEOUT', `timed out after ${ms} ms`);
      onTimeout?.(err);
      reject(err);
    }, ms);
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (err) {
      clearTimeout(timer);
      reject(err);
      return;
    }
    pending.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
