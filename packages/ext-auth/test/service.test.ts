// The AuthService around the pipelines: config isolation and swaps, missing/rejected configs, RFC 7662
// introspection + userinfo against loopback servers, Prometheus metrics on /metrics, and logs that carry the
// deny reason but never a token or a secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { silentLogger } from '../src/pipeline/deps.ts';
import { createAuthLogger } from '../src/observability/log.ts';
import { createMetricsHandler } from '../src/observability/metrics.ts';
import type { ResolvedAuthConfig, RejectedAuthConfig } from '../src/types.ts';
import { accessClaims, makeIssuer } from './helpers/tokens.ts';
import { checkRequest } from './helpers/check-request.ts';

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; json?: unknown }) {
  const seen: { auth: string | undefined; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body });
      const r = handler(req, body);
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.json ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('missing and rejected configs deny with 403; a bad config never blocks the others (items 32, 33)', async () => {
  const issuer = await makeIssuer('k');
  const svc = new PorticoAuthService({ logger: silentLogger });
  const good: ResolvedAuthConfig = { configId: 'ns.good', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [{ kind: 'accessTokenValidation', name: 'j', config: { jwt: { localJwks: { inlineString: JSON.stringify(issuer.jwks) } } } }], booleanExpr: null, failOnRedirect: false } };
  const rejected: RejectedAuthConfig = { configId: 'ns.bad', state: 'REJECTED', reason: 'invalid character' };
  const broken: ResolvedAuthConfig = { configId: 'ns.broken', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [{ kind: 'accessTokenValidation', name: 'j', config: {} }], booleanExpr: null, failOnRedirect: false } };
  svc.update(new Map<string, ResolvedAuthConfig | RejectedAuthConfig>([['ns.good', good], ['ns.bad', rejected], ['ns.broken', broken]]));
  const headers = { authorization: `Bearer ${await issuer.sign(accessClaims('x'))}` };
  assert.equal((await svc.check(checkRequest({ configId: 'ns.good', headers }))).allowed, true);
  for (const id of ['ns.bad', 'ns.broken', 'ns.unknown']) {
    const r = await svc.check(checkRequest({ configId: id, headers }));
    assert.deepEqual(r.allowed ? null : r.status, 403, id);
  }
  assert.equal(svc.configStates().get('ns.broken')?.state, 'REJECTED');
  // A malformed request never throws out of check().
  const weird = await svc.check({} as never);
  assert.equal(weird.allowed, false);
  svc.close();
});

test('update keeps an unchanged config (same fingerprint): its remote JWKS is not fetched again', async () => {
  const issuer = await makeIssuer('k');
  const idp = await listen(() => ({ status: 200, json: issuer.jwks }));
  // A compiled remote JWKS starts its fetch inside update(), so counting calls needs no waiting.
  let fetches = 0;
  const svc = new PorticoAuthService({ logger: silentLogger, fetch: (input, init) => (fetches++, fetch(input, init)) });
  const cfg: ResolvedAuthConfig = { configId: 'ns.r', state: 'ACCEPTED', fingerprint: 'v1', spec: { configs: [{ kind: 'accessTokenValidation', name: 'j', config: { jwt: { remoteJwks: { url: `${idp.url}/jwks` } } } }], booleanExpr: null, failOnRedirect: false } };
  svc.update(new Map([['ns.r', cfg]]));
  assert.equal(fetches, 1);
  svc.update(new Map<string, ResolvedAuthConfig | RejectedAuthConfig>([['ns.r', cfg], ['ns.other', { configId: 'ns.other', state: 'REJECTED', reason: 'x' }]]));
  assert.equal(fetches, 1);
  svc.close();
  await idp.close();
});

