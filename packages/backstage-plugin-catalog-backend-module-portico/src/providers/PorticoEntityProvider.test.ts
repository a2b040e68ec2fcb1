import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { SchedulerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection, EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { GlooPlatformPortalProvider, PorticoEntityProvider } from './PorticoEntityProvider.ts';
import { captureLogger, type CapturedLogger } from '../lib/__fixtures__/capture-logger.ts';
import { startPortalReplay, type PortalReplay } from '../lib/__fixtures__/portal-replay.ts';

function connection() {
  const mutations: EntityProviderMutation[] = [];
  const conn: EntityProviderConnection = {
    applyMutation: async (m) => void mutations.push(m),
    refresh: async () => {},
  };
  return { conn, mutations };
}

const names = (m: EntityProviderMutation | undefined) =>
  m?.type === 'full' ? m.entities.map((d) => `${d.entity.kind}:${d.entity.metadata.name}`) : [];

function fakeScheduler() {
  const scheduled: { id: string; frequency: unknown; timeout: unknown; fn: (s?: AbortSignal) => Promise<void> }[] = [];
  const runners: unknown[] = [];
  const scheduler = {
    scheduleTask: async (t: never) => void scheduled.push(t),
    createScheduledTaskRunner: (schedule: object) => {
      runners.push(schedule);
      return { run: async (t: { id: string; fn: () => Promise<void> }) => void scheduled.push({ ...schedule, ...t } as never) };
    },
  } as unknown as SchedulerService;
  return { scheduler, scheduled, runners };
}

describe('PorticoEntityProvider against the recorded portal', () => {
  let portal: PortalReplay;
  let logger: CapturedLogger;
  const config = (extra: object = {}) => new ConfigReader({ glooPlatformPortal: { backend: {
    portalServerUrl: portal.portalServerUrl, clientId: 'backstage', clientSecret: 'backstage-secret',
    tokenEndpoint: portal.tokenEndpoint, ...extra } } });
  before(async () => {
    portal = await startPortalReplay();
  });
  beforeEach(() => {
    portal.overrides.clear();
    portal.requests.length = 0;
    logger = captureLogger();
  });
  after(() => portal.close());

  it('applies one full mutation with Group, User, System and one API per version', async () => {
    const provider = PorticoEntityProvider.fromConfig(config(), { logger });
    const { conn, mutations } = connection();
    await provider.connect(conn);
    const outcome = await provider.refresh();
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.portalRequests, 3);
    assert.equal(mutations.length, 1);
    assert.deepEqual(names(mutations[0]), ['Group:solo-io-service-accounts', 'User:gloo-platform-portal-service-account',
      'System:gloo-platform-portal-apis', 'API:petstore-v1', 'API:tracks-v1']);
    assert.ok(mutations[0]!.type === 'full' && mutations[0]!.entities.every((d) => d.locationKey === 'gloo-platform-portal-provider'));
    assert.equal(provider.getProviderName(), 'gloo-platform-portal-backend-provider');
  });

  const outages: [string, (p: PortalReplay) => void][] = [
    ['the IdP refuses the credentials', (p) => p.overrides.set('/token', { status: 401, body: '{"error":"invalid_client"}' })],
    ['the IdP is down (5xx)', (p) => p.overrides.set('/token', { status: 503, body: '' })],
    ['the portal answers 401', (p) => p.overrides.set('/v1/apis', { status: 401, body: '{}' })],
    ['the portal answers 500', (p) => p.overrides.set('/v1/apis', { status: 500, body: '{}' })],
    ['the portal sends malformed JSON', (p) => p.overrides.set('/v1/apis', { status: 200, body: '[{' })],
    ['page 2 (a schema) fails', (p) => p.overrides.set('/v1/apis/tracks-v1/schema', { status: 502, body: '' })],
  ];
  for (const [what, breakIt] of outages) {
    it(`applies no mutation when ${what}, logs it once, and recovers`, async () => {
      const provider = PorticoEntityProvider.fromConfig(config(), { logger });
      const { conn, mutations } = connection();
      await provider.connect(conn);
      breakIt(portal);
      for (let i = 0; i < 3; i++) assert.equal((await provider.refresh()).ok, false);
      assert.equal(mutations.length, 0, 'the catalog is left as it was');
      assert.equal(logger.at('warn').length, 1, logger.text());
      assert.match(logger.at('warn')[0]!, /^\[(TOKEN|PORTAL)_[A-Z_]+\] portal sync failed, catalog left unchanged: /);
      portal.overrides.clear();
      assert.ok((await provider.refresh()).ok);
      assert.equal(names(mutations[0]).length, 5);
      assert.match(logger.at('info').join('\n'), /portal sync recovered/);
    });
  }

  it('applies no mutation while the portal is unreachable, and says which URL once', async () => {
    const provider = PorticoEntityProvider.fromConfig(config({ portalServerUrl: 'http://127.0.0.1:1/v1' }), { logger });
    const { conn, mutations } = connection();
    await provider.connect(conn);
    for (let i = 0; i < 3; i++) {
      const r = await provider.refresh();
      assert.ok(!r.ok && r.code === 'PORTAL_UNREACHABLE');
    }
    assert.equal(mutations.length, 0);
    assert.deepEqual(logger.at('warn').length, 1);
    assert.match(logger.at('warn')[0]!, /\[PORTAL_UNREACHABLE\] .*http:\/\/127\.0\.0\.1:1\/v1\/apis/);
  });

  it('logs nothing secret, even with debugLogging', async () => {
    const provider = PorticoEntityProvider.fromConfig(config({ debugLogging: true }), { logger });
    const { conn } = connection();
    await provider.connect(conn);
    assert.ok((await provider.refresh()).ok);
    portal.overrides.set('/v1/apis', { status: 401, body: '{}' });
    await provider.refresh();
    portal.overrides.set('/token', { status: 400, body: '{"error":"invalid_client"}' });
    await provider.refresh();
    const text = logger.text();
    assert.match(text, /\[debug\] GET .*\/v1\/apis -> 200/, 'debug logging is on');
    assert.ok(portal.issued.length >= 1);
    for (const secret of ['backstage-secret', ...portal.issued, Buffer.from('backstage:backstage-secret').toString('base64')]) {
      assert.ok(!text.includes(secret), `leaked ${secret.slice(0, 12)}…`);
    }
  });

  it('asks the IdP for a new token after the portal says 401', async () => {
    const provider = PorticoEntityProvider.fromConfig(config(), { logger });
    await provider.connect(connection().conn);
    await provider.refresh();
    portal.overrides.set('/v1/apis', { status: 401, body: '{}' });
    await provider.refresh();
    portal.overrides.clear();
    await provider.refresh();
    assert.equal(portal.requests.filter((r) => r.path === '/token').length, 2);
  });

  it('returns SYNC_NOT_CONNECTED without a request before connect()', async () => {
    const provider = PorticoEntityProvider.fromConfig(config(), { logger });
    const r = await provider.refresh();
    assert.ok(!r.ok && r.code === 'SYNC_NOT_CONNECTED');
    assert.equal(portal.requests.length, 0);
  });

  it('applies the entity transformer to API entities; a throwing one is logged and skipped', async () => {
    const provider = PorticoEntityProvider.fromConfig(config(), { logger, transformer: (e, v) =>
      v.apiProductId === 'tracks' ? undefined : { ...e, metadata: { ...e.metadata, labels: { team: 'pets' } } } });
    const { conn, mutations } = connection();
    await provider.connect(conn);
    await provider.refresh();
    assert.deepEqual(names(mutations[0]).filter((n) => n.startsWith('API:')), ['API:petstore-v1']);
    const api = mutations[0]!.type === 'full' ? mutations[0]!.entities[3]!.entity : undefined;
    assert.deepEqual(api?.metadata.labels, { team: 'pets' });
    provider.setTransformer(() => {
      throw new Error('nope');
    });
    await provider.refresh();
    assert.equal(names(mutations[1]).length, 5);
    assert.match(logger.at('warn').join('\n'), /\[TRANSFORM_FAILED\].*petstore-v1.*nope/);
  });

  it("keeps the seed's v0.0.25 surface: new GlooPlatformPortalProvider(env, logger, config) + startScheduler", async () => {
    const gppp = new GlooPlatformPortalProvider('production', logger, config({
      syncFrequency: { hours: 0, minutes: 1, seconds: 0, milliseconds: 0 },
      syncTimeout: { hours: 0, minutes: 0, seconds: 10, milliseconds: 0 } }));
    assert.equal(gppp.getProviderName(), 'gloo-platform-portal-production');
    const { conn, mutations } = connection();
    await gppp.connect(conn);
    assert.equal(mutations.length, 0, 'connect() alone runs nothing');
    const { scheduler, scheduled } = fakeScheduler();
    await gppp.startScheduler(scheduler);
    assert.equal(scheduled.length, 1);
    assert.deepEqual(scheduled[0]!.frequency, { hours: 0, minutes: 1, seconds: 0, milliseconds: 0 });
    assert.deepEqual(scheduled[0]!.timeout, { hours: 0, minutes: 0, seconds: 10, milliseconds: 0 });
    await scheduled[0]!.fn();
    assert.ok(mutations[0]?.type === 'full' && mutations[0].entities.every((d) => d.locationKey === 'gloo-platform-portal-provider:production'));
  });

  it("keeps the current release's surface: new GlooPlatformPortalProvider(logger, config, scheduler) schedules on connect", async () => {
    const { scheduler, scheduled, runners } = fakeScheduler();
    const gppp = new GlooPlatformPortalProvider(logger, config(), scheduler);
    assert.deepEqual(runners, [{ frequency: { minutes: 5 }, timeout: { seconds: 30 } }]);
    assert.equal(scheduled.length, 0);
    const { conn, mutations } = connection();
    await gppp.connect(conn);
    assert.equal(scheduled[0]!.id, 'gloo-platform-portal-backend-provider:refresh');
    await scheduled[0]!.fn();
    assert.equal(names(mutations[0]).length, 5);
    await gppp.startScheduler(scheduler);
    assert.equal(scheduled.length, 1, 'startScheduler after connect does not schedule twice');
  });
});
