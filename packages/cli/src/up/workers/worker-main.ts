// A gateway worker of `portico up --workers N` (node:cluster): the gateway, ext-auth and the rate-limit service
// on the listener the primary shares, following the snapshots the primary posts. It reads API keys from its own
// in-memory index and counts through the primary's counter store (or Redis), so its request loop does request
// work only. The primary decides when it stops; terminal signals are the primary's to handle.
// Backends load only when configured (docs/data-plane.md, "Memory of a gateway worker"): Redis with --redis,
// PostgreSQL for a postgres:// portal database; gRPC never (ext-auth runs in-process here).
import { AggregatorRegistry, Histogram } from 'prom-client';
import { attachDataPlanes, reviveSnapshot, SnapshotDecoder, type Snapshot, type SnapshotSource } from '@portico/control-plane/attach';
import { connectCounterService, type CounterStore } from '@portico/ratelimit/core';
import { existsSync, readdirSync } from 'node:fs';
import { flushCompileCache, getCompileCacheDir } from 'node:module';
import { join } from 'node:path';
import { createRelayedKeyFeed, type FeedRelayChannel } from '@portico/apikeys/indexed';
import { openCredentialView, relayedAppsFeed } from '@portico/portal-apps/view';
import { startDataPlane } from '../data-plane.ts';
import { jsonLogger } from '../json-logger.ts';
import { indexApiKeys } from '../key-index.ts';
import { openApiKeyStore } from '../shared-state.ts';
import { isMessage, WORKER_ENV, type PrimaryMessage, type WorkerMessage, type WorkerSettings } from './messages.ts';

const send = (m: WorkerMessage) => process.send!(m);
// Read before anything is written to it (this process writes its cache once listening, below).
const cacheDir = getCompileCacheDir();
const cacheEntries = () => (cacheDir !== undefined && existsSync(cacheDir) ? readdirSync(cacheDir).length : 0);
const startedOnEmptyCache = cacheDir !== undefined && cacheEntries() === 0;
const settings = JSON.parse(process.env[WORKER_ENV]!) as WorkerSettings;
const logger = jsonLogger({ stdout: (s) => void process.stdout.write(s) });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('disconnect', () => process.exit(0));

/** Snapshots posted by the primary (unchanged virtual hosts as positions in the last one: the snapshot delta of
 *  @portico/control-plane/attach), frozen again on arrival (structured clone drops the freeze; the kept virtual
 *  hosts are frozen already). Each is acknowledged once every subscriber has it, which lets the primary send the
 *  next (snapshot-feed.ts). */
function snapshotsFromPrimary(): SnapshotSource & { first: Promise<Snapshot>; timed(fn: (seconds: number) => void): void } {
  let observe: (seconds: number) => void = () => {};
  let current: Snapshot | null = null;
  const subs = new Set<(s: Snapshot) => void>();
  let gotFirst: (s: Snapshot) => void;
  const first = new Promise<Snapshot>((r) => (gotFirst = r));
  const decoder = new SnapshotDecoder();
  process.on('message', (m: unknown) => {
    if (!isMessage<Extract<PrimaryMessage, { t: 'portico.snapshot' }>>(m, 'portico.snapshot')) return;
    const started = performance.now();
    try {
      current = reviveSnapshot(decoder.decode(m.snapshot));
    } catch (err) {
      // Out of step with the primary: ask for the whole current snapshot again.
      logger.error({ err: (err as Error).message }, 'snapshot');
      send({ t: 'portico.hello' });
      return;
    }
    gotFirst(current);
    for (const fn of subs) fn(current);
    // The whole synchronous block the request loop waited for: decode, freeze, every data plane's update.
    if (subs.size > 0) observe((performance.now() - started) / 1000);
    send({ t: 'portico.applied', revision: current.revision });
  });
  send({ t: 'portico.hello' });
  return {
    first,
    timed(fn) {
      observe = fn;
    },
    subscribe(fn) {
      subs.add(fn);
      if (current) fn(current);
      return () => subs.delete(fn);
    },
  };
}

try {
  const snapshots = snapshotsFromPrimary();
  // The key index and the credential view follow the feeds the primary relays over this process's IPC channel
  // (feed-relays.ts): no SQLite thread here. With --redis the key index subscribes to Redis itself.
  const relay = process as unknown as FeedRelayChannel;
  const apiKeys = await indexApiKeys(await openApiKeyStore(settings), settings, settings.redisUrl ? null : createRelayedKeyFeed(relay));
  // With Redis each worker counts there itself; embedded, through the primary's one store, served by a thread of
  // its own over a Unix socket (never waiting behind the primary's translations).
  const counters: CounterStore = settings.redisUrl
    ? await (await import('@portico/ratelimit/redis')).createRedisCounterStore({ url: settings.redisUrl })
    : connectCounterService(settings.counterSocket!);
  // portalAuth answers from this worker's in-memory view of the teams-and-apps database, which follows the
  // database's change feed through the primary: a revocation reaches every worker within 1 s.
  const portalView = await openCredentialView(settings.portalDb ?? join(settings.stateDir, 'portal.db'), {
    onError: (e) => logger.warn({ err: e.message }, 'portal credential view'),
    feed: relayedAppsFeed(relay),
  });
  const dp = await startDataPlane({ gateway: settings.gateway, stateDir: settings.stateDir, apiKeys, portalApps: portalView, counters, logger });
  // The primary's /metrics collects these registries from every worker and sums them.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([dp.authService.metrics.registry, dp.gateway.metrics!.registry]);
  const applying = new Histogram({
    name: 'portico_gateway_snapshot_apply_seconds',
    help: 'Time a gateway worker spent applying one configuration snapshot (decode, freeze, data-plane updates): its request loop waits that long',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [dp.gateway.metrics!.registry],
  });
  snapshots.timed((seconds) => applying.observe(seconds));
  const first = await snapshots.first;
  attachDataPlanes(snapshots, { auth: dp.authService, rateLimit: dp.rateLimitService, gateway: dp.gateway }, (e) => logger.error(e, 'snapshot'));
  // Write this worker's compile cache now, not at exit: the cache directory is keyed by V8 flags, so the primary's
  // (no heap flags) never serves a worker, and a worker that starts on an empty one type-strips and compiles every
  // module itself — ~15 MiB more RSS for as long as it lives (docs/data-plane.md). The primary starts the other
  // workers after this one listens, so they, restarted workers and later starts find it warm; a worker that
  // started cold is replaced by the primary.
  flushCompileCache?.();
  // Cold, and a replacement would start warm (the cache could be written: not so in a read-only directory).
  const coldCache = startedOnEmptyCache && cacheEntries() > 0;
  send({ t: 'portico.listening', port: dp.gateway.port, revision: first.revision, coldCache });
  process.on('message', (m: unknown) => {
    if (!isMessage(m, 'portico.stop')) return;
    void (async () => {
      await dp.close();
      await apiKeys.close();
      await portalView.close();
      process.exit(0);
    })();
  });
} catch (err) {
  send({ t: 'portico.fatal', message: (err as Error).message });
  process.exit(1);
}
