// oidcAuthorizationCode with server-side sessions: node:sqlite (embedded) with refresh-token rotation, and Redis
// (127.0.0.1:6379) shared by two auth services as two replicas would; logout deletes the stored session.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { RunningIdp } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';
import { APP, authService, check, checkRequest, CIPHER_KEY, header, loginAtIdp, oidcConfig, setCookies, startTestIdp } from './harness.ts';

describe('oidcAuthorizationCode with server-side sessions', () => {
  let idp: RunningIdp;
  let stop: () => Promise<void>;
  let dir: string;
  before(async () => {
    ({ idp, stop } = await startTestIdp());
    dir = await mkdtemp(join(tmpdir(), 'portico-oidc-sessions-'));
  });
  after(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function login(svc: ReturnType<typeof authService>, browser: ScriptedBrowser) {
    const start = await check(svc, browser, `${APP}/home`);
    const callback = await loginAtIdp(browser, header(start, 'location')!);
    const done = await check(svc, browser, callback.href);
    assert.ok(!done.allowed && done.status === 302, done.allowed ? '' : done.reason);
    return done;
  }

  it('keeps sessions in sqlite and refreshes them with rotating refresh tokens', async () => {
    // preExpiryBuffer longer than the ID token's life: every request counts as expiring and must refresh.
    const svc = authService(oidcConfig(idp, {
      scopes: ['offline_access'],
      session: { cipherConfig: { key: CIPHER_KEY }, embedded: { sqlitePath: join(dir, 'sessions.sqlite'), preExpiryBuffer: '2h' } },
    }));
    const browser = new ScriptedBrowser();
    const done = await login(svc, browser);
    const cookie = setCookies(done).find((c) => c.startsWith('__session='))!;
    assert.match(cookie, /^__session=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax; Secure$/);

    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await check(svc, browser, `${APP}/home`);
      assert.ok(res.allowed, res.allowed ? '' : `request ${i}: ${res.reason}`);
      assert.deepEqual(res.responseHeadersToAdd, [], 'the session id cookie stays the same');
      tokens.push(header(res, 'x-access-token')!);
    }
    // A refresh that reused a rotated token would have failed and redirected; new access tokens prove each refresh.
    assert.equal(new Set(tokens).size, 3);

    const sessionId = browser.jar.get('app.localhost', '__session')!;
    const out = await check(svc, browser, `${APP}/logout`);
    assert.ok(!out.allowed && out.status === 302);
    const replay = await svc.check(checkRequest(`${APP}/home`, `__session=${sessionId}`));
    assert.ok(!replay.allowed && replay.status === 302, 'the stored session is deleted, not just the cookie');
  });

  it('without allowRefreshing an expiring session sends the browser to log in again', async () => {
    const svc = authService(oidcConfig(idp, { session: { cipherConfig: { key: CIPHER_KEY }, embedded: { allowRefreshing: false, preExpiryBuffer: '2h' } } }));
    const browser = new ScriptedBrowser();
    await login(svc, browser);
    const res = await check(svc, browser, `${APP}/home`);
    assert.ok(!res.allowed && res.status === 302);
    assert.match(header(res, 'location')!, /\/auth\?/);
  });

  it('shares Redis sessions between two replicas and deletes them on logout', async () => {
    const keyPrefix = `portico-test-${randomBytes(6).toString('hex')}:`;
    const config = oidcConfig(idp, { session: { cipherConfig: { key: CIPHER_KEY }, redis: { options: { host: '127.0.0.1:6379' }, keyPrefix, cookieName: 'portal-session', headerName: 'X-Session-Id' } } });
    const replicaA = authService(config);
    const replicaB = authService(config);
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    await redis.connect();
    try {
      const browser = new ScriptedBrowser();
      await login(replicaA, browser);
      const sessionId = browser.jar.get('app.localhost', 'portal-session')!;
      assert.ok(sessionId);
      assert.ok(await redis.get(`${keyPrefix}${sessionId}`), 'session stored in Redis');
      const ttl = await redis.ttl(`${keyPrefix}${sessionId}`);
      assert.ok(ttl > 2591000 && ttl <= 2592000, `ttl ${ttl}`);

      const onB = await check(replicaB, browser, `${APP}/home`);
      assert.ok(onB.allowed, 'the other replica sees the session');
      const byHeader = checkRequest(`${APP}/home`);
      byHeader.attributes.request.http.headers['x-session-id'] = sessionId;
      assert.ok((await replicaB.check(byHeader)).allowed, 'session id from redis.headerName');

      const out = await check(replicaB, browser, `${APP}/logout`);
      assert.ok(!out.allowed && out.status === 302);
      assert.equal(await redis.get(`${keyPrefix}${sessionId}`), null);
      const replay = await replicaA.check(checkRequest(`${APP}/home`, `portal-session=${sessionId}`));
      assert.ok(!replay.allowed && replay.status === 302);
    } finally {
      redis.disconnect();
      replicaA.update(new Map());
      replicaB.update(new Map());
    }
  });

  it('fails closed while the session store is unreachable: 403 with failOnFetchFailure, else back to login', async () => {
    const strict = authService(oidcConfig(idp, { session: { cipherConfig: { key: CIPHER_KEY }, failOnFetchFailure: true, redis: { options: { host: '127.0.0.1:1' } } } }));
    const res = await strict.check(checkRequest(`${APP}/home`, `__session=${'a'.repeat(43)}`));
    assert.ok(!res.allowed);
    assert.equal(res.status, 403);
    assert.match(res.reason, /AUTH_SESSION_STORE_UNAVAILABLE/);
    strict.update(new Map());

    const lenient = authService(oidcConfig(idp, { session: { cipherConfig: { key: CIPHER_KEY }, redis: { options: { host: '127.0.0.1:1' } } } }));
    const browser = new ScriptedBrowser();
    browser.jar.capture(new URL(APP), [`__session=${'a'.repeat(43)}; Path=/`]);
    const start = await check(lenient, browser, `${APP}/home`);
    assert.ok(!start.allowed && start.status === 302, 'no session: log in again');
    const callback = await loginAtIdp(browser, header(start, 'location')!);
    const done = await check(lenient, browser, callback.href);
    assert.ok(!done.allowed && done.status === 403, 'a session that cannot be stored is not granted');
    assert.match(done.reason, /AUTH_SESSION_STORE_UNAVAILABLE/);
    lenient.update(new Map());
  });
});
