// One gateway data plane as `portico up` runs it — in its own process (a --workers worker) or, with
// --workers 0, beside the control plane: ext-auth (in-process), the rate-limit service and the gateway, with
// access-log lines written through sonic-boom (pino's asynchronous destination) so the request loop never
// waits on stdout. It imports ext-auth's and the rate-limit service's backend-free entries (@portico/ext-auth/service,
// @portico/ratelimit/core): no gRPC server, no Redis client.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultRego, PorticoAuthService, type PortalCredentialLookup } from '@portico/ext-auth/service';
import { createGateway, type Gateway, type GatewayLogger } from '@portico/gateway';
import type { ApiKeyStore } from '@portico/apikeys';
import { createRateLimitService, type CounterStore, type RateLimitService } from '@portico/ratelimit/core';
import { openAccessLog } from './access-log.ts';
import type { UpSettings } from './settings.ts';

export interface DataPlane {
  gateway: Gateway;
  authService: PorticoAuthService;
  rateLimitService: RateLimitService;
  close(): Promise<void>;
}

export interface DataPlaneOptions {
  gateway: UpSettings['gateway'];
  stateDir: string;
  apiKeys: ApiKeyStore;
  /** The teams-and-apps portal's credential lookup for portalAuth. */
  portalApps?: PortalCredentialLookup | null;
  counters: CounterStore;
  logger: GatewayLogger;
  /** Where access-log lines go (file descriptor); default stdout. */
  accessLogFd?: number;
}

export async function startDataPlane(o: DataPlaneOptions): Promise<DataPlane> {
  // stateDir: the OIDC step keeps its per-install session key in this run's state directory.
  const authService = new PorticoAuthService({ rego: defaultRego, apiKeys: o.apiKeys, portalApps: o.portalApps ?? null, stateDir: resolve(o.stateDir) });
  const rateLimitService = createRateLimitService({ store: o.counters });
  const tls = o.gateway.tlsCert && o.gateway.tlsKey ? { cert: readFileSync(o.gateway.tlsCert), key: readFileSync(o.gateway.tlsKey) } : null;
  // Written off the request path, bounded (access-log.ts); flushed synchronously on close. The gateway builds each line itself.
  const accessLog = openAccessLog(o.accessLogFd ?? 1, o.logger);
  let gateway: Gateway;
  try {
    gateway = await createGateway({ listen: { host: o.gateway.host, port: o.gateway.port }, tls, authService, rateLimitService, logger: o.logger, accessLog: accessLog.writer,
      trustedProxies: o.gateway.trustedProxies ?? [], drainTimeoutMs: o.gateway.drainTimeoutMs ?? 10_000 });
  } catch (err) {
    void accessLog.destroy();
    throw err;
  }
  if (gateway.metrics) accessLog.registerMetrics(gateway.metrics.registry);
  return {
    gateway,
    authService,
    rateLimitService,
    async close() {
      await gateway.close();
      await accessLog.flush();
      authService.close();
      await rateLimitService.close();
    },
  };
}
