// portalAuth through the real ext-auth service and the real teams-and-apps store (node:sqlite): the edges the
// gateway tests do not reach — a route without an API product, config errors, `azp` tokens, required metadata
// headers, and a store that stopped answering (fail closed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createDbCredentialLookup, openPortalAppsDb, PortalApps, type PortalAppsDb, type Result } from '@portico/portal-apps';
import { silentLogger } from '../../pipeline/deps.ts';
import { PorticoAuthService } from '../../service/auth-service.ts';
import type { CheckRequest } from '../../types.ts';
import { createPortalAuth } from './create.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-portal-step-'));
let db: PortalAppsDb;
let apiKey: string;
before(async () => {
  db = await openPortalAppsDb(join(dir, 'portal.db'));
  const apps = new PortalApps({ db: db.db });
  const v = <T>(r: Result<T>): T => (r.ok ? r.value : assert.fail(r.message));
  const member = v(await apps.caller({ sub: 'm', email: 'm@example.com', name: 'M', username: null }, false));
  const admin = v(await apps.caller({ sub: 'a', email: 'a@example.com', name: 'A', username: null }, true));
  const team = v(await apps.createTeam(member, { name: 'edge' }));
  const app = v(await apps.createApp(member, team.id, { name: 'edge-app' }));
  apiKey = v(await apps.createApiKey(member, app.id, { apiKeyName: 'k' })).apiKey!;
  const sub = v(await apps.createSubscription(member, app.id, 'tracks'));
  v(await apps.decideSubscription(admin, sub.id, 'approve'));
  v(await apps.setSubscriptionMetadata(admin, sub.id, { customMetadata: { tier: 'gold' } }));
});
after(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function service(config: Record<string, unknown>, lookup = createDbCredentialLookup(db.db)): PorticoAuthService {
  const svc = new PorticoAuthService({ logger: silentLogger, portalApps: lookup, rego: null });
  svc.update(new Map([['ns.apps', { configId: 'ns.apps', state: 'ACCEPTED', fingerprint: JSON.stringify(config), spec: { configs: [{ kind: 'portalAuth', name: 'portal', config }], booleanExpr: null, failOnRedirect: false } }]]));
  return svc;
}

function request(headers: Record<string, string>, product: string | null = 'tracks'): CheckRequest {
  return {
    attributes: {
      request: { http: { method: 'GET', path: '/tracks', host: 'api.test', headers: { ':authority': 'api.test', ...headers } } },
      context_extensions: { config_id: 'ns.apps' },
      metadata_context: { filter_metadata: product ? { 'io.solo.gloo.apimanagement': { api_product_id: product } } : {} },
    },
  };
}

test('config: a bad header name is refused when compiled', () => {
  const deps = { now: Date.now, fetch, jwks: null as never, logger: silentLogger, rego: null, mode: 'validate' as const };
  const r = createPortalAuth('p', { apiKeyHeader: 'bad header' }, deps);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.message, /portalAuth: apiKeyHeader "bad header" is not a valid header name/);
  const h = createPortalAuth('p', { headersFromMetadataEntry: { 'X-Tier': { name: '' } } }, deps);
  assert.match(h.ok ? '' : h.message, /headersFromMetadataEntry.X-Tier.name is required/);
});

test('metadata headers, a required entry, a route without an API product, another product', async () => {
  const ok = await service({ headersFromMetadataEntry: { 'X-Tier': { name: 'tier', required: true }, 'X-Product': { name: 'apiProductId' } } }).check(request({ 'api-key': apiKey }));
  assert.equal(ok.allowed, true);
  if (ok.allowed) {
    assert.deepEqual(ok.headersToSet, [['x-tier', 'gold'], ['x-product', 'tracks']]);
    assert.equal((ok.dynamicMetadata.portal as { apiProductId: string }).apiProductId, 'tracks');
  }
  const missing = await service({ headersFromMetadataEntry: { 'X-Region': { name: 'region', required: true } } }).check(request({ 'api-key': apiKey }));
  assert.equal(missing.allowed ? 0 : missing.status, 403);
  const noProduct = await service({}).check(request({ 'api-key': apiKey }, null));
  assert.equal(noProduct.allowed ? 0 : noProduct.status, 403);
  const other = await service({}).check(request({ 'api-key': apiKey }, 'petstore'));
  assert.deepEqual(other.allowed ? null : [other.status, JSON.parse(other.body).message], [403, 'app edge-app is not subscribed to API product petstore']);
});

test('a store that does not answer fails closed (403, no body naming internals)', async () => {
  const closed = await openPortalAppsDb(join(dir, 'closed.db'));
  const down = service({}, createDbCredentialLookup(closed.db));
  await closed.close();
  const r = await down.check(request({ 'api-key': apiKey }));
  assert.equal(r.allowed, false);
  if (!r.allowed) {
    assert.equal(r.status, 403);
    assert.equal(r.body, '');
    assert.match(r.reason, /AUTH_PORTAL_UNAVAILABLE: portal database unavailable/);
  }
});
