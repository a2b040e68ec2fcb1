// Sessions in Redis (Gloo's `session.redis`): shared by every gateway replica, expiry handled by Redis itself.
// The client connects lazily, so compiling a config for validation opens no connection; commands fail fast while
// Redis is down (no offline queue) and the step then fails closed. @portico/redis (and ioredis) load with the
// first command too, so a process whose configs use no Redis session (a gateway worker) never loads them.
import type { RedisClient } from '@portico/redis';
import { fail, ok } from '../errors.ts';
import { parseSession, type SessionStore } from './session-store.ts';

export interface RedisSessionOptions {
  /** host:port (Gloo's `options.host`), default 127.0.0.1:6379. */
  host: string;
  db: number;
  keyPrefix: string;
  tls?: boolean;
}

export function createRedisSessionStore(opts: RedisSessionOptions): SessionStore {
  const [host = '127.0.0.1', port = '6379'] = opts.host.split(':');
  // Failures surface per command as AUTH_SESSION_STORE_UNAVAILABLE.
  let client: Promise<RedisClient> | null = null;
  const redis = () =>
    (client ??= import('@portico/redis').then(({ createRedisClient }) =>
      createRedisClient({ host, port: Number(port), db: opts.db, ...(opts.tls ? { tls: true } : {}) }, { commandTimeoutMs: 2000, connectOnFirstCommand: true })));
  const key = (id: string) => `${opts.keyPrefix}${id}`;
  const guard = async <T>(fn: () => Promise<T>) => {
    try {
      return ok(await fn());
    } catch (err) {
      return fail('AUTH_SESSION_STORE_UNAVAILABLE', `redis session store: ${(err as Error).message}`);
    }
  };
  return {
    get: (id) => guard(async () => {
      const text = await (await redis()).get(key(id));
      return text === null ? undefined : parseSession(text);
    }),
    set: (id, session, ttlSeconds) => guard(async () => {
      if (ttlSeconds > 0) await (await redis()).set(key(id), JSON.stringify(session), 'EX', ttlSeconds);
      else await (await redis()).set(key(id), JSON.stringify(session));
    }),
    delete: (id) => guard(async () => {
      await (await redis()).del(key(id));
    }),
    async close() {
      (await client)?.disconnect();
    },
  };
}
