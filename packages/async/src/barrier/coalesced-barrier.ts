// A coalesced barrier: "wait until everything that happened before I asked has been seen", where seeing it costs
// one round trip (a PING on a subscriber connection, a message to a feed's worker thread, a query on a LISTEN
// connection). Each caller is settled only by a round that *started after* it asked — a round already in flight
// may have passed the point the caller needs — so callers that arrive while a round is in flight queue for the
// next one. At most one round runs and one is queued, however many callers wait: a flood of callers costs one
// round at a time and leaves nothing behind. Every caller of a round gets that round's outcome (its error too);
// closing rejects every waiter, and every later wait, at once.
import { AsyncError } from '../errors.ts';

export interface CoalescedBarrierOptions {
  /** One round: resolves once everything that happened before it started has been seen. */
  round: () => Promise<unknown>;
  /** Names the barrier in the error waiters get when it is closed (e.g. "api key feed sync"). */
  name: string;
}

export interface CoalescedBarrier {
  /** Settles with the outcome of the first round that starts after this call. */
  wait(): Promise<void>;
  /**
   * Rejects every waiter (of the round in flight and of the queued one) and every later wait() with `reason`,
   * by default an AsyncError ASYNC_BARRIER_CLOSED; the outcome of a round still in flight is ignored.
   */
  close(reason?: Error): void;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

export function createCoalescedBarrier(opts: CoalescedBarrierOptions): CoalescedBarrier {
  /** The callers of the round in flight (null: none is). */
  let inFlight: Waiter[] | null = null;
  /** The callers of the next round: they asked after the one in flight started. */
  let queued: Waiter[] = [];
  let closedWith: Error | null = null;

  const settle = (round: Waiter[], err: Error | null): void => {
    if (inFlight !== round) return; // closed meanwhile: its waiters were rejected already
    inFlight = null;
    for (const w of round) {
      if (err) w.reject(err);
      else w.resolve();
    }
    if (queued.length > 0) start();
  };
  const start = (): void => {
    const round = queued;
    queued = [];
    inFlight = round;
    let done: Promise<unknown>;
    try {
      done = opts.round();
    } catch (err) {
      done = Promise.reject(asError(err));
    }
    done.then(
      () => settle(round, null),
      (err: unknown) => settle(round, asError(err)),
    );
  };

  return {
    wait() {
      if (closedWith) return Promise.reject(closedWith);
      return new Promise<void>((resolve, reject) => {
        queued.push({ resolve, reject });
        if (inFlight === null) start();
      });
    },
    close(reason) {
      if (closedWith) return;
      closedWith = reason ?? new AsyncError('ASYNC_BARRIER_CLOSED', `${opts.name}: closed`);
      const waiters = [...(inFlight ?? []), ...queued];
      inFlight = null;
      queued = [];
      for (const w of waiters) w.reject(closedWith);
    },
  };
}
