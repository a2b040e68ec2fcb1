// portico up: store + control plane + admin API, portal server, demo upstreams and dev IdP in this process; the
// gateway with ext-auth and rate limiting in --workers processes (up/gateways.ts). `--quickstart` applies examples/quickstart/ and prints what to try.
// Components are composed through their packages' public exports; data planes follow control-plane snapshots.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { applyDocuments, attachDataPlanes, startControlPlane, type ControlPlane, type Snapshot } from '@portico/control-plane';
import { startDemo } from '@portico/demo';
import { APIMANAGEMENT_NS } from '@portico/gateway';
import { startIdp } from '@portico/idp';
import { DEFAULT_PORTAL_SERVER_PORT, startPortalServer } from '@portico/portal-server';
import { ensureUiBuilt } from '@portico/portal-ui';
import type { CliIO } from '../context.ts';
import { CliError } from '../errors.ts';
import { banner } from '../up/banner.ts';
import { edgeSettings, readinessHandler, type EdgeFlags } from '../up/edge.ts';
import { adminGuard, kubeconfigExport, startKubeFace } from '../up/kube.ts';
import { parseWorkers, startGateways } from '../up/gateways.ts';
import { jsonLogger } from '../up/json-logger.ts';
import { resolveUpSettings, UP_ENV, type UpFlags, type UpSettings } from '../up/settings.ts';
import { openSharedState } from '../up/shared-state.ts';
import { openClusterStore, type ClusterFlags } from '../up/cluster.ts';
import { installSecret, openPortalApps } from '../up/portal-apps.ts';

export const QUICKSTART_DIR = fileURLToPath(new URL('../../../../examples/quickstart/', import.meta.url));

