// The --redis key feed: a subscriber connection on the store's changes channel (stores/redis.ts publishes
// `<sha256> <record JSON>` on create and `<sha256>` on delete from inside its Lua scripts, so a write and its
// announcement cannot part). On every (re)connect the index is reloaded with SCAN + MGET, because messages sent
// while disconnected are lost; messages that arrive during the reload are applied after it. sync() is a PING on
// the subscriber connection: Redis answers it after every message published before it, so an index miss can be
// settled without reading a key.
import { createCoalescedBarrier } from '@portico/async';
import { createRedisClient } from '@portico/redis';
import { changesChannel, DEFAULT_REDIS_KEY_PREFIX } from '../stores/redis.ts';
import type { ApiKeyRecord } from '../types.ts';
import type { KeyFeed, KeyFeedHandlers } from './feed.ts';

export function createRedisKeyFeed(opts: { url: string; keyPrefix?: string }): KeyFeed {
  const p = opts.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  const channel = changesChannel(p);
  // The subscriber queues its SUBSCRIBE until connected; the reader fails at once while Redis is down.
  const sub = createRedisClient(opts.url, { commandTimeoutMs: 5000, connectOnFirstCommand: true });
  const reader = createRedisClient(opts.url, { commandTimeoutMs: 5000 });
  let closed = false;
  // The sync barrier: one PING in flight at a time; callers that arrive meanwhile share the next one.
  const pings = createCoalescedBarrier({ name: 'redis key feed sync', round: () => sub.ping() });

  const loadAll = async (): Promise<Map<string, ApiKeyRecord>> => {
    const all = new Map<string, ApiKeyRecord>();
    let cursor = '0';
    do {
      const [next, keys] = await reader.scan(cursor, 'MATCH', `${p}hash:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      const values = await reader.mget(...keys);
      keys.forEach((k, i) => {
        const json = values[i];
        if (json) all.set(k.slice(p.length + 5), JSON.parse(json) as ApiKeyRecord);
      });
    } while (cursor !== '0');
    return all;
  };

  const apply = (h: KeyFeedHandlers, message: string) => {
    const space = message.indexOf(' ');
    if (space === -1) h.change(message, null);
    else h.change(message.slice(0, space), JSON.parse(message.slice(space + 1)) as ApiKeyRecord);
  };

  return {
    async start(h) {
      let buffered: string[] | null = null;
      sub.on('message', (_ch: string, message: string) => {
        if (buffered) buffered.push(message);
        else apply(h, message);
      });
      const resync = async () => {
        buffered = [];
        try {
          h.reset(await loadAll());
          for (const m of buffered) apply(h, m);
        } finally {
          buffered = null;
        }
      };
      // Until a reload succeeds the index stays lost (lookups go to Redis and fail closed while it is down).
      const resyncUntilDone = (): void => {
        if (closed) return;
        resync().catch((err: Error) => {
          h.lost(`redis key index reload failed: ${err.message}`);
          setTimeout(resyncUntilDone, 500).unref();
        });
      };
      await reader.connect();
      await sub.connect();
      await sub.subscribe(channel);
      await resync();
      sub.on('close', () => {
        if (!closed) h.lost('redis subscriber disconnected');
      });
      // After a reconnect ioredis re-subscribes by itself and emits 'ready'.
      sub.on('ready', resyncUntilDone);
    },
    sync() {
      return pings.wait();
    },
    async close() {
      closed = true;
      pings.close();
      sub.disconnect();
      reader.disconnect();
    },
  };
}
