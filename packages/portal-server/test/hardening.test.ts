// Issue 11 items 8 and 9 at the portal server: a cap on API keys per user and plan, 413 (not 503) for a 2 MB
// body — also through the gateway, where an early answer used to be lost to a reset connection — and the Origin
// check on writes authenticated by the browser session (CSRF), on top of SameSite=Lax.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createGateway, type Gateway } from '@portico/gateway';
import { startPortalServer, type PortalServer, type PortalServerConfig } from '@portico/portal-server';
import pino from 'pino';
import { userTokens } from './support/login.ts';
import { startPortalEnv, type PortalEnv } from './support/portal-env.ts';

const HOST = 'portal.test:8080';
let env: PortalEnv;
let portal: PortalServer;
let gw: Gateway;
let developer: { idToken: string; accessToken: string };

function post(base: string, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const req = request({ host: u.hostname, port: u.port, path, method: 'POST', agent: false,
      headers: { host: HOST, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const createKey = (plan: string, name: string, headers: Record<string, string> = {}) =>
  post(portal.url, '/v1/api-keys', JSON.stringify({ usagePlan: plan, apiKeyName: name }), { id_token: developer.idToken, ...headers });

before(async () => {
  env = await startPortalEnv(['portals.yaml']);
  developer = await userTokens(env.idp.issuer, 'developer@example.com');
  portal = await startPortalServer({
    port: 0, keys: env.keys, limits: { maxKeysPerUserAndPlan: 3 },
    auth: { issuer: env.idp.issuer, accessTokenAudiences: ['http://gateway.test'], idTokenAudiences: ['web'] },
    config: env.cp.current()?.portal as PortalServerConfig | null,
  });
  gw = await createGateway({ listen: { port: 0 }, logger: pino({ level: 'silent' }) });
  gw.update({ revision: 1, virtualHosts: [{ name: 'portal', domains: [HOST], routes: [{
    name: 'portal', routeTable: { name: 'rt', namespace: 'n' }, routeIndex: 0, labels: {}, matchers: [], filterMetadata: {}, extAuth: null, rateLimit: null,
    action: { type: 'forward', destinations: [{ name: 'portal', origin: portal.url, host: '127.0.0.1', weight: 1 }], pathRewrite: null, regexRewrite: null, hostRewrite: null, autoHostRewrite: false, timeoutMs: null },
  }] }] });
});
after(async () => {
  await gw.close();
  await portal.close();
  await env.close();
});

describe('abuse limits', () => {
  test('at most maxKeysPerUserAndPlan keys per user and plan: the next one is 409 naming the limit; deleting frees a slot', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await createKey('bronze', `cap ${i}`);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      made.push(r.body.id);
    }
    const over = await createKey('bronze', 'cap 3');
    assert.equal(over.status, 409);
    assert.equal(over.body.code, 'PORTAL_QUOTA_EXCEEDED');
    assert.equal(over.body.field, 'usagePlan');
    assert.match(over.body.message, /at most 3 API keys per usage plan/);
    assert.equal((await createKey('gold', 'other plan')).status, 201, 'another plan has its own allowance');
    const del = await env.call(HOST, `/v1/api-keys/${made[0]}`, { method: 'DELETE', idToken: developer.idToken });
    assert.equal(del.status, 200);
    assert.equal((await createKey('bronze', 'cap 3')).status, 201);
  });
});

describe('bad input', () => {
  const big = Buffer.alloc(2 * 1024 * 1024, 'a');
  test('a 2 MB body to /v1/api-keys → 413 naming the body, directly and through the gateway', async () => {
    for (const base of [portal.url, gw.url]) {
      const r = await post(base, '/v1/api-keys', big, { id_token: developer.idToken });
      assert.equal(r.status, 413, `${base}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, 'body');
    }
  });
});

describe('CSRF: Origin check on session-authenticated writes', () => {
  test('a cross-site Origin or Sec-Fetch-Site: cross-site is refused; same origin and bearer clients pass', async () => {
    const evil = await createKey('gold', 'csrf 1', { origin: 'http://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal(evil.body.code, 'PORTAL_FORBIDDEN');
    assert.match(evil.body.message, /cross-site request refused: Origin http:\/\/evil\.example/);
    const fetchSite = await createKey('gold', 'csrf 2', { 'sec-fetch-site': 'cross-site' });
    assert.equal(fetchSite.status, 403);
    const nullOrigin = await createKey('gold', 'csrf 3', { origin: 'null' });
    assert.equal(nullOrigin.status, 403);
    assert.equal((await createKey('gold', 'csrf 4', { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' })).status, 201);
    const bearer = await post(portal.url, '/v1/api-keys', JSON.stringify({ usagePlan: 'gold', apiKeyName: 'csrf 5' }),
      { authorization: `Bearer ${developer.accessToken}`, origin: 'http://evil.example' });
    assert.notEqual(bearer.status, 403, 'a bearer token is not sent by the browser on its own: no CSRF');
  });
});
