// Fixed windows aligned the way envoyproxy/ratelimit aligns them: to multiples of the unit since the Unix
// epoch (so a MINUTE window starts at :00 and a DAY window at 00:00 UTC), identical on every replica. MONTH
// and YEAR are 30 and 365 days, as envoyproxy/ratelimit counts them.
import type { RateLimitUnit } from './config/types.ts';

const UNIT_SECONDS: Record<RateLimitUnit, number> = { SECOND: 1, MINUTE: 60, HOUR: 3600, DAY: 86400, MONTH: 30 * 86400, YEAR: 365 * 86400 };

export function unitSeconds(unit: RateLimitUnit): number {
  return UNIT_SECONDS[unit];
}

export function isRateLimitUnit(u: unknown): u is RateLimitUnit {
  return typeof u === 'string' && Object.hasOwn(UNIT_SECONDS, u);
}

export interface Window {
  /** Window start in whole seconds since the epoch; part of the counter key. */
  start: number;
  /** Seconds until the window ends (what Retry-After carries); at least 1. */
  secondsToReset: number;
}

export function currentWindow(unit: RateLimitUnit, nowMs: number): Window {
  const size = UNIT_SECONDS[unit];
  const start = windowStart(size, nowMs);
  return { start, secondsToReset: start + size - Math.floor(nowMs / 1000) };
}

/** currentWindow's start for a window of `size` seconds, without the object (the per-request path). */
export function windowStart(size: number, nowMs: number): number {
  const nowS = Math.floor(nowMs / 1000);
  return nowS - (nowS % size);
}
