// API keys in Redis, shared by every portal server and gateway replica. Layout (prefix default
// `portico:apikey:`):
//   hash:<sha256>   → record JSON     (what a gateway's key index loads, and reads on an index miss)
//   id:<uuid>       → sha256          (to delete by id)
//   owner:<owner>   → hash id → record JSON (to list a user's keys in one call)
//   names:<owner>   → hash plan\0name → id  (unique names)
//   changes         → pub/sub channel: `<sha256> <record JSON>` on create, `<sha256>` on delete (index/redis-feed.ts)
// Create and delete are Lua scripts, so Redis applies all of their writes or none: a failed write never leaves
// a key half-created. Commands are not queued while disconnected, so an outage is reported at once (the
// portal answers 503, ext-auth fails closed) and ioredis reconnects by itself.
import { connectInBackground, createRedisClient } from '@portico/redis';
import type { Result } from '../errors.ts';
import { fail, unavailable } from '../errors.ts';
import { generateApiKey, hashApiKey } from '../keys/secret.ts';
import { buildRecord } from '../keys/validate.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../types.ts';

const CREATE = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[3])
redis.call('SET', KEYS[3], ARGV[4])
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
redis.call('PUBLISH', ARGV[5], ARGV[4] .. ' ' .. ARGV[3])
return 1`;

// KEYS: id key, owner hash, names hash. ARGV: id, key prefix, owner, changes channel.
const DELETE = `
local sha = redis.call('GET', KEYS[1])
if not sha then return 0 end
local json = redis.call('HGET', KEYS[2], ARGV[1])
if not json then return 0 end
local rec = cjson.decode(json)
if rec.owner ~= ARGV[3] then return 0 end
redis.call('DEL', KEYS[1], ARGV[2] .. 'hash:' .. sha)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], rec.usagePlan .. '\\0' .. rec.name)
redis.call('PUBLISH', ARGV[4], sha)
return 1`;

export const DEFAULT_REDIS_KEY_PREFIX = 'portico:apikey:';

/** The pub/sub channel creates and deletes are announced on. */
export function changesChannel(prefix: string): string {
  return `${prefix}changes`;
}

export interface RedisApiKeyStoreOptions {
  url: string;
  keyPrefix?: string;
  commandTimeoutMs?: number;
  now?: () => Date;
}

export async function createRedisApiKeyStore(opts: RedisApiKeyStoreOptions): Promise<ApiKeyStore> {
  const p = opts.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
  const now = opts.now ?? (() => new Date());
  const redis = createRedisClient(opts.url, { commandTimeoutMs: opts.commandTimeoutMs ?? 2000 }); // failures: APIKEY_STORE_UNAVAILABLE per call
  await connectInBackground(redis);

  const guard = async <T>(fn: () => Promise<Result<T>>): Promise<Result<T>> => {
    try {
      return await fn();
    } catch (err) {
      return unavailable('redis', err);
    }
  };
  const parse = (json: string): ApiKeyRecord => JSON.parse(json) as ApiKeyRecord;

  return {
    kind: 'redis',
    create: (input) =>
      guard(async () => {
        const built = buildRecord(input, now());
        if (!built.ok) return built;
        const r = built.value;
        const apiKey = generateApiKey();
        const sha = hashApiKey(apiKey);
        const json = JSON.stringify(r);
        const created = await redis.eval(
          CREATE, 4, `${p}names:${r.owner}`, `${p}hash:${sha}`, `${p}id:${r.id}`, `${p}owner:${r.owner}`,
          `${r.usagePlan}\0${r.name}`, r.id, json, sha, changesChannel(p),
        );
        if (created !== 1) {
          return fail('APIKEY_DUPLICATE_NAME', `apiKeyName: a key named "${r.name}" already exists for plan ${r.usagePlan}`, 'apiKeyName');
        }
        return { ok: true, value: { record: r, apiKey } };
      }),
    lookup: (apiKey) =>
      guard(async () => {
        const json = await redis.get(`${p}hash:${hashApiKey(apiKey)}`);
        return { ok: true, value: json ? parse(json) : null };
      }),
    list: (owner, usagePlans) =>
      guard(async () => {
        const all = Object.values(await redis.hgetall(`${p}owner:${owner}`)).map(parse);
        all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
        return { ok: true, value: usagePlans ? all.filter((r) => usagePlans.includes(r.usagePlan)) : all };
      }),
    delete: (owner, id) =>
      guard(async () => {
        const n = await redis.eval(DELETE, 3, `${p}id:${id}`, `${p}owner:${owner}`, `${p}names:${owner}`, id, p, owner, changesChannel(p));
        return { ok: true, value: n === 1 };
      }),
    async close() {
      redis.disconnect();
    },
  };
}
