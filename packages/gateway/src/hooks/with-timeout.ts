// Runs a service call with a deadline. The AbortSignal lets a cooperative service stop early; the
// deadline makes sure the gateway never waits past it even if the service ignores the signal.
// Services answer synchronously when they need no I/O (an API key in the in-memory index, a cached token, a
// counter in memory — Contracts 5 and 6): then nothing can be late, and the answer is handed back as it is, with
// no timer and no promise. Only an answer that is a promise arms the deadline: one promise and one timer per
// call (no Promise.race, no async wrapper). Calls that take no signal (the rate-limit service) use withDeadline,
// which also spares the AbortController (an EventTarget) per request.
import { GatewayError } from '../errors.ts';

/** A service's answer: the value itself when it needed no I/O, otherwise a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** True when the answer still has to be waited for (a promise, or any thenable). */
export function isPending<T>(answer: MaybePromise<T>): answer is Promise<T> {
  return typeof (answer as { then?: unknown } | null)?.then === 'function';
}

/** A synchronous throw of `call` reaches the caller as a throw; a rejection as a rejection. */
export function withTimeout<T>(ms: number, call: (signal: AbortSignal) => MaybePromise<T>): MaybePromise<T> {
  const ac = new AbortController();
  const answer = call(ac.signal);
  return isPending(answer) ? deadline(ms, answer, (err) => ac.abort(err)) : answer;
}

/** withTimeout for a call that cannot be told to stop: the caller just stops waiting at the deadline. */
export function withDeadline<T>(ms: number, call: () => MaybePromise<T>): MaybePromise<T> {
  const answer = call();
  return isPending(answer) ? deadline(ms, answer, null) : answer;
}

function deadline<T>(ms: number, pending: Promise<T>, onTimeout: ((err: GatewayError) => void) | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const err = new GatewayError('GW_SERVICE_TIMEOUT', `timed out after ${ms} ms`);
      onTimeout?.(err);
      reject(err);
    }, ms);
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
