// Every error @portico/async reports carries one of these codes (closed union). They describe misuse of a
// building block (waiting on one that was closed) or a broken channel under a feed's barrier (a relayed feed's
// sync), where the caller is a barrier waiter that already handles a rejection; so they are thrown (rejected),
// not returned as values.
export const ASYNC_ERROR_CODES = [
  'ASYNC_BARRIER_CLOSED', // wait() on a coalesced barrier that was closed, or closed while the caller waited
  'ASYNC_FEED_RELAY_BROKEN', // a relayed feed's channel to the primary closed (primary gone), or the primary stopped relaying
  'ASYNC_FEED_RELAY_SYNC_FAILED', // the primary answered a relayed feed's sync with its source feed's error
  'ASYNC_FEED_RELAY_CLOSED', // sync() on a relayed feed that was closed, or closed while the caller waited
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
