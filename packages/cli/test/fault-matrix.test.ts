// Issue 11 "keep the proof": the fault matrix. One real gateway with real ext-auth in front of real upstreams; each
// fault is injected for real (a JWKS server stopped, the IdP stopped, a private Redis killed and restarted, an
// upstream gone, a broken policy pushed) while requests that must be refused and requests that must pass are sent.
// Asserted: zero wrongly allowed requests during every fault, and recovery without restarting anything.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createRedisApiKeyStore, type ApiKeyStore } from '@portico/apikeys';
import { PorticoAuthService, silentLogger, type ResolvedAuthConfig, type StepConfig } from '@portico/ext-auth';
import { createGateway, type Gateway, type RouteConfig } from '@portico/gateway';
import { startIdp, type RunningIdp } from '@portico/idp';
import { startPrivateRedis, type PrivateRedis } from '@portico/redis/testing';

const H = 'api.example.com';
const ISS = 'http://issuer.test';
const server = { requestTimeoutMs: 3000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false };

/** A loopback HTTP server that can be stopped and started again on the same port. */
async function restartable(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  let srv: Server = createServer(handler);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => { srv.close(() => r()); srv.closeAllConnections(); }),
    start: async () => {
      srv = createServer(handler);
      await new Promise<void>((r) => srv.listen(port, '127.0.0.1', r));
    },
  };
}

let dir: string;
let gw: Gateway;
let auth: PorticoAuthService;
let redis: PrivateRedis;
let keys: ApiKeyStore;
let idp: RunningIdp;
let idpPort: number;
let jwks: Awaited<ReturnType<typeof restartable>>;
let upstream: Awaited<ReturnType<typeof restartable>>;
let sign: (claims: Record<string, unknown>) => Promise<string>;
let forge: (claims: Record<string, unknown>) => Promise<string>;
let goodKey: string;
let configs: Map<string, ResolvedAuthConfig>;
const tally = { tries: 0, wronglyAllowed: 0, crashes: 0 };
/** The JWKS endpoint answers 503 while down; failed refresh attempts are counted (the event the test waits for). */
let jwksDown = false;
let jwksFailures = 0;

const spec = (steps: StepConfig[]): ResolvedAuthConfig['spec'] => ({ configs: steps, booleanExpr: null, failOnRedirect: false });
const jwtStep = (): StepConfig => ({ kind: 'accessTokenValidation', name: 'jwt', config: { jwt: { remoteJwks: { url: `${jwks.url}/jwks`, refreshIntervalMs: 1000 }, issuer: ISS } } });
const POLICY = 'package p\ndefault allow = false\nallow { input.state.jwtAccessToken.scope == "tracks" }';
const opaStep = (src: string): StepConfig => ({ kind: 'opaAuth', name: 'opa', config: { modules: { 'p.rego': src }, query: 'data.p.allow == true' } });

function route(name: string, prefix: string, origin: string, configId: string | null): RouteConfig {
  return {
    name, routeTable: { name: 'rt', namespace: 'ns' }, routeIndex: 0, labels: {}, filterMetadata: {}, rateLimit: null,
    matchers: [{ uri: { type: 'prefix', value: prefix, ignoreCase: false }, headers: [], queryParameters: [], method: null }],
    action: { type: 'forward', destinations: [{ name, origin, host: '127.0.0.1', weight: 1 }], pathRewrite: null, regexRewrite: null, hostRewrite: null, autoHostRewrite: false, timeoutMs: 3000 },
    extAuth: configId === null ? null : { configId, server },
  };
}

