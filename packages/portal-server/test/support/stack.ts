// A whole Portico data path in one process, composed from the packages' public exports exactly as `portico up`
// composes them — control plane (own embedded store), ext-auth (with the shared API key store), the rate-limit
// service (shared counters), the gateway and the portal server — on ephemeral ports. Used in-process by the
// end-to-end tests and, through stack-process.ts, as separate gateway processes sharing one Redis.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyDocuments, attachDataPlanes, startControlPlane, type ControlPlane } from '@portico/control-plane';
import { defaultRego, PorticoAuthService } from '@portico/ext-auth';
import { createGateway, type AccessLogRecord } from '@portico/gateway';
import { openSharedState, type SharedState } from '@portico/cli';
import { startPortalServer, type PortalAuthOptions } from '@portico/portal-server';
import { openCredentialView, openPortalAppsDb, PortalApps, type CredentialView, type IdpConnector, type PortalAppsDb } from '@portico/portal-apps';
import { createRateLimitService } from '@portico/ratelimit';

export interface Stack {
  gatewayPort: number;
  portalPort: number;
  controlPlane: ControlPlane;
  shared: SharedState;
  /** portalAuth's in-memory credential view (teams-and-apps stacks). */
  portalView: CredentialView | null;
  /** Applies manifest text after replacing {{GATEWAY_PORT}} and {{PORTAL_PORT}}; throws on a refused document. */
  apply(text: string): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  stateDir: string;
  redisUrl: string | null;
  portalAuth: PortalAuthOptions | null;
  onAccessLog?: (r: AccessLogRecord) => void;
  /** A built portal web app to serve too, as `portico up` does. */
  uiDir?: string;
  /**
   * The rate-limit service's clock (ms), frozen: every request of a test falls in one window whatever the wall
   * clock does. Default: the time the stack starts. Stacks that share counters pass the same value.
   */
  rateLimitClockMs?: number;
  /** The teams-and-apps database (sqlite path or postgres:// URL): portal server store and portalAuth lookup. */
  portalDb?: string;
  /** Creates the apps' OAuth clients (teams-and-apps portals). */
  portalIdp?: IdpConnector;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  mkdirSync(opts.stateDir, { recursive: true });
  const controlPlane = await startControlPlane({ stateDir: join(opts.stateDir, 'cp'), admin: false, debounceMs: 5 });
  const frozenNow = opts.rateLimitClockMs ?? Date.now();
  // Counters in the shared Redis are kept apart per frozen clock: stacks that share counters share the clock, and
  // other test files (or an earlier run in the same window) never add to this one's counts.
  const shared = await openSharedState({ stateDir: opts.stateDir, redisUrl: opts.redisUrl, counterKeyPrefix: `portico:rl:test-${frozenNow}:` });
  const appsDb: PortalAppsDb | null = opts.portalDb ? await openPortalAppsDb(opts.portalDb) : null;
  // portalAuth's in-memory view follows the database's change feed, as in `portico up`.
  const appsView: CredentialView | null = opts.portalDb ? await openCredentialView(opts.portalDb) : null;
  // ext-auth logs every denial at info level; tests assert on responses instead.
  const authService = new PorticoAuthService({ rego: defaultRego, apiKeys: shared.apiKeys, portalApps: appsView, stateDir: opts.stateDir, logger: { info() {}, warn() {}, error: (o, m) => console.error('ext-auth', m, o) } });
  const rateLimitService = createRateLimitService({ store: shared.counters, now: () => frozenNow });
  const quiet = () => {};
  const gateway = await createGateway({
    listen: { host: '127.0.0.1', port: 0 },
    authService,
    rateLimitService,
    logger: { info: (o: object) => opts.onAccessLog?.(o as AccessLogRecord), warn: quiet, error: (o: object, m?: string) => console.error('gateway', m, o) },
  });
  const portal = await startPortalServer({
    port: 0, ...(opts.uiDir ? { uiDir: opts.uiDir } : {}), keys: shared.apiKeys, auth: opts.portalAuth, onError: (e) => console.error('portal', e),
    teamsApps: appsDb && { store: new PortalApps({ db: appsDb.db, idp: opts.portalIdp ?? null }) },
  });
  const unsubscribe = attachDataPlanes(controlPlane, { auth: authService, rateLimit: rateLimitService, gateway, portal }, (e) => console.error('snapshot', e));
  return {
    gatewayPort: gateway.port,
    portalPort: portal.port,
    controlPlane,
    shared,
    portalView: appsView,
    async apply(text) {
      const content = text.replaceAll('{{GATEWAY_PORT}}', String(gateway.port)).replaceAll('{{PORTAL_PORT}}', String(portal.port));
      const results = await applyDocuments(controlPlane.store, { documents: [{ file: 'manifests.yaml', content }] });
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new Error(`apply: ${JSON.stringify(failed)}`);
      await controlPlane.reconciler.waitFor();
    },
    async close() {
      unsubscribe();
      await portal.close();
      await gateway.close();
      authService.close(); // compiled steps hold OIDC session stores and JWKS timers
      await rateLimitService.close();
      await shared.apiKeys.close();
      await controlPlane.close();
      await appsView?.close();
      await appsDb?.close();
    },
  };
}
