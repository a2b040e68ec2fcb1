// "Logged once": a sync runs every few seconds or minutes, and a problem that persists (a portal that stays down, a
// version that never gets a schema) must not repeat on every run. Each problem is logged when it first appears and
// again only if it goes away and comes back.
import type { LoggerService } from '@backstage/backend-plugin-api';

export class LogOnce {
  readonly #logger: LoggerService;
  #active = new Set<string>();
  #seen = new Set<string>();

  constructor(logger: LoggerService) {
    this.#logger = logger;
  }

  /** Logs `message` at `level` unless the same key was logged and has stayed active since. */
  report(level: 'warn' | 'error' | 'info', key: string, message: string): void {
    this.#seen.add(key);
    if (this.#active.has(key)) return;
    this.#active.add(key);
    this.#logger[level](message);
  }

  /** Ends a round: keys with `prefix` that were not reported in this round are forgotten (resolved). */
  endRound(prefix: string): string[] {
    const resolved: string[] = [];
    for (const key of this.#active) {
      if (key.startsWith(prefix) && !this.#seen.has(key)) {
        this.#active.delete(key);
        resolved.push(key);
      }
    }
    for (const key of this.#seen) if (key.startsWith(prefix)) this.#seen.delete(key);
    return resolved;
  }

  /** Forgets every active key with `prefix` (the condition behind them is over); returns them. */
  resolveAll(prefix: string): string[] {
    const resolved = [...this.#active].filter((key) => key.startsWith(prefix));
    for (const key of resolved) {
      this.#active.delete(key);
      this.#seen.delete(key);
    }
    return resolved;
  }
}
