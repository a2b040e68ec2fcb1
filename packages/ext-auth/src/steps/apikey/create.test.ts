// apiKeyAuth through the real ext-auth service and a real (sqlite) API key store — gloo-api.md §7 tests 43–44.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { silentLogger } from '../../pipeline/deps.ts';
import { PorticoAuthService } from '../../service/auth-service.ts';
import type { CheckRequest, ResolvedAuthConfig } from '../../types.ts';
import { createApiKeyAuth } from './create.ts';

const dir = mkdtempSync(join(tmpdir(), 'portico-apikey-step-'));
const store = createSqliteApiKeyStore({ path: join(dir, 'keys.db') });
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function service(config: Record<string, unknown>): PorticoAuthService {
  const svc = new PorticoAuthService({ logger: silentLogger, apiKeys: store, rego: null });
  const cfg: ResolvedAuthConfig = {
    configId: 'ns.keys',
    state: 'ACCEPTED',
    fingerprint: JSON.stringify(config),
    spec: { configs: [{ kind: 'apiKeyAuth', name: 'keys', config }], booleanExpr: null, failOnRedirect: false },
  };
  svc.update(new Map([['ns.keys', cfg]]));
  return svc;
}

function request(headers: Record<string, string>): CheckRequest {
  return {
    attributes: {
      request: { http: { method: 'GET', path: '/tracks', host: 'api.example.com', headers: { ':authority': 'api.example.com', ...headers } } },
      context_extensions: { config_id: 'ns.keys' },
    },
  };
}

const planHeader = { headersFromMetadataEntry: { 'X-Solo-Plan': { name: 'usagePlan', required: true } } };

test('§7-43 missing or wrong key → 401 with `www-authenticate: API key is missing or invalid`', async () => {
  const svc = service(planHeader);
  const cases: Record<string, string>[] = [{}, { 'api-key': 'pk_nope' }, { 'x-api-key': 'pk_nope' }];
  for (const headers of cases) {
    const r = await svc.check(request(headers));
    assert.equal(r.allowed, false);
    assert.ok(!r.allowed && r.status === 401);
    assert.ok(!r.allowed && r.headers.some(([k, v]) => k === 'www-authenticate' && v === 'API key is missing or invalid'));
  }
});

test('§7-43/44 good key → allowed with X-Solo-Plan, dynamic metadata userId/usagePlan, state api_key_value', async () => {
  const made = await store.create({ name: 'k1', owner: 'dev@example.com', usagePlan: 'gold' });
  assert.ok(made.ok);
  const svc = service(planHeader);
  const r = await svc.check(request({ 'api-key': made.value.apiKey }));
  assert.ok(r.allowed);
  assert.deepEqual(r.headersToSet, [['x-solo-plan', 'gold']]);
  assert.deepEqual(r.dynamicMetadata, { userId: 'dev@example.com', usagePlan: 'gold' });
  // state is what a following OPA step sees.
  const step = createApiKeyAuth('k', planHeader, { now: Date.now, fetch, jwks: null as never, logger: silentLogger, rego: null, mode: 'serve', apiKeys: store });
  assert.ok(step.ok);
  const { AuthContext } = await import('../../pipeline/context.ts');
  const out = await step.value.evaluate(new AuthContext(request({ 'api-key': made.value.apiKey }), 'ns.keys', Date.now()), AbortSignal.timeout(1000));
  assert.ok(out.ok);
  assert.equal(out.state?.api_key_value, made.value.apiKey);
  assert.equal(out.state?.userId, 'dev@example.com');
  assert.equal(out.state?.usagePlan, 'gold');
  assert.equal(out.state?.['x-solo-plan'], 'gold', 'a mapped metadata value is in the state under its header name');
  // Revocation is visible on the very next request.
  assert.ok((await store.delete('dev@example.com', made.value.record.id)).ok);
  const again = await svc.check(request({ 'api-key': made.value.apiKey }));
  assert.ok(!again.allowed && again.status === 401);
});

test('§7-43 required metadata entry missing → rejected; custom headerName; inline validApiKeys', async () => {
  const svc = service({
    headerName: 'X-Api-Key',
    headersFromMetadataEntry: { 'X-Team': { name: 'team', required: true } },
    validApiKeys: { 'inline-key': { username: 'robot', metadata: { team: 'blue' } }, 'no-team': { username: 'robot2' } },
  });
  const made = await store.create({ name: 'k2', owner: 'u', usagePlan: 'bronze' });
  assert.ok(made.ok);
  const lacking = await svc.check(request({ 'x-api-key': made.value.apiKey }));
  assert.ok(!lacking.allowed && lacking.status === 401, 'store key without `team` metadata');
  const inline = await svc.check(request({ 'x-api-key': 'inline-key' }));
  assert.ok(inline.allowed && inline.headersToSet.some(([k, v]) => k === 'x-team' && v === 'blue'));
  assert.ok(inline.allowed && inline.dynamicMetadata.userId === 'robot');
  const noTeam = await svc.check(request({ 'x-api-key': 'no-team' }));
  assert.ok(!noTeam.allowed && noTeam.status === 401);
});

test('bad config is refused with a coded error before any lookup', () => {
  const deps = { now: Date.now, fetch, jwks: null as never, logger: silentLogger, rego: null, mode: 'serve' as const, apiKeys: store };
  const bad = createApiKeyAuth('k', { headerName: 'bad header' }, deps);
  assert.ok(!bad.ok && bad.code === 'AUTH_CONFIG_INVALID' && bad.message.includes('headerName'));
  const noName = createApiKeyAuth('k', { headersFromMetadataEntry: { 'X-Plan': { name: '' } } }, deps);
  assert.ok(!noName.ok && noName.message.includes('headersFromMetadataEntry.X-Plan.name'));
  const noStore = createApiKeyAuth('k', {}, { ...deps, apiKeys: null });
  assert.ok(!noStore.ok && noStore.message.includes('no API key store'));
});
