// opaAuth with the real @portico/rego engine (gloo-api.md §7 items 37–41).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { silentLogger } from '../src/pipeline/deps.ts';
import { defaultRego } from '../src/service/default-rego.ts';
import type { StepConfig } from '../src/steps/kinds.ts';
import { accessClaims, makeIssuer } from './helpers/tokens.ts';
import { checkRequest } from './helpers/check-request.ts';

const SEED_REGO = readFileSync(new URL('./__fixtures__/oauth-scope-apiproduct.rego', import.meta.url), 'utf8');
const issuer = await makeIssuer('kid-1');
const jwtStep: StepConfig = { kind: 'accessTokenValidation', name: 'jwt', config: { jwt: { localJwks: { inlineString: JSON.stringify(issuer.jwks) } } } };

function service(configs: StepConfig[]) {
  assert.ok(defaultRego, '@portico/rego must load');
  const svc = new PorticoAuthService({ logger: silentLogger });
  svc.update(new Map([['ns.p', { configId: 'ns.p', state: 'ACCEPTED', fingerprint: 'x', spec: { configs, booleanExpr: null, failOnRedirect: false } }]]));
  return svc;
}
const opa = (modules: Record<string, string>, query: string): StepConfig => ({ kind: 'opaAuth', name: 'opa', config: { modules, query } });
const bearer = async (scope: string) => ({ authorization: `Bearer ${await issuer.sign(accessClaims(scope))}` });

test('seed policy: scope must equal the route api_product_id (items 37, 38)', async () => {
  const svc = service([jwtStep, opa({ 'policy.rego': SEED_REGO }, 'data.test.allow == true')]);
  const cases: [string, string, boolean][] = [
    ['tracks petstore', 'tracks', true],
    ['tracks petstore', 'petstore', true],
    ['tracks', 'petstore', false],
    ['tracks', 'tracks', true],
    ['', 'tracks', false],
  ];
  for (const [scope, product, allowed] of cases) {
    const r = await svc.check(checkRequest({ configId: 'ns.p', apiProductId: product, headers: await bearer(scope) }));
    assert.equal(r.allowed, allowed, `${scope} → ${product}`);
    if (!r.allowed) assert.equal(r.status, 403);
  }
  // No portal metadata on the route → the policy cannot allow.
  const none = await svc.check(checkRequest({ configId: 'ns.p', apiProductId: null, headers: await bearer('tracks') }));
  assert.equal(none.allowed, false);
  svc.close();
});

test('input document: check_request (snake_case), http_request, state null for a first step (item 39)', async () => {
  const rego = `package t
default ok = false
ok {
  input.state == null
  input.http_request.headers["x-probe"] == "1"
  input.http_request.method == "GET"
  input.http_request.path == "/trackapi/tracks?q=1"
  input.check_request.attributes.context_extensions.config_id == "ns.p"
  input.check_request.attributes.request.http.headers[":authority"] == "api.example.com"
  input.check_request.attributes.source.address.socket_address.address == "127.0.0.1"
  input.check_request.attributes.metadata_context.filter_metadata["io.solo.gloo.apimanagement"].api_id == "tracks-v1"
}`;
  const svc = service([opa({ 'p.rego': rego }, 'data.t.ok')]);
  assert.equal((await svc.check(checkRequest({ configId: 'ns.p', path: '/trackapi/tracks?q=1', headers: { 'x-probe': '1' } }))).allowed, true);
  assert.equal((await svc.check(checkRequest({ configId: 'ns.p', path: '/trackapi/tracks?q=1' }))).allowed, false);
  svc.close();
});

test('query results: true / [true, …] allow; false, non-boolean, undefined deny (item 40)', async () => {
  const mod = { 'p.rego': 'package t\nyes = true\nno = false\narr = [true, "x"]\nbad = [false]\nnum = 1\n' };
  const expect: [string, boolean][] = [['data.t.yes', true], ['data.t.arr', true], ['data.t.no', false], ['data.t.bad', false], ['data.t.num', false], ['data.t.missing', false]];
  for (const [query, allowed] of expect) {
    const svc = service([opa(mod, query)]);
    assert.equal((await svc.check(checkRequest({ configId: 'ns.p' }))).allowed, allowed, query);
    svc.close();
  }
});

test('object result: deny with status/body/header; allow with header add/remove and dynamic metadata (item 41)', async () => {
  const rego = `package t
default decision = {"allow": false, "http_status": 429, "body": "quota exceeded", "headers": {"x-reason": "quota"}}
decision = {"allow": true, "headers": {"x-user": "alice"}, "request_headers_to_remove": ["api-key"], "response_headers_to_add": {"x-plan": "gold"}, "dynamic_metadata": {"usagePlan": "gold", "userId": "alice"}} {
  input.http_request.headers["api-key"] == "k1"
}`;
  const svc = service([opa({ 'p.rego': rego }, 'data.t.decision')]);
  const denied = await svc.check(checkRequest({ configId: 'ns.p' }));
  assert.deepEqual(denied.allowed ? null : [denied.status, denied.body, denied.headers], [429, 'quota exceeded', [['x-reason', 'quota']]]);
  const ok = await svc.check(checkRequest({ configId: 'ns.p', headers: { 'api-key': 'k1' } }));
  assert.equal(ok.allowed, true);
  if (ok.allowed) {
    assert.deepEqual(ok.headersToSet, [['x-user', 'alice']]);
    assert.deepEqual(ok.headersToRemove, ['api-key']);
    assert.deepEqual(ok.responseHeadersToAdd, [['x-plan', 'gold']]);
    assert.deepEqual(ok.dynamicMetadata, { usagePlan: 'gold', userId: 'alice' });
  }
  svc.close();
});

test('an evaluation error denies (fail closed) and counts as an error', async () => {
  const svc = service([opa({ 'p.rego': 'package t\nx = 1 / 0\n' }, 'data.t.x')]);
  const r = await svc.check(checkRequest({ configId: 'ns.p' }));
  assert.equal(r.allowed, false);
  const text = await svc.metrics.registry.metrics();
  assert.match(text, /portico_extauth_(error|denied)_total\{config_id="ns.p"/);
  svc.close();
});

test('a Rego compile error rejects the config with the Rego error; other configs keep working', async () => {
  const svc = new PorticoAuthService({ logger: silentLogger });
  svc.update(new Map([
    ['ns.bad', { configId: 'ns.bad', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [opa({ 'p.rego': 'package t\nallow {' }, 'data.t.allow')], booleanExpr: null, failOnRedirect: false } }],
    ['ns.good', { configId: 'ns.good', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [opa({ 'p.rego': 'package t\nallow = true' }, 'data.t.allow')], booleanExpr: null, failOnRedirect: false } }],
  ]));
  const states = svc.configStates();
  assert.equal(states.get('ns.bad')?.state, 'REJECTED');
  assert.match(states.get('ns.bad')!.reason, /p\.rego/);
  assert.equal((await svc.check(checkRequest({ configId: 'ns.bad' }))).allowed, false);
  assert.equal((await svc.check(checkRequest({ configId: 'ns.good' }))).allowed, true);
  svc.close();
});