export function register(program: Command, io: CliIO): void {
  program
    .command('up')
    .description('run Portico all-in-one: control plane, admin API, gateway, ext-auth, rate limiting, demo APIs, dev IdP')
    .option('--state-dir <dir>', `state directory (${UP_ENV.stateDir}; default .portico)`)
    .option('--admin-host <host>', `admin API host (${UP_ENV.adminHost}; default 127.0.0.1)`)
    .option('--admin-port <port>', `admin API port (${UP_ENV.adminPort}; default 9900)`)
    .option('--gateway-host <host>', `gateway host (${UP_ENV.gatewayHost}; default 127.0.0.1)`)
    .option('--gateway-port <port>', `gateway port (${UP_ENV.gatewayPort}; default 8080)`)
    .option('--tls-cert <file>', `serve the gateway over HTTPS with this PEM certificate (${UP_ENV.tlsCert})`)
    .option('--tls-key <file>', `PEM private key for --tls-cert (${UP_ENV.tlsKey})`)
    .option('--idp-port <port>', `dev IdP port (${UP_ENV.idpPort}; default 9000)`)
    .option('--petstore-port <port>', `demo petstore port (${UP_ENV.petstorePort}; default 8081)`)
    .option('--tracks-port <port>', `demo tracks port (${UP_ENV.tracksPort}; default 8082)`)
    .option('--no-demo', 'do not start the demo upstreams')
    .option('--no-idp', 'do not start the development IdP')
    .option('--quickstart', 'apply examples/quickstart/ and print what to try')
    .option('--redis <url>', 'keep API keys and rate-limit counters in Redis, shared by several processes (PORTICO_REDIS_URL; default: sqlite in the state directory)')
    .option('--kube-api-host <host>', `Kubernetes API host (${UP_ENV.kubeApiHost}; default 127.0.0.1)`)
    .option('--kube-api-port <port>', `Kubernetes API port (${UP_ENV.kubeApiPort}; default 6443)`)
    .option('--kubernetes', 'controller mode: read and write resources in a Kubernetes API server instead of the embedded store (docs/kubernetes.md)')
    .option('--kubeconfig <file>', 'with --kubernetes: the kubeconfig to use (default: the in-cluster service account)')
    .option('--insecure-admin', 'let the admin API take requests without the token (warned on every start)')
    .option('--workers <n>', 'gateway worker processes sharing the gateway port (PORTICO_WORKERS; default: one per CPU; 0 = the gateway runs in this process)')
    .option('--trusted-proxies <list>', 'comma-separated addresses/CIDRs whose X-Forwarded-For, X-Forwarded-Host and X-Request-Id the gateway believes (PORTICO_TRUSTED_PROXIES; default: none)')
    .option('--translation <where>', `thread: translate on a worker thread of lower CPU priority, so a large configuration change never holds the process's event loop; inline: on the main thread (${UP_ENV.translation}; default thread)`)
    .option('--drain-timeout <seconds>', 'on SIGTERM/SIGINT, how long in-flight requests may finish (PORTICO_DRAIN_TIMEOUT; default 10)')
    .option('--portal-db <url>', 'teams-and-apps portal database: postgres://… for several portal servers (PORTICO_PORTAL_DB; default: sqlite <state-dir>/portal.db)')
    .option('--portal-issuer <url>', 'OIDC issuer whose tokens the portal server accepts, e.g. your Okta org (PORTICO_PORTAL_ISSUER; default: the dev IdP when it runs, else none: no sign-in, no API keys)')
    .option('--portal-port <port>', `portal server port (PORTICO_PORTAL_PORT; default ${DEFAULT_PORTAL_SERVER_PORT}, or ephemeral with --gateway-port 0)`)
    .action(async (flags: UpFlags) => {
      const base = resolveUpSettings(flags);
      const settings = { ...base, gateway: { ...base.gateway, ...edgeSettings(flags as EdgeFlags) } };
      const extra = flags as UpFlags & ClusterFlags & { redis?: string; portalPort?: string; workers?: string; portalDb?: string; portalIssuer?: string };
      const running = await startAll({ ...settings, cluster: { kubernetes: extra.kubernetes === true, ...(extra.kubeconfig ? { kubeconfig: extra.kubeconfig } : {}) }, workers: parseWorkers(extra.workers ?? process.env.PORTICO_WORKERS), redisUrl: extra.redis ?? process.env.PORTICO_REDIS_URL ?? null, portalDb: extra.portalDb ?? process.env.PORTICO_PORTAL_DB ?? null, portalIssuer: extra.portalIssuer ?? (process.env.PORTICO_PORTAL_ISSUER || null), portalPort: Number(extra.portalPort ?? process.env.PORTICO_PORTAL_PORT ?? (settings.gateway.port === 0 ? 0 : DEFAULT_PORTAL_SERVER_PORT)) }, io);
      const stop = async () => {
        io.stderr('\nstopping…\n');
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}

export interface RunningPortico {
  controlPlane: ControlPlane;
  close(): Promise<void>;
}

/** Starts every component; on a failure, stops what already started and reports which component failed. */
export async function startAll(s: UpSettings & { redisUrl?: string | null; portalPort?: number; workers?: number; portalDb?: string | null; portalIssuer?: string | null; cluster?: ClusterFlags }, io: CliIO): Promise<RunningPortico> {
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  const step = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      await closeAll();
      const e = err as NodeJS.ErrnoException;
      const hint = e.code === 'EADDRINUSE' ? ' — the port is in use (is another `portico up` running? change it with a flag or env var, see --help)' : '';
      throw new CliError('CLI_USAGE', `error: could not start the ${what}: ${e.message}${hint}`);
    }
  };
  const logger = jsonLogger(io);
  const access = adminGuard(s);
  for (const note of access.notes) io.stderr(`${note}\n`);
  // The web app is built (with Vite, when its build is missing or stale) before anything listens.
  const uiDir = await step('portal web app build', () => ensureUiBuilt());
  const clusterStore = await step('Kubernetes API client (--kubernetes)', () => openClusterStore(s.cluster ?? {}, (e, what) => logger.error({ err: String(e) }, what), (o, msg) => logger.info(o, msg)));
  if (clusterStore) closers.push(() => clusterStore.close());
  const controlPlane = await step(`control plane (admin API ${s.admin.host}:${s.admin.port}, state ${s.stateDir})`, () =>
    startControlPlane({ stateDir: s.stateDir, translation: s.translation, ...(clusterStore ? { store: clusterStore } : {}), admin: { ...s.admin, guard: access.guard }, onError: (e) => logger.error(e, 'control plane') }),
  );
  closers.push(() => controlPlane.close());
  clusterStore?.onLeading(() => (logger.info({ identity: clusterStore.leaderIdentity() }, 'started leading'), controlPlane.reconciler.resync()));
  const kube = clusterStore ? null : await step(`Kubernetes API (${s.kubeApi.host}:${s.kubeApi.port})`, () => startKubeFace(s, controlPlane, access.token));
  if (kube) closers.push(() => kube.close());
  const demo = s.demo.enabled
    ? await step(`demo upstreams (petstore :${s.demo.petstorePort}, tracks :${s.demo.tracksPort})`, () => startDemo({ petstorePort: s.demo.petstorePort, tracksPort: s.demo.tracksPort }))
    : null;
  if (demo) closers.push(() => demo.close());
  // The teams-and-apps portal creates its apps' OAuth clients in the dev IdP by dynamic registration.
  const registrationToken = installSecret(s.stateDir, 'idp-registration.token').toString('base64url');
  const idp = s.idp.enabled
    ? await step(`dev IdP (port ${s.idp.port})`, () =>
        startIdp({ port: s.idp.port, stateDir: s.stateDir, registrationToken, ...(s.quickstart ? { config: join(QUICKSTART_DIR, 'idp.yaml') } : {}) }),
      )
    : null;
  if (idp) closers.push(() => idp.close());
  // API keys and rate-limit counters: sqlite in the state directory, or Redis (--redis) for several processes.
  const shared = await step(`shared state (${s.redisUrl ? 'redis' : 'sqlite'})`, () => openSharedState({ stateDir: s.stateDir, redisUrl: s.redisUrl ?? null }));
  closers.push(() => shared.close());
  const workers = s.workers ?? 0;
  const apps = await step('portal database', () => openPortalApps({ stateDir: s.stateDir, url: s.portalDb ?? null, idpUrl: idp?.url ?? null, registrationToken, view: workers === 0, onViewError: (e) => logger.warn({ err: e.message }, 'portal credential view') }));
  closers.push(() => apps.close());
  const gateway = await step(`gateway (${s.gateway.host}:${s.gateway.port}, ${workers} worker(s))`, () =>
    startGateways({ settings: { ...s, redisUrl: s.redisUrl ?? null, portalDb: s.portalDb ?? null, workers }, controlPlane, shared, portalApps: apps.lookup, logger }),
  );
  let gatewayClosed: Promise<void> | null = null;
  const closeGateway = () => (gatewayClosed ??= gateway.close());
  closers.push(closeGateway);
  // In-process: the gateway's own readiness; with workers (each answers 503 until its first snapshot) the snapshot's.
  const planeGateway = gateway.planes.gateway as { ready?: () => boolean } | undefined;
  controlPlane.admin?.mount('/readyz', readinessHandler(() => planeGateway?.ready?.() ?? controlPlane.current() !== null));
  const portalPort = s.portalPort ?? DEFAULT_PORTAL_SERVER_PORT;
  // Whose tokens sign users in: the issuer named (a cluster's IdP), else the dev IdP started here.
  const portalIssuer = s.portalIssuer ?? idp?.issuer ?? null;
  const portal = await step(`portal server (127.0.0.1:${portalPort})`, () =>
    startPortalServer({ port: portalPort, uiDir, keys: gateway.portalKeys, teamsApps: { store: apps.store }, auth: portalIssuer ? { issuer: portalIssuer } : null, onError: (err) => logger.error({ err: String(err) }, 'portal server') }),
  );
  closers.push(() => portal.close());

  const unsubscribe = attachDataPlanes(
    controlPlane,
    { ...gateway.planes, portal, after: (snap) => idp?.setScopes(apiProductIds(snap)) },
    (e) => logger.error(e, 'snapshot'),
  );
  closers.push(async () => unsubscribe());

  let quickstart: { applied: number; failed: string[] } | null = null;
  if (s.quickstart) quickstart = await applyQuickstart(controlPlane);
  // Before the banner, whose last line tells readers (and tests) that everything is up.
  io.stdout(`portal server ${portal.url} — developer portal at http://portal.localhost:${gateway.port}/ (API /v1/apis); API keys and counters in ${shared.description}; teams and apps in ${apps.description}\n`);
  io.stdout(
    banner({
      admin: controlPlane.admin?.url ?? '(disabled)',
      gateway: gateway.url,
      gatewayPort: gateway.port,
      gatewayScheme: s.gateway.tlsCert ? 'https' : 'http',
      idp: idp?.issuer ?? null,
      petstore: demo?.petstore.url ?? null,
      tracks: demo?.tracks.url ?? null,
      stateDir: resolve(s.stateDir),
      quickstart,
      ...(kube ? { kubeApi: { url: kube.url, exportLine: kubeconfigExport(kube.kubeconfigPath!) } } : {}),
    }),
  );
  // Stopping drains the gateway first, while the upstreams and services its in-flight requests need still run.
  return { controlPlane, close: async () => { await closeGateway(); await closeAll(); } };
}

/** Applies the numbered manifests of examples/quickstart/ (01-upstreams.yaml, 02-route-tables.yaml, …). */
export async function applyQuickstart(cp: ControlPlane, dir = QUICKSTART_DIR): Promise<{ applied: number; failed: string[] }> {
  const files = readdirSync(dir)
    .filter((f) => /^\d+-.*\.ya?ml$/.test(f))
    .sort();
  const results = await applyDocuments(cp.store, { documents: files.map((f) => ({ file: join(dir, f), content: readFileSync(join(dir, f), 'utf8') })) });
  await cp.reconciler.waitFor();
  return {
    applied: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).map((r) => `${r.file} document ${r.index}: ${r.message}`),
  };
}

function apiProductIds(snap: Snapshot): string[] {
  const ids = new Set<string>();
  for (const vh of snap.gateway.virtualHosts) {
    for (const r of vh.routes) {
      const id = r.filterMetadata[APIMANAGEMENT_NS]?.api_product_id;
      if (typeof id === 'string' && id) ids.add(id);
    }
  }
  return [...ids];
}
