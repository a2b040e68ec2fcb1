// Every error @portico/async reports carries one of these codes (closed union). They describe misuse of a
// building block (waiting on one that was closed), so they are thrown (rejected), not returned as values.
export const ASYNC_ERROR_CODES = [
  'ASYNC_BARRIER_CLOSED', // wait() on a coalesced barrier that was closed, or closed while the caller waited
] as const;

export type AsyncErrorCode = (typeof ASYNC_ERROR_CODES)[number];

export class AsyncError extends Error {
  readonly code: AsyncErrorCode;
  constructor(code: AsyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AsyncError';
    this.code = code;
  }
}
