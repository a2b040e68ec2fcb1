// The catalog entity provider: on each scheduled run it gets a token, reads the whole portal, builds the entities
// and applies ONE full mutation. A run that fails anywhere before the mutation applies nothing, so an outage of the
// portal server or the IdP leaves the catalog as it was. Also exported as GlooPlatformPortalProvider with both
// constructors of Solo's plugin: v0.0.25's (env, logger, config) + startScheduler(scheduler), and the current
// (logger, config, scheduler, entityTransformation?).
import type { LoggerService, SchedulerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { failure, type SyncFailure } from '../errors.ts';
import { readPortalSyncConfig, type PortalSyncConfig } from '../lib/config.ts';
import { portalFetch } from '../lib/localhost-fetch.ts';
import { LogOnce } from '../lib/log-once.ts';
import { readPortal, type PortalApiVersion, type PortalFlavour } from '../lib/read.ts';
import { createTokenSource, type TokenSource } from '../lib/token.ts';
import { transformPortal } from '../lib/transform.ts';

/** Customises each API entity (not the Group/User/System); return undefined to leave the version out. */
export type PorticoEntityTransformer = (entity: Entity, version: PortalApiVersion) =>
  Entity | undefined | Promise<Entity | undefined>;

export const PROVIDER_NAME = 'gloo-platform-portal-backend-provider';
export const LOCATION_KEY = 'gloo-platform-portal-provider';

export interface PorticoEntityProviderOptions {
  logger: LoggerService;
  config: PortalSyncConfig;
  /** Runs the sync on config's syncFrequency/syncTimeout once the catalog connects. */
  scheduler?: SchedulerService;
  transformer?: PorticoEntityTransformer;
  providerName?: string;
  locationKey?: string;
  fetch?: typeof globalThis.fetch;
}

export type SyncOutcome = SyncFailure | {
  ok: true; flavour: PortalFlavour; apis: number; entities: number; portalRequests: number; durationMs: number;
};

function isLogger(v: unknown): v is LoggerService {
  return typeof v === 'object' && v !== null && typeof (v as LoggerService).info === 'function';
}

export class PorticoEntityProvider implements EntityProvider {
  #name = PROVIDER_NAME;
  #locationKey = LOCATION_KEY;
  #logger!: LoggerService;
  #log!: LogOnce;
  #config!: PortalSyncConfig;
  #tokens: TokenSource | null = null;
  #transformer: PorticoEntityTransformer | undefined;
  #fetch: typeof globalThis.fetch | undefined;
  #runner: SchedulerServiceTaskRunner | undefined;
  #scheduled = false;
  #connection: EntityProviderConnection | undefined;
  #flavour: PortalFlavour | undefined;
  #running: Promise<SyncOutcome> | undefined;

  /** The modern way in: reads `glooPlatformPortal.backend` from the root config. */
  static fromConfig(rootConfig: Config, deps: Omit<PorticoEntityProviderOptions, 'config'>): PorticoEntityProvider {
    return PorticoEntityProvider.create({ ...deps, config: readPortalSyncConfig(rootConfig) });
  }

  static create(options: PorticoEntityProviderOptions): PorticoEntityProvider {
    const p = new PorticoEntityProvider(options.logger, options.config, options.scheduler, options.transformer);
    if (options.providerName) p.#name = options.providerName;
    if (options.locationKey) p.#locationKey = options.locationKey;
    p.#fetch = options.fetch;
    return p;
  }

  /** Solo v0.0.25: `new GlooPlatformPortalProvider('production', env.logger, env.config)`, then startScheduler. */
  constructor(env: string, logger: LoggerService, config: Config);
  /** Solo today: `new GlooPlatformPortalProvider(logger, config, scheduler, entityTransformation?)`. */
  constructor(logger: LoggerService, config: Config | PortalSyncConfig, scheduler?: SchedulerService,
    entityTransformation?: PorticoEntityTransformer);
  constructor(a: string | LoggerService, b: unknown, c?: unknown, d?: PorticoEntityTransformer) {
    if (typeof a === 'string') {
      if (!isLogger(b)) throw new TypeError('GlooPlatformPortalProvider(env, logger, config): logger is missing');
      this.#name = `gloo-platform-portal-${a}`;
      this.#locationKey = `${LOCATION_KEY}:${a}`;
      this.#init(b, c as Config);
    } else {
      this.#init(a, b as Config | PortalSyncConfig);
      const scheduler = c as SchedulerService | undefined;
      if (scheduler) this.#runner = scheduler.createScheduledTaskRunner(this.#schedule());
      this.#transformer = d;
    }
  }

  #init(logger: LoggerService, config: Config | PortalSyncConfig): void {
    this.#logger = logger;
    this.#log = new LogOnce(logger);
    this.#config = 'getOptionalConfig' in config ? readPortalSyncConfig(config as Config) : (config as PortalSyncConfig);
    const creds = this.#config.credentials;
    this.#tokens = creds ? createTokenSource({ credentials: creds, fetch: (...args) => (this.#fetch ?? portalFetch)(...args), debug: this.#debug }) : null;
    if (!creds) {
      logger.info(`glooPlatformPortal.backend has no clientId/clientSecret/tokenEndpoint: reading ${this.#config.portalServerUrl} anonymously (public APIs only)`);
    }
  }

  #debug = (message: string): void => {
    if (this.#config?.debugLogging) this.#logger.info(`[debug] ${message}`);
  };

  #schedule() {
    return { frequency: this.#config.syncFrequency, timeout: this.#config.syncTimeout };
  }

  getProviderName(): string {
    return this.#name;
  }

  /** Sets the customisation hook (the module's extension point calls this). */
  setTransformer(transformer: PorticoEntityTransformer): void {
    this.#transformer = transformer;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    if (this.#runner && !this.#scheduled) {
      this.#scheduled = true;
      await this.#runner.run({ id: `${this.#name}:refresh`, fn: (signal) => this.#task(signal) });
    }
  }

  /** Solo v0.0.25's entry point: call after the catalog's processing engine has started. */
  async startScheduler(scheduler: SchedulerService): Promise<void> {
    if (this.#scheduled) {
      this.#debug('startScheduler: the sync is already scheduled');
      return;
    }
    this.#scheduled = true;
    await scheduler.scheduleTask({ id: `${this.#name}:refresh`, ...this.#schedule(), fn: (signal) => this.#task(signal) });
  }

  async #task(signal?: AbortSignal): Promise<void> {
    // Never throws: a failed run is logged (once) by refresh() and retried on the next tick.
    await this.refresh(signal);
  }

  /** Runs one sync now (the scheduler calls this; tests and the bench may too). Concurrent calls share one run. */
  refresh(signal?: AbortSignal): Promise<SyncOutcome> {
    this.#running ??= this.#sync(signal).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sync(signal?: AbortSignal): Promise<SyncOutcome> {
    const started = performance.now();
    const outcome = await this.#syncSteps(signal).catch((err: unknown) =>
      failure('SYNC_FAILED', `unexpected error while syncing: ${(err as Error).message}`));
    if (outcome.ok) {
      const recovered = this.#log.resolveAll('run:');
      if (recovered.length) this.#logger.info(`portal sync recovered: ${outcome.apis} APIs from ${this.#config.portalServerUrl}`);
      const done = { ...outcome, durationMs: Math.round(performance.now() - started) };
      this.#debug(`sync applied ${done.entities} entities (${done.apis} APIs) in ${done.durationMs} ms, ${done.portalRequests} portal requests`);
      return done;
    }
    if (outcome.code !== 'SYNC_NOT_CONNECTED') {
      this.#log.report('warn', `run:${outcome.code}`,
        `[${outcome.code}] portal sync failed, catalog left unchanged: ${outcome.message}`);
    }
    return outcome;
  }

  async #syncSteps(signal?: AbortSignal): Promise<SyncOutcome> {
    const connection = this.#connection;
    if (!connection) return failure('SYNC_NOT_CONNECTED', `${this.#name} ran before the catalog connected it`);
    let token: string | null = null;
    if (this.#tokens) {
      const t = await this.#tokens.get(signal);
      if (!t.ok) return t;
      token = t.value;
    }
    let portalRequests = 0;
    const read = await readPortal({
      portalServerUrl: this.#config.portalServerUrl, token, signal, knownFlavour: this.#flavour, fetch: this.#fetch,
      onRequest: () => void portalRequests++, debug: this.#config.debugLogging ? this.#debug : undefined,
    });
    if (!read.ok) {
      if (read.code === 'PORTAL_UNAUTHORIZED') this.#tokens?.invalidate();
      return read;
    }
    this.#flavour = read.value.flavour;
    const built = await transformPortal(read.value, this.#config.portalServerUrl);
    const apis: Entity[] = [];
    for (const { entity, version } of built.apis) {
      const transformed = await this.#transform(entity, version);
      if (transformed) apis.push(transformed);
    }
    for (const p of built.problems) {
      this.#log.report(p.code === 'VERSION_BAD_NAME' ? 'info' : 'warn', `version:${p.subject}`, `[${p.code}] ${p.message}`);
    }
    this.#log.endRound('version:');
    if (signal?.aborted) return failure('SYNC_TIMEOUT', 'the run hit syncTimeout before applying its mutation');
    const entities = [...built.fixed, ...apis].map((entity) => ({ entity, locationKey: this.#locationKey }));
    await connection.applyMutation({ type: 'full', entities });
    return { ok: true, flavour: read.value.flavour, apis: apis.length, entities: entities.length, portalRequests, durationMs: 0 };
  }

  async #transform(entity: Entity, version: PortalApiVersion): Promise<Entity | undefined> {
    if (!this.#transformer) return entity;
    try {
      return await this.#transformer(structuredClone(entity), version);
    } catch (err) {
      this.#log.report('warn', `version:transform:${entity.metadata.name}`,
        `[TRANSFORM_FAILED] the entity transformer threw for API "${entity.metadata.name}" (${(err as Error).message}); the untransformed entity is used`);
      return entity;
    }
  }
}

/** Solo's class name, so the seed's catalog.ts and Solo's README wiring work unchanged. */
export { PorticoEntityProvider as GlooPlatformPortalProvider };
