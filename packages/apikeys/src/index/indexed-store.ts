// An ApiKeyStore whose lookups are answered from memory: the hashes of every stored key, kept current by a
// KeyFeed (sqlite change log or Redis pub/sub), so a gateway's apiKeyAuth does no I/O for a valid key.
// Correctness rules:
//  - a hit is served from the index only while the feed is live; when the feed is lost (Redis down, file
//    unreadable) lookups go to the store, which fails closed exactly as without the index;
//  - a miss waits for the feed to catch up (KeyFeed.sync: one coalesced Redis PING, or a poll in the sqlite feed's
//    worker thread) and
//    then answers from the index: a key created a moment ago elsewhere is found, and no miss ever reads the store
//    — so a flood of unknown keys costs neither a disk read on the request loop nor a Redis command per request,
//    and keeps no state per key (no negative cache to bound: the barrier is shared by every miss in flight);
//  - a delete through this handle leaves the index at once; deletes elsewhere arrive with the feed
//    (sqlite: within the poll interval, 100 ms by default; Redis: one pub/sub message).
import { hashApiKey } from '../keys/secret.ts';
import type { Result } from '../errors.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../types.ts';
import type { KeyFeed } from './feed.ts';

/** Presented keys remembered with their hash (hits only), so a busy key is not hashed on every request. */
const MAX_REMEMBERED_KEYS = 10_000;

export interface IndexedApiKeyStore extends ApiKeyStore {
  /** Keys in the index, whether it is live (served from memory), and misses answered since start. */
  indexStats(): { keys: number; live: boolean; misses: number };
}

export async function createIndexedApiKeyStore(store: ApiKeyStore, feed: KeyFeed): Promise<IndexedApiKeyStore> {
  let byHash = new Map<string, ApiKeyRecord>();
  let live = false;
  let misses = 0;
  // Valid keys seen recently → their SHA-256: skips one hash per request. Only hits are remembered (a flood of
  // unknown keys adds nothing); each use is checked against the index, so a revoked key is not served from here;
  // cleared when full. The plaintext lives only in this process's memory, as it does in the request headers.
  const remembered = new Map<string, string>();
  await feed.start({
    reset(all) {
      byHash = all;
      remembered.clear();
      live = true;
    },
    change(hash, record) {
      if (record) byHash.set(hash, record);
      else byHash.delete(hash);
    },
    lost() {
      live = false;
    },
  });
  const forget = (id: string) => {
    for (const [hash, r] of byHash) {
      if (r.id === id) {
        byHash.delete(hash);
        return;
      }
    }
  };
  /** A miss: answered from the index once the feed has caught up (a hit, a miss, or the store's answer). */
  const afterSync = async (apiKey: string, hash: string): Promise<Result<ApiKeyRecord | null>> => {
    try {
      await feed.sync();
    } catch {
      return store.lookup(apiKey); // the feed cannot vouch for a miss: the store answers (or fails closed)
    }
    if (!live) return store.lookup(apiKey);
    return { ok: true, value: byHash.get(hash) ?? null };
  };
  return {
    kind: store.kind,
    create: (input) => store.create(input),
    lookup(apiKey) {
      if (!live) return store.lookup(apiKey);
      const known = remembered.get(apiKey);
      const hash = known ?? hashApiKey(apiKey);
      const hit = byHash.get(hash);
      if (hit !== undefined) {
        if (known === undefined) {
          if (remembered.size >= MAX_REMEMBERED_KEYS) remembered.clear();
          remembered.set(apiKey, hash);
        }
        return { ok: true, value: hit };
      }
      if (known !== undefined) remembered.delete(apiKey);
      misses += 1;
      return afterSync(apiKey, hash);
    },
    list: (owner, plans) => store.list(owner, plans),
    async delete(owner, id) {
      const r = await store.delete(owner, id);
      if (r.ok && r.value) forget(id);
      return r;
    },
    indexStats: () => ({ keys: byHash.size, live, misses }),
    async close() {
      await feed.close();
      await store.close();
    },
  };
}
