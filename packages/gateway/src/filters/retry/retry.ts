// RetryTimeoutPolicy retries (gloo-api-more.md §9, Envoy's retry policy): which upstream outcomes are retried.
// Only requests whose body can be replayed (none, or buffered) are retried.
import type { RetryFilterConfig } from '../../config/filters.ts';

export interface CompiledRetry {
  attempts: number;
  perTryTimeoutMs: number | null;
  /** Retry on this response status. */
  status(code: number): boolean;
  /** Retry on a connection failure (refused, reset) before a response. */
  readonly connectFailure: boolean;
  /** Retry when an attempt timed out (only with perTryTimeout). */
  readonly timeout: boolean;
}

export function compileRetry(c: RetryFilterConfig): CompiledRetry {
  const on = new Set(c.retryOn.map((s) => s.trim()).filter((s) => s !== ''));
  const codes = new Set([...on].filter((s) => /^\d{3}$/.test(s)).map(Number));
  const any5xx = on.has('5xx');
  const gateway = on.has('gateway-error') || any5xx;
  return {
    attempts: c.attempts,
    perTryTimeoutMs: c.perTryTimeoutMs,
    status: (code) => (any5xx && code >= 500) || (gateway && (code === 502 || code === 503 || code === 504)) || codes.has(code) || (on.has('retriable-status-codes') && codes.has(code)),
    connectFailure: on.has('connect-failure') || on.has('reset') || on.has('refused-stream') || gateway,
    timeout: gateway || on.has('reset'),
  };
}
