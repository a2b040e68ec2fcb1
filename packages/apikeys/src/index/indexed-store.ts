// An ApiKeyStore whose lookups are answered from memory: the hashes of every stored key, kept current by a
// KeyFeed (sqlite change log or Redis pub/sub), so a gateway's apiKeyAuth does no I/O for a valid key.
// Correctness rules:
//  - a hit is served from the index only while the feed is live; when the feed is lost (Redis down, file
//    unreadable) lookups go to the store, which fails closed exactly as without the index;
//  - a miss asks the store (the key may have been created a moment ago and not have reached the feed yet),
//    so the index never turns a valid key away — it only keeps valid keys off the disk and the network;
//  - a delete through this handle leaves the index at once; deletes elsewhere arrive with the feed
//    (sqlite: within the poll interval, 100 ms by default; Redis: one pub/sub message).
import { hashApiKey } from '../keys/secret.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../types.ts';
import type { KeyFeed } from './feed.ts';

export interface IndexedApiKeyStore extends ApiKeyStore {
  /** Keys in the index, and whether it is live (served from memory). */
  indexStats(): { keys: number; live: boolean };
}

export async function createIndexedApiKeyStore(store: ApiKeyStore, feed: KeyFeed): Promise<IndexedApiKeyStore> {
  let byHash = new Map<string, ApiKeyRecord>();
  let live = false;
  await feed.start({
    reset(all) {
      byHash = all;
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
  return {
    kind: store.kind,
    create: (input) => store.create(input),
    async lookup(apiKey) {
      if (live) {
        const hit = byHash.get(hashApiKey(apiKey));
        if (hit !== undefined) return { ok: true, value: hit };
      }
      return store.lookup(apiKey);
    },
    list: (owner, plans) => store.list(owner, plans),
    async delete(owner, id) {
      const r = await store.delete(owner, id);
      if (r.ok && r.value) forget(id);
      return r;
    },
    indexStats: () => ({ keys: byHash.size, live }),
    async close() {
      await feed.close();
      await store.close();
    },
  };
}
