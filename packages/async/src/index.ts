// @portico/async: small concurrency building blocks the packages share (no dependencies).
export { createCoalescedBarrier } from './barrier/coalesced-barrier.ts';
export type { CoalescedBarrier, CoalescedBarrierOptions } from './barrier/coalesced-barrier.ts';
export { ASYNC_ERROR_CODES, AsyncError } from './errors.ts';
export type { AsyncErrorCode } from './errors.ts';
