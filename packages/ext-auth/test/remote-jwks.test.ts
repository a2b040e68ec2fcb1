// Remote JWKS against a loopback IdP stand-in (gloo-api.md §7 item 35; style.md convention 13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteJwks, REMOTE_JWKS_DEFAULTS, type RemoteJwksOptions } from '../src/jwt/remote-jwks.ts';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { silentLogger } from '../src/pipeline/deps.ts';
import { accessClaims, makeIssuer } from './helpers/tokens.ts';
import { checkRequest } from './helpers/check-request.ts';
import { until as poll } from '@portico/testing';

interface JwksServer { url: string; hits: number; mode: 'ok' | 'fail' | 'hang'; jwks: unknown; close(): Promise<void> }

async function jwksServer(jwks: unknown): Promise<JwksServer> {
  const state: JwksServer = { url: '', hits: 0, mode: 'ok', jwks, close: async () => {} };
  const hung: import('node:http').ServerResponse[] = [];
  const server: Server = createServer((_req, res) => {
    state.hits++;
    if (state.mode === 'hang') return void hung.push(res);
    if (state.mode === 'fail') return void res.writeHead(503).end('down');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.jwks));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  state.close = () => new Promise((r) => { for (const h of hung) h.destroy(); server.closeAllConnections(); server.close(() => r()); });
  return state;
}

const opts = (url: string, o: Partial<RemoteJwksOptions> = {}): RemoteJwksOptions => ({ ...REMOTE_JWKS_DEFAULTS, url, ...o });
const deps = { fetch, now: Date.now, logger: silentLogger };
/** Bounded poll for an event the test cannot subscribe to (a timer-driven refresh, a retry after a failure). */
const until = (cond: () => boolean | Promise<boolean>, ms = 3000) => poll(async () => ((await cond()) ? true : undefined), 'condition', ms, 10);

test('keys are fetched at start, refreshed on the interval, and kept while the IdP is down', async () => {
  const iss = await makeIssuer('k1');
  const srv = await jwksServer(iss.jwks);
  const jwks = new RemoteJwks(opts(srv.url, { refreshIntervalMs: 1000 }), deps);
  jwks.start();
  await until(() => jwks.loaded);
  assert.ok(jwks.getKey('k1'));
  srv.mode = 'fail';
  await until(() => srv.hits >= 2, 3000);
  await until(() => jwks.lastError !== null);
  assert.ok(jwks.getKey('k1'), 'last good keys kept');
  jwks.close();
  await srv.close();
});

test('JWKS down at load, then up: the config recovers (not Gloo issue 7803)', async () => {
  const iss = await makeIssuer('k1');
  const srv = await jwksServer(iss.jwks);
  srv.mode = 'fail';
  const svc = new PorticoAuthService({ logger: silentLogger });
  svc.update(new Map([['ns.r', { configId: 'ns.r', state: 'ACCEPTED', fingerprint: '1', spec: { configs: [{ kind: 'accessTokenValidation', name: 'jwt', config: { jwt: { remoteJwks: { url: srv.url, refreshIntervalMs: 60_000 } } } }], booleanExpr: null, failOnRedirect: false } }]]));
  const req = checkRequest({ configId: 'ns.r', headers: { authorization: `Bearer ${await iss.sign(accessClaims('tracks'))}` } });
  await until(() => srv.hits >= 1);
  const first = await svc.check(req); // no keys yet, whether or not the failed response has been processed

  assert.equal(first.allowed, false);
  if (!first.allowed) assert.match(first.reason, /AUTH_JWKS_UNAVAILABLE/);
  srv.mode = 'ok';
  // Retries back off from 1 s, far below the 60 s refresh interval.
  await until(async () => (await svc.check(req)).allowed, 4000);
  assert.ok(srv.hits >= 2);
  svc.close();
  await srv.close();
});

test('unknown kid, policy rateLimited: 100 concurrent lookups cause exactly one fetch; one more after the cooldown', async () => {
  const iss = await makeIssuer('k1');
  const srv = await jwksServer(iss.jwks);
  let nowMs = 1_000_000;
  const jwks = new RemoteJwks(opts(srv.url, { unknownKid: 'rateLimited', cooldownMs: 60_000 }), { ...deps, now: () => nowMs });
  jwks.start();
  await until(() => jwks.loaded);
  const before = srv.hits;
  const ac = new AbortController();
  const found = await Promise.all(Array.from({ length: 100 }, () => jwks.resolveUnknownKid('nope', ac.signal)));
  assert.ok(found.every((f) => f === undefined));
  assert.equal(srv.hits - before, 1);
  // Inside the cooldown a new unknown kid does not fetch again; once it has passed, it does.
  nowMs += 59_999;
  await jwks.resolveUnknownKid('nope2', ac.signal);
  assert.equal(srv.hits - before, 1);
  nowMs += 1;
  await jwks.resolveUnknownKid('nope3', ac.signal);
  assert.equal(srv.hits - before, 2);
  jwks.close();
  await srv.close();
});

test('unknown kid: policy never does not fetch; always picks up a rotated key', async () => {
  const a = await makeIssuer('k1');
  const b = await makeIssuer('k2');
  const srv = await jwksServer(a.jwks);
  const never = new RemoteJwks(opts(srv.url), deps);
  const always = new RemoteJwks(opts(srv.url, { unknownKid: 'always' }), deps);
  never.start();
  always.start();
  await until(() => never.loaded && always.loaded);
  srv.jwks = { keys: [...a.jwks.keys, ...b.jwks.keys] };
  const hits = srv.hits;
  const ac = new AbortController();
  assert.equal(await never.resolveUnknownKid('k2', ac.signal), undefined);
  assert.equal(srv.hits, hits);
  assert.ok(await always.resolveUnknownKid('k2', ac.signal));
  never.close();
  always.close();
  await srv.close();
});

// The fetch timeout (60 s) is beyond the test's own timeout: the lookup can only return in time through the
// bounded wait (unknownKidWaitMs), never by waiting for the fetch.
test('a hanging JWKS endpoint never stalls requests (bounded wait, then deny)', { timeout: 20_000 }, async () => {
  const iss = await makeIssuer('k1');
  const srv = await jwksServer(iss.jwks);
  const jwks = new RemoteJwks(opts(srv.url, { unknownKid: 'always', unknownKidWaitMs: 200, timeoutMs: 60_000 }), deps);
  jwks.start();
  await until(() => jwks.loaded);
  srv.mode = 'hang';
  const res = await jwks.resolveUnknownKid('k9', new AbortController().signal);
  assert.equal(res, undefined);
  assert.ok(jwks.getKey('k1'), 'known keys still served while a reload hangs');
  jwks.close();
  await srv.close();
});
