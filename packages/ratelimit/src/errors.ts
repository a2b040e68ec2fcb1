// Every failure @portico/ratelimit reports carries one of these codes (closed union).
export const RATELIMIT_ERROR_CODES = [
  'RL_CONFIG_INVALID', // a descriptor tree or set descriptor that the service cannot enforce
  'RL_STORE_UNAVAILABLE', // the counter store (e.g. Redis) could not answer in time
  'RL_STORE_CLOSED', // the store was used after close()
] as const;

export type RateLimitErrorCode = (typeof RATELIMIT_ERROR_CODES)[number];

export class RateLimitError extends Error {
  readonly code: RateLimitErrorCode;
  constructor(code: RateLimitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RateLimitError';
    this.code = code;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; code: RateLimitErrorCode; message: string };