test('introspection (RFC 7662): Basic client auth, only active tokens, result cached; userinfo into state.introspection', async () => {
  let active = true;
  const introspect = await listen((_req, body) => ({ status: 200, json: new URLSearchParams(body).get('token') === 'opaque-1' && active ? { active: true, scope: 'tracks', sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600 } : { active: false } }));
  const userinfo = await listen(() => ({ status: 200, json: { sub: 'alice', email: 'alice@example.com' } }));
  const svc = new PorticoAuthService({ logger: silentLogger });
  const rego = 'package t\nallow { input.state.introspection.email == "alice@example.com" }';
  svc.update(new Map([['ns.i', { configId: 'ns.i', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [
    { kind: 'accessTokenValidation', name: 'i', config: { introspection: { introspectionUrl: introspect.url, clientId: 'rs', clientSecret: 's3cr:et' }, userinfoUrl: userinfo.url, requiredScopes: ['tracks'] } },
    { kind: 'opaAuth', name: 'o', config: { modules: { 'p.rego': rego }, query: 'data.t.allow' } },
  ], booleanExpr: null, failOnRedirect: false } }]]));
  const req = (t: string) => checkRequest({ configId: 'ns.i', headers: { authorization: `Bearer ${t}` } });
  assert.equal((await svc.check(req('opaque-1'))).allowed, true);
  assert.equal(introspect.seen[0]!.auth, 'Basic ' + Buffer.from('rs:s3cr%3Aet').toString('base64'));
  assert.equal(new URLSearchParams(introspect.seen[0]!.body).get('token_type_hint'), 'access_token');
  assert.equal(userinfo.seen[0]!.auth, 'Bearer opaque-1');
  active = false;
  assert.equal((await svc.check(req('opaque-1'))).allowed, true, 'served from the cache (cacheTimeout default 10 min)');
  assert.equal(introspect.seen.length, 1);
  const r = await svc.check(req('opaque-2'));
  assert.equal(r.allowed, false);
  if (!r.allowed) assert.match(r.reason, /AUTH_INTROSPECTION_INACTIVE/);
  svc.close();
  await introspect.close();
  await userinfo.close();
});

test('/metrics: allowed/denied/error counters and a latency histogram per config_id; deny reasons logged without tokens or secrets', async () => {
  let logs = '';
  const sink = new Writable({ write(c, _e, cb) { logs += c; cb(); } });
  const issuer = await makeIssuer('k');
  const svc = new PorticoAuthService({ logger: createAuthLogger(sink) });
  svc.update(new Map([['ns.m', { configId: 'ns.m', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [{ kind: 'accessTokenValidation', name: 'j', config: { jwt: { localJwks: { inlineString: JSON.stringify(issuer.jwks) } }, requiredScopes: ['admin'] } }], booleanExpr: null, failOnRedirect: false } }]]));
  const good = await issuer.sign(accessClaims('admin'));
  const weak = await issuer.sign(accessClaims('tracks'));
  await svc.check(checkRequest({ configId: 'ns.m', headers: { authorization: `Bearer ${good}` } }));
  await svc.check(checkRequest({ configId: 'ns.m', headers: { authorization: `Bearer ${weak}` } }));
  await svc.check(checkRequest({ configId: 'ns.m', path: `/x?access_token=${weak}` }));
  await svc.check(checkRequest({ configId: 'ns.gone' }));
  const server = createServer(createMetricsHandler(svc.metrics));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const text = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
  server.close();
  assert.match(text, /portico_extauth_allowed_total\{config_id="ns.m"\} 1/);
  assert.match(text, /portico_extauth_denied_total\{config_id="ns.m",code="AUTH_SCOPE_MISSING"\} 2/);
  assert.match(text, /portico_extauth_error_total\{config_id="ns.gone",code="AUTH_CONFIG_NOT_FOUND"\} 1/);
  assert.match(text, /portico_extauth_check_duration_seconds_count\{config_id="ns.m"\} 3/);
  assert.match(logs, /missing required scopes: admin/);
  for (const part of [...good.split('.'), ...weak.split('.')]) assert.ok(!logs.includes(part), 'token material in the logs');
  assert.ok(!logs.includes('access_token'), 'query string in the logs');
  svc.close();
});