async function call(path: string, headers: Record<string, string> = {}): Promise<number> {
  tally.tries++;
  try {
    const r = await fetch(`${gw.url}${path}`, { headers, redirect: 'manual' });
    await r.arrayBuffer();
    return r.status;
  } catch {
    tally.crashes++;
    return 0;
  }
}
/** Requests that must never pass, whatever is down. */
async function mustDeny(what: string, path: string, headers: Record<string, string> = {}): Promise<void> {
  const status = await call(path, headers);
  if (status >= 200 && status < 300) {
    tally.wronglyAllowed++;
    assert.fail(`${what}: ${path} was allowed (${status})`);
  }
}
async function eventually(what: string, f: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`did not recover: ${what}`);
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const claims = (scope = 'tracks') => ({ scope, sub: 'alice' });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-faults-'));
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
  const mk = (key: CryptoKey) => (c: Record<string, unknown>) =>
    new SignJWT(c).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' }).setIssuer(ISS).setIssuedAt().setExpirationTime('5m').sign(key);
  sign = mk(privateKey as CryptoKey);
  forge = mk(other.privateKey as CryptoKey);
  jwks = await restartable((_req, res) => {
    if (jwksDown) {
      jwksFailures++;
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  upstream = await restartable((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  redis = await startPrivateRedis();
  keys = await createRedisApiKeyStore({ url: redis.url, keyPrefix: `i11-faults-${process.pid}:`, commandTimeoutMs: 500 });
  const made = await keys.create({ name: 'k', owner: 'dev@example.com', usagePlan: 'gold' });
  assert.ok(made.ok);
  goodKey = made.value.apiKey;
  idp = await startIdp({ port: 0, stateDir: join(dir, 'idp'), config: { audience: 'http://gw', clients: [{ clientId: 'web', clientSecret: 'web-secret', grantTypes: ['authorization_code'], redirectUris: [`http://${H}/oidc/callback`] }] } });
  idpPort = Number(new URL(idp.issuer).port);

  auth = new PorticoAuthService({ logger: silentLogger, apiKeys: keys, stateDir: join(dir, 'state'), apiKeyGuessLimit: null });
  configs = new Map<string, ResolvedAuthConfig>([
    ['ns.jwt', { configId: 'ns.jwt', state: 'ACCEPTED', fingerprint: 'j', spec: spec([jwtStep()]) }],
    ['ns.key', { configId: 'ns.key', state: 'ACCEPTED', fingerprint: 'k', spec: spec([{ kind: 'apiKeyAuth', name: 'key', config: {} }]) }],
    ['ns.oidc', { configId: 'ns.oidc', state: 'ACCEPTED', fingerprint: 'o', spec: spec([{ kind: 'oidcAuthorizationCode', name: 'oidc', config: {
      clientId: 'web', clientSecret: 'web-secret', issuerUrl: idp.issuer, appUrl: `http://${H}`, callbackPath: '/oidc/callback' } as never }]) }],
    ['ns.policy', { configId: 'ns.policy', state: 'ACCEPTED', fingerprint: 'p1', spec: spec([jwtStep(), opaStep(POLICY)]) }],
  ]);
  auth.update(configs);
  gw = await createGateway({ listen: { port: 0 }, logger: silentLogger, authService: auth });
  gw.update({ revision: 1, virtualHosts: [{ name: 'vh', domains: ['*'], routes: [
    route('jwt', '/jwt/', upstream.url, 'ns.jwt'),
    route('key', '/key/', upstream.url, 'ns.key'),
    route('oidc', '/oidc/', upstream.url, 'ns.oidc'),
    route('policy', '/policy/', upstream.url, 'ns.policy'),
  ] }] });
});

after(async () => {
  await gw?.close();
  auth?.close();
  await keys?.close();
  await redis?.stop();
  await idp?.close().catch(() => undefined);
  await jwks?.stop().catch(() => undefined);
  await upstream?.stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
  console.log(`# fault matrix: ${tally.tries} tries, ${tally.wronglyAllowed} wrongly allowed, ${tally.crashes} crashes`);
});

async function alwaysRefused(): Promise<void> {
  await mustDeny('no token', '/jwt/x');
  await mustDeny('forged token', '/jwt/x', bearer(await forge(claims())));
  await mustDeny('no key', '/key/x');
  await mustDeny('unknown key', '/key/x', { 'api-key': 'pk_guess' });
  await mustDeny('no session', '/oidc/x');
  await mustDeny('policy says no', '/policy/x', bearer(await sign(claims('petstore'))));
}

test('baseline: valid credentials pass, everything else is refused', async () => {
  assert.equal(await call('/jwt/x', bearer(await sign(claims()))), 200);
  assert.equal(await call('/key/x', { 'api-key': goodKey }), 200);
  assert.equal(await call('/oidc/x'), 302, 'no session → sent to the IdP');
  assert.equal(await call('/policy/x', bearer(await sign(claims()))), 200);
  await alwaysRefused();
});

test('JWKS endpoint failing: the last good keys still verify, forgeries are still refused; back up: unchanged', async () => {
  jwksDown = true;
  await eventually('a refresh failed', async () => jwksFailures > 0);
  assert.equal(await call('/jwt/x', bearer(await sign(claims()))), 200, 'last good keys kept');
  await alwaysRefused();
  jwksDown = false;
  await eventually('JWKS back', async () => (await call('/jwt/x', bearer(await sign(claims())))) === 200);
});

test('IdP down: no session never passes (the login cannot start: refused); IdP back: the login redirect returns', async () => {
  await idp.close();
  for (let i = 0; i < 3; i++) await mustDeny('IdP down, no session', '/oidc/x');
  await alwaysRefused();
  idp = await startIdp({ port: idpPort, stateDir: join(dir, 'idp'), config: { audience: 'http://gw', clients: [{ clientId: 'web', clientSecret: 'web-secret', grantTypes: ['authorization_code'], redirectUris: [`http://${H}/oidc/callback`] }] } });
  await eventually('IdP back', async () => (await call('/oidc/x')) === 302);
});

test('Redis down: API keys fail closed (even the valid one); Redis back: the valid key passes again', async () => {
  await redis.stop();
  for (let i = 0; i < 3; i++) await mustDeny('Redis down, valid key', '/key/x', { 'api-key': goodKey });
  await alwaysRefused();
  await redis.start(); // an empty Redis: the key must be written again, as a restored backup would
  const again = await keys.create({ name: 'k2', owner: 'dev@example.com', usagePlan: 'gold' }).catch(() => null);
  await eventually('Redis back', async () => {
    const made = again?.ok ? again : await keys.create({ name: `k${Date.now()}`, owner: 'dev@example.com', usagePlan: 'gold' });
    if (!made.ok) return false;
    goodKey = made.value.apiKey;
    return (await call('/key/x', { 'api-key': goodKey })) === 200;
  });
});

test('upstream down: 503, auth still enforced first; upstream back: 200', async () => {
  await upstream.stop();
  const s = await call('/jwt/x', bearer(await sign(claims())));
  assert.ok(s === 502 || s === 503, String(s));
  await alwaysRefused();
  await upstream.start();
  await eventually('upstream back', async () => (await call('/jwt/x', bearer(await sign(claims())))) === 200);
});

test('a broken policy config is pushed: its route refuses everything; the fixed config restores it', async () => {
  configs.set('ns.policy', { configId: 'ns.policy', state: 'ACCEPTED', fingerprint: 'p2', spec: spec([jwtStep(), opaStep('package p\nallow {')]) });
  auth.update(configs);
  await mustDeny('broken policy, valid token', '/policy/x', bearer(await sign(claims())));
  await alwaysRefused();
  configs.set('ns.policy', { configId: 'ns.policy', state: 'ACCEPTED', fingerprint: 'p3', spec: spec([jwtStep(), opaStep(POLICY)]) });
  auth.update(configs);
  assert.equal(await call('/policy/x', bearer(await sign(claims()))), 200);
  assert.equal(tally.wronglyAllowed, 0);
  assert.equal(tally.crashes, 0);
});
