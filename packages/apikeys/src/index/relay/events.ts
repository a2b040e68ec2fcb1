// What the key feed relay sends (as @portico/async feed-relay events): the KeyFeedHandlers calls, as plain arrays
// so they survive either IPC serialization ('json' or 'advanced').
import type { ApiKeyRecord } from '../../types.ts';

export const KEY_FEED_RELAY_NAME = 'apikeys';

export type KeyRelayEvent =
  | { k: 'reset'; all: [hash: string, record: ApiKeyRecord][] }
  | { k: 'changes'; list: [hash: string, record: ApiKeyRecord | null][] }
  | { k: 'lost'; reason: string };
