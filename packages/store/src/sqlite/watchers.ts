// Watch subscribers. Events staged inside a transaction are delivered only after it commits (never for a rolled-back
// write), each subscriber in revision order, asynchronously (microtasks) so callbacks never run inside a write.
import type { WatchEvent } from '../types.ts';

interface Subscriber {
  fn: (e: WatchEvent) => void;
  active: boolean;
}

export class Watchers {
  #subs = new Set<Subscriber>();
  #pending: WatchEvent[] = [];

  add(fn: (e: WatchEvent) => void, replay: WatchEvent[]): () => void {
    const sub: Subscriber = { fn, active: true };
    this.#subs.add(sub);
    for (const e of replay) this.#deliver(sub, e);
    return () => {
      sub.active = false;
      this.#subs.delete(sub);
    };
  }

  stage(e: WatchEvent): void {
    this.#pending.push(e);
  }

  /** Position in the pending list, to undo one savepoint's events. */
  mark(): number {
    return this.#pending.length;
  }

  rollbackTo(mark: number): void {
    this.#pending.length = mark;
  }

  discardPending(): void {
    this.#pending = [];
  }

  flush(): void {
    const events = this.#pending;
    this.#pending = [];
    for (const e of events) for (const sub of this.#subs) this.#deliver(sub, e);
  }

  clear(): void {
    for (const sub of this.#subs) sub.active = false;
    this.#subs.clear();
  }

  #deliver(sub: Subscriber, e: WatchEvent): void {
    queueMicrotask(() => {
      if (!sub.active) return;
      try {
        sub.fn(e);
      } catch {
        // A throwing subscriber must not break delivery to the others; it is the subscriber's bug to log.
      }
    });
  }
}
