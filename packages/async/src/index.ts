// @portico/async: small concurrency building blocks the packages share (no dependencies).
export { createCoalescedBarrier } from './barrier/coalesced-barrier.ts';
export type { CoalescedBarrier, CoalescedBarrierOptions } from './barrier/coalesced-barrier.ts';
export { ASYNC_ERROR_CODES, AsyncError } from './errors.ts';
export type { AsyncErrorCode } from './errors.ts';
export { createFeedRelayServer } from './feed-relay/serve.ts';
export type { FeedRelayServer, FeedRelayServerOptions } from './feed-relay/serve.ts';
export { openFeedRelayClient } from './feed-relay/client.ts';
export type { FeedRelayClient, FeedRelayClientOptions } from './feed-relay/client.ts';
export type { FeedRelayChannel } from './feed-relay/channel.ts';
export { FEED_RELAY_TAG } from './feed-relay/messages.ts';
