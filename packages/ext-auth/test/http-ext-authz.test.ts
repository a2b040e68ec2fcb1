// HTTP ext_authz mode (gloo-api.md §3.4; §7 item 50): Envoy-style requests straight to the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHttpExtAuthServer } from '../src/transport/http/server.ts';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { silentLogger } from '../src/pipeline/deps.ts';
import { accessClaims } from './helpers/tokens.ts';
import { seedService, SEED_CONFIG_ID } from './helpers/seed-service.ts';

const md = (product: string) => JSON.stringify({ 'io.solo.gloo.apimanagement': { api_product_id: product } });

test('Envoy-style: path prefix stripped, 200 allow, 403 deny, config from x-portico-config-id, bad metadata → 400, oversize body → 413', async () => {
  const { svc, issuer } = await seedService();
  const srv = await startHttpExtAuthServer(svc, { pathPrefix: '/check', maxRequestBytes: 64 });
  const base = `http://127.0.0.1:${srv.port}`;
  const token = await issuer.sign(accessClaims('tracks'));
  const h = (extra: Record<string, string> = {}) => ({ 'x-portico-config-id': SEED_CONFIG_ID, 'x-portico-filter-metadata': md('tracks'), ...extra });
  assert.equal((await fetch(`${base}/check/trackapi/tracks`, { headers: h({ authorization: `Bearer ${token}` }) })).status, 200);
  assert.equal((await fetch(`${base}/check/trackapi/tracks`, { headers: h() })).status, 403);
  assert.equal((await fetch(`${base}/check/petstore/pet/1`, { headers: { ...h({ authorization: `Bearer ${token}` }), 'x-portico-filter-metadata': md('petstore') } })).status, 403);
  assert.equal((await fetch(`${base}/check/x`, { headers: h({ 'x-portico-filter-metadata': '[1' }) })).status, 400);
  assert.equal((await fetch(`${base}/check/x`, { method: 'POST', headers: h(), body: 'x'.repeat(100) })).status, 413);
  await srv.close();
  svc.close();
});

test('allow carries headers to set and x-envoy-auth-headers-to-remove; deny carries the policy status/body (item 50)', async () => {
  const svc = new PorticoAuthService({ logger: silentLogger });
  const rego = `package t
default d = {"allowed": false, "http_status": 401, "body": "nope", "headers": {"www-authenticate": "Bearer"}}
d = {"allowed": true, "headers": {"x-user": "alice"}, "request_headers_to_remove": ["api-key", "cookie"]} { input.http_request.headers["api-key"] == "k" }`;
  svc.update(new Map([['ns.h', { configId: 'ns.h', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [{ kind: 'opaAuth', name: 'o', config: { modules: { 'p.rego': rego }, query: 'data.t.d' } }], booleanExpr: null, failOnRedirect: false } }]]));
  const srv = await startHttpExtAuthServer(svc, { defaultConfigId: 'ns.h' });
  const ok = await fetch(`http://127.0.0.1:${srv.port}/any`, { headers: { 'api-key': 'k' } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('x-user'), 'alice');
  assert.equal(ok.headers.get('x-envoy-auth-headers-to-remove'), 'api-key, cookie');
  const no = await fetch(`http://127.0.0.1:${srv.port}/any`);
  assert.equal(no.status, 401);
  assert.equal(no.headers.get('www-authenticate'), 'Bearer');
  assert.equal(await no.text(), 'nope');
  await srv.close();
  svc.close();
});
