// Issue 5 "done when": the developer-portal flow as a browser does it — log in through the ext-auth OIDC step
// and the dev IdP's login form, list products, create a key, call tracks with it (200), exceed the bronze plan
// (429), delete the key (401), log out (session gone) — on the quickstart manifests, through the gateway, once
// with the embedded stores (sqlite, cookie session) and once with Redis (keys, counters and server-side sessions).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { startDemo } from '@portico/demo';
import { startIdp } from '@portico/idp';
import { LoopbackBrowser } from './support/loopback-browser.ts';
import { http } from './support/http.ts';
import { freePort, quickstartIdpConfig, quickstartManifests } from './support/quickstart.ts';
import { startStack } from './support/stack.ts';

const REDIS = 'redis://127.0.0.1:6379';

async function runFlow(variant: 'embedded' | 'redis') {
  const dir = await mkdtemp(join(tmpdir(), `portico-e2e-${variant}-`));
  const idpPort = await freePort();
  const issuer = `http://localhost:${idpPort}`;
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const stack = await startStack({ stateDir: join(dir, 'state'), redisUrl: variant === 'redis' ? REDIS : null, portalAuth: { issuer, idTokenAudiences: ['portal-client'] } });
  const gw = stack.gatewayPort;
  const idpConfig = join(dir, 'idp.yaml');
  await writeFile(idpConfig, quickstartIdpConfig(gw));
  const idp = await startIdp({ port: idpPort, issuer, stateDir: dir, config: idpConfig, persistGrants: false });
  const sessionPrefix = `portico-e2e-${randomBytes(4).toString('hex')}:`;
  const redis = variant === 'redis' ? new Redis(REDIS) : null;
  try {
    // Redis variant: server-side sessions in Redis (cookie `__session` holds only an id).
    await stack.apply(
      quickstartManifests({ issuer, petstore: demo.petstore.port, tracks: demo.tracks.port }, (t) =>
        variant === 'redis'
          ? t.replaceAll('              headers:\n                idTokenHeader: id_token', `              session:\n                redis:\n                  options:\n                    host: 127.0.0.1:6379\n                  keyPrefix: \"${sessionPrefix}\"\n              headers:\n                idTokenHeader: id_token`)
          : t,
      ),
    );
    // Counters of earlier runs (same user, same plan) cannot count against this one: the stack gives its Redis
    // counters a key prefix of their own.
    const portal = `http://portal.localhost:${gw}`;
    const browser = new LoopbackBrowser();

    // Log in: /v1/login → IdP login form → callback /v1/login → back to the app.
    const page = await browser.follow(`${portal}/v1/login?return_to=/catalog`);
    assert.equal(page.response?.status, 200, 'the IdP login page');
    assert.equal(page.url.host, `localhost:${idpPort}`);
    const done = await browser.submitLogin({ html: await page.response!.text(), url: page.url }, 'developer@example.com', 'portico', (u) => u.pathname === '/catalog');
    assert.equal(done.url.href, `${portal}/catalog`, 'back in the app where the login started');
    const cookieName = variant === 'redis' ? '__session' : 'id_token';
    const sessionCookie = browser.jar.get('portal.localhost', cookieName);
    assert.ok(sessionCookie, `session cookie ${cookieName}`);

    const api = async (path: string, init: RequestInit = {}) => {
      const res = await browser.fetch(`${portal}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as object) } });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const me = await api('/v1/me');
    assert.deepEqual([me.status, me.body.email], [200, 'developer@example.com']);

    // List products.
    const apis = await api('/v1/apis');
    assert.deepEqual(apis.body.map((p: { apiProductId: string }) => p.apiProductId).sort(), ['petstore', 'tracks']);
    const plans = await api('/v1/usage-plans');
    assert.deepEqual(plans.body.find((p: { name: string }) => p.name === 'bronze').rateLimitPolicy, { unit: 'MINUTE', requestsPerUnit: 5 });

    // Create a key.
    const made = await api('/v1/api-keys', { method: 'POST', body: JSON.stringify({ usagePlan: 'bronze', apiKeyName: `e2e ${variant} ${randomUUID().slice(0, 8)}` }) }); // unique: the Redis key store outlives the run
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const { apiKey, id } = made.body;

    // Call tracks with it: 200 ×5, then the bronze plan's limit: 429.
    const tracks = () => http(gw, 'api.example.com', '/trackapi/tracks', { headers: { 'api-key': apiKey } });
    const ok = await tracks();
    assert.equal(ok.status, 200, ok.text);
    assert.ok(ok.json().length > 0);
    for (let i = 0; i < 4; i++) assert.equal((await tracks()).status, 200);
    const limited = await tracks();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['x-envoy-ratelimited'], 'true');
    assert.ok(Number(limited.headers['retry-after']) >= 1);

    // Delete the key: 401 with Gloo's challenge.
    assert.equal((await api(`/v1/api-keys/${id}`, { method: 'DELETE' })).status, 200);
    const revoked = await tracks();
    assert.equal(revoked.status, 401);
    assert.equal(revoked.headers['www-authenticate'], 'API key is missing or invalid');

    // Log out: ext-auth clears the session, RP-initiated logout at the IdP (confirm form), back to the portal.
    const out = await browser.follow(`${portal}/v1/logout`);
    let final = out;
    if (out.response?.status === 200 && out.url.host === `localhost:${idpPort}`) {
      const html = await out.response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      assert.ok(action && xsrf, 'IdP logout confirmation form');
      final = await browser.follow(new URL(action.replace(/&amp;/g, '&'), out.url), {
        init: { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      });
    }
    assert.equal(final.url.origin, portal, 'back at the portal after logout');
    assert.equal(browser.jar.get('portal.localhost', cookieName), undefined, 'session cookie cleared');
    assert.equal((await api('/v1/me')).status, 401);
    assert.deepEqual((await api('/v1/session')).body, { authenticated: false });
    if (variant === 'redis') {
      // The server-side session is gone: replaying the old cookie does not sign anyone in.
      const replay = await http(gw, `portal.localhost:${gw}`, '/v1/me', { headers: { cookie: `__session=${sessionCookie}` } });
      assert.equal(replay.status, 401);
    }
  } finally {
    redis?.disconnect();
    await stack.close();
    await idp.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('developer portal end to end, as a browser', () => {
  test('embedded stores (sqlite keys and counters, cookie session)', () => runFlow('embedded'));
  test('Redis (keys, counters, server-side sessions)', () => runFlow('redis'));
});
