// The gateway side of `portico up`: N worker processes (node:cluster, --workers, default one per CPU) that share
// the listener and follow the control plane's snapshots, or with --workers 0 one data plane in this process.
// Either way the gateway's request loop never runs the store, the reconciler or translation: with workers they
// live in this (primary) process; with 0 they share it (for debugging and small embedded uses).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ApiKeyStore } from '@portico/apikeys';
import type { PortalCredentialLookup } from '@portico/ext-auth';
import type { ControlPlane, DataPlanes } from '@portico/control-plane';
import { Registry } from 'prom-client';
import type { GatewayLogger } from '@portico/gateway';
import type { CounterStore } from '@portico/ratelimit';
import { CliError } from '../errors.ts';
import { startDataPlane } from './data-plane.ts';
import { indexApiKeys } from './key-index.ts';
import { metricsHandler } from './metrics-handler.ts';
import type { UpSettings } from './settings.ts';
import { startFeedRelays } from './workers/feed-relays.ts';
import { startGatewayWorkers } from './workers/primary.ts';

export interface RunningGateways {
  url: string;
  port: number;
  /** The key store the portal server writes through (in-process: the indexed one, so a delete leaves the index at once). */
  portalKeys: ApiKeyStore;
  /** Data planes of this process for attachDataPlanes (none with workers: they follow snapshots themselves). */
  planes: Pick<DataPlanes, 'auth' | 'rateLimit' | 'gateway'>;
  close(): Promise<void>;
}

export interface GatewaysOptions {
  settings: Pick<UpSettings, 'gateway' | 'stateDir'> & { redisUrl: string | null; portalDb: string | null; workers: number };
  controlPlane: ControlPlane;
  shared: { apiKeys: ApiKeyStore; counters: CounterStore };
  /** The teams-and-apps portal's lookup for portalAuth in this process (null with workers: they follow the feed
   *  the primary relays). */
  portalApps: PortalCredentialLookup | null;
  logger: GatewayLogger;
}

/** --workers / PORTICO_WORKERS: a whole number; default the number of CPUs. */
export function parseWorkers(raw: string | undefined): number {
  if (raw === undefined || raw === '') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new CliError('CLI_USAGE', `error: workers must be a whole number 0-256, got ${JSON.stringify(raw)} (--workers or PORTICO_WORKERS)`);
  return n;
}

export async function startGateways(o: GatewaysOptions): Promise<RunningGateways> {
  const s = o.settings;
  const scheme = s.gateway.tlsCert ? 'https' : 'http';
  if (s.workers > 0) {
    const feeds = await startFeedRelays(s, (err) => o.logger.warn({ err: err.message }, 'portal credential feed'));
    // Embedded counters: one store for every worker, in a thread of this process with its own socket (with Redis
    // each worker counts there). shared.counters is then never opened here: two stores on one file would each count.
    const counterService = s.redisUrl ? null : await startCounterService(s.stateDir, o.logger).catch(async (err: unknown) => {
      await feeds.close();
      throw err;
    });
    const running = await startGatewayWorkers({
      count: s.workers,
      settings: { gateway: s.gateway, stateDir: s.stateDir, redisUrl: s.redisUrl, portalDb: s.portalDb, counterSocket: counterService?.socketPath ?? null },
      snapshots: o.controlPlane,
      feeds,
      logger: o.logger,
    }).catch(async (err: unknown) => {
      await counterService?.close();
      await feeds.close();
      throw err;
    });
    o.controlPlane.admin?.mount('/metrics', (req, res) => running.metricsHandler(req, res));
    return {
      url: `${scheme}://${s.gateway.host}:${running.port}`,
      port: running.port,
      portalKeys: o.shared.apiKeys,
      planes: {},
      close: async () => {
        await running.close();
        await counterService?.close();
        await feeds.close();
      },
    };
  }
  const apiKeys = await indexApiKeys(o.shared.apiKeys, s);
  const dp = await startDataPlane({ gateway: s.gateway, stateDir: s.stateDir, apiKeys, portalApps: o.portalApps, counters: o.shared.counters, logger: o.logger });
  const registry = Registry.merge([dp.authService.metrics.registry, dp.gateway.metrics!.registry]);
  o.controlPlane.admin?.mount('/metrics', metricsHandler(() => registry.metrics(), registry.contentType));
  return {
    url: dp.gateway.url,
    port: dp.gateway.port,
    portalKeys: apiKeys,
    planes: { auth: dp.authService, rateLimit: dp.rateLimitService, gateway: dp.gateway },
    close: () => dp.close(),
  };
}

/** The embedded counters' service for the workers (its module, with sqlite, loaded only when chosen). */
async function startCounterService(stateDir: string, logger: GatewayLogger) {
  const { startCounterService: start } = await import('@portico/ratelimit/sqlite');
  return start({ path: join(stateDir, 'ratelimit.db'), onError: (err) => logger.error({ err: err.message, code: err.code }, 'counter service') });
}
