// One Redis client setup for every store Portico keeps in Redis. A store answers each call or reports its own
// "unavailable" error at once: commands time out, are never retried behind the caller's back, and (by default)
// are not queued while disconnected. ioredis reconnects in the background with a capped backoff, so service
// resumes by itself when Redis is back. Connection errors are not printed: every store reports them per call.
import { Redis } from 'ioredis';

export type RedisClient = Redis;

/** A `redis://` / `rediss://` URL, or Gloo's `host:port` form with a database number and TLS switch. */
export type RedisTarget = string | { host: string; port: number; db?: number; tls?: boolean };

export interface RedisClientOptions {
  /** Upper bound for one command's round trip. */
  commandTimeoutMs: number;
  /**
   * false (default): commands fail at once while disconnected; connect with connectInBackground().
   * true: the first command opens the connection and waits for it (at most commandTimeoutMs), so creating
   * the client does no I/O — for stores that are built when a config is compiled, maybe never to be used.
   */
  connectOnFirstCommand?: boolean;
}

const MAX_BACKOFF_MS = 1000;

export function createRedisClient(target: RedisTarget, opts: RedisClientOptions): RedisClient {
  const lazy = opts.connectOnFirstCommand === true;
  const options = {
    lazyConnect: true,
    enableOfflineQueue: lazy,
    maxRetriesPerRequest: lazy ? 1 : 0,
    connectTimeout: opts.commandTimeoutMs,
    commandTimeout: opts.commandTimeoutMs,
    retryStrategy: (times: number) => Math.min(50 * times, MAX_BACKOFF_MS),
  };
  const redis = typeof target === 'string'
    ? new Redis(target, options)
    : new Redis({ ...options, host: target.host, port: target.port, db: target.db ?? 0, ...(target.tls ? { tls: {} } : {}) });
  redis.on('error', () => {});
  return redis;
}

/** Starts connecting and waits for the first attempt only; if it fails, calls fail until a reconnect succeeds. */
export async function connectInBackground(redis: RedisClient): Promise<void> {
  await redis.connect().catch(() => {});
}
