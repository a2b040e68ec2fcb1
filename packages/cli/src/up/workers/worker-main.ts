// A gateway worker of `portico up --workers N` (node:cluster): the gateway, ext-auth and the rate-limit service
// on the listener the primary shares, following the snapshots the primary posts. It reads API keys from its own
// in-memory index and counts through the primary's counter store (or Redis), so its request loop does request
// work only. The primary decides when it stops; terminal signals are the primary's to handle.
import { AggregatorRegistry } from 'prom-client';
import { createRedisApiKeyStore, createSqliteApiKeyStore } from '@portico/apikeys';
import { attachDataPlanes, reviveSnapshot, type Snapshot, type SnapshotSource } from '@portico/control-plane/attach';
import { createRedisCounterStore, createRemoteCounterStore, type IpcChannel } from '@portico/ratelimit';
import { join } from 'node:path';
import { openCredentialView } from '@portico/portal-apps';
import { startDataPlane } from '../data-plane.ts';
import { jsonLogger } from '../json-logger.ts';
import { indexApiKeys } from '../key-index.ts';
import { isMessage, WORKER_ENV, type PrimaryMessage, type WorkerMessage, type WorkerSettings } from './messages.ts';

const send = (m: WorkerMessage) => process.send!(m);
const settings = JSON.parse(process.env[WORKER_ENV]!) as WorkerSettings;
const logger = jsonLogger({ stdout: (s) => void process.stdout.write(s) });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.on('disconnect', () => process.exit(0));

/** Snapshots posted by the primary, frozen again on arrival (structured clone drops the freeze). */
function snapshotsFromPrimary(): SnapshotSource & { first: Promise<Snapshot> } {
  let current: Snapshot | null = null;
  const subs = new Set<(s: Snapshot) => void>();
  let gotFirst: (s: Snapshot) => void;
  const first = new Promise<Snapshot>((r) => (gotFirst = r));
  process.on('message', (m: unknown) => {
    if (!isMessage<Extract<PrimaryMessage, { t: 'portico.snapshot' }>>(m, 'portico.snapshot')) return;
    current = reviveSnapshot(m.snapshot);
    gotFirst(current);
    for (const fn of subs) fn(current);
  });
  send({ t: 'portico.hello' });
  return {
    first,
    subscribe(fn) {
      subs.add(fn);
      if (current) fn(current);
      return () => subs.delete(fn);
    },
  };
}

try {
  const snapshots = snapshotsFromPrimary();
  const keyStore = settings.redisUrl ? await createRedisApiKeyStore({ url: settings.redisUrl }) : createSqliteApiKeyStore({ path: join(settings.stateDir, 'apikeys.db') });
  const apiKeys = await indexApiKeys(keyStore, settings);
  const counters = settings.redisUrl ? await createRedisCounterStore({ url: settings.redisUrl }) : createRemoteCounterStore(process as unknown as IpcChannel);
  // portalAuth answers from this worker's in-memory view of the teams-and-apps database, which follows its change
  // feed (PostgreSQL LISTEN/NOTIFY, SQLite data_version): a revocation reaches every worker within 1 s.
  const portalView = await openCredentialView(settings.portalDb ?? join(settings.stateDir, 'portal.db'), { onError: (e) => logger.warn({ err: e.message }, 'portal credential view') });
  const dp = await startDataPlane({ gateway: settings.gateway, stateDir: settings.stateDir, apiKeys, portalApps: portalView, counters, logger });
  // The primary's /metrics collects these registries from every worker and sums them.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([dp.authService.metrics.registry, dp.gateway.metrics!.registry]);
  const first = await snapshots.first;
  attachDataPlanes(snapshots, { auth: dp.authService, rateLimit: dp.rateLimitService, gateway: dp.gateway }, (e) => logger.error(e, 'snapshot'));
  send({ t: 'portico.listening', port: dp.gateway.port, revision: first.revision });
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
