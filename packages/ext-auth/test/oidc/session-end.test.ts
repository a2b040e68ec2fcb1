// Issue 11 item 3: a session ends when the user logs out — also for a copy of the cookie taken before — and when
// the IdP says so over OIDC Back-Channel Logout 1.0. Real dev IdP (oidc-provider, back-channel logout enabled),
// real AuthService instances sharing a state directory (as the processes of one host do).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { startIdp, type RunningIdp } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';
import { silentLogger } from '../../src/pipeline/deps.ts';
import { PorticoAuthService } from '../../src/service/auth-service.ts';
import type { CheckRequest, CheckResult } from '../../src/types.ts';
import { AFTER_LOGOUT, APP, CALLBACK, check, checkRequest, header, loginAtIdp, oidcConfig } from './harness.ts';

const BC_PATH = '/backchannel-logout';

describe('session end: logout and back-channel logout', () => {
  let dir: string;
  let idp: RunningIdp;
  let backchannel: Server;
  const received: number[] = [];
  let services: PorticoAuthService[] = [];

  function service(): PorticoAuthService {
    const svc = new PorticoAuthService({ logger: silentLogger, rego: null, stateDir: join(dir, 'state') });
    const cfg = { ...oidcConfig(idp, { backChannelLogoutPath: BC_PATH }), session: {} };
    svc.update(new Map([['test.oidc', { configId: 'test.oidc', state: 'ACCEPTED', fingerprint: 'f',
      spec: { configs: [{ kind: 'oidcAuthorizationCode', name: 'oidc', config: cfg as never }], booleanExpr: null, failOnRedirect: false } } as const]]));
    services.push(svc);
    return svc;
  }

  /** What the gateway does for the back-channel route: the POST, body included, through ext-auth. */
  async function deliver(svc: PorticoAuthService, body: string): Promise<CheckResult> {
    const req: CheckRequest = checkRequest(`${APP}${BC_PATH}`);
    const http = req.attributes.request.http;
    http.method = 'POST';
    http.headers[':method'] = 'POST';
    http.headers['content-type'] = 'application/x-www-form-urlencoded';
    http.body = body;
    return svc.check(req);
  }

  let bcTarget: PorticoAuthService;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-session-end-'));
    backchannel = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', async () => {
        const r = await deliver(bcTarget, body);
        const status = r.allowed ? 200 : r.status;
        received.push(status);
        res.writeHead(status).end(r.allowed ? '' : r.body);
      });
    });
    await new Promise<void>((r) => backchannel.listen(0, '127.0.0.1', r));
    idp = await startIdp({
      port: 0, stateDir: dir,
      config: {
        audience: 'http://gateway.test', scopes: ['petstore'],
        clients: [{ clientId: 'web', clientSecret: 'web-secret', grantTypes: ['authorization_code', 'refresh_token'],
          redirectUris: [CALLBACK], postLogoutRedirectUris: [AFTER_LOGOUT], scopes: ['*'],
          backchannelLogoutUri: `http://127.0.0.1:${(backchannel.address() as AddressInfo).port}${BC_PATH}` }],
        users: [{ email: 'developer@example.com', name: 'Developer', password: 'portico' }],
      },
    });
  });
  after(async () => {
    for (const s of services) s.close();
    await idp.close();
    await new Promise<void>((r) => backchannel.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  async function login(svc: PorticoAuthService, browser: ScriptedBrowser): Promise<string> {
    const start = await check(svc, browser, `${APP}/private`);
    const done = await check(svc, browser, (await loginAtIdp(browser, header(start, 'location')!)).href);
    assert.ok(!done.allowed && done.status === 302, done.allowed ? '' : done.reason);
    assert.ok((await check(svc, browser, `${APP}/private`)).allowed, 'logged in');
    return browser.jar.header(new URL(APP))!;
  }

  it('a cookie copied before logout no longer works after it — in this process and in another sharing the state directory', async () => {
    const svc = service();
    const other = service();
    const browser = new ScriptedBrowser();
    const copied = await login(svc, browser);
    assert.ok((await other.check(checkRequest(`${APP}/me`, copied))).allowed, 'the other process accepts the session');
    const out = await check(svc, browser, `${APP}/logout`);
    assert.ok(!out.allowed && out.status === 302);
    for (const s of [svc, other]) {
      const replay = await s.check(checkRequest(`${APP}/me`, copied));
      assert.equal(replay.allowed, false, 'replayed cookie after logout');
      assert.ok(!replay.allowed && replay.status === 302 && /session ended/.test(replay.reason), replay.allowed ? '' : replay.reason);
    }
  });

  it('the IdP ending its session (back-channel logout token) ends the gateway session at once; other users are untouched', async () => {
    const svc = service();
    bcTarget = svc;
    const alice = new ScriptedBrowser();
    const bob = new ScriptedBrowser();
    const aliceCookie = await login(svc, alice);
    await login(svc, bob);
    // Alice signs out at the IdP itself (not through the app's logout path).
    const confirm = await alice.follow(`${idp.issuer}/session/end`);
    const html = await confirm.response!.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(xsrf && action, html.slice(0, 300));
    await alice.follow(new URL(action, idp.issuer), { init: { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } } });
    assert.ok(received.includes(200), `the IdP delivered a logout token that was accepted (${received.join(',')})`);
    const replay = await svc.check(checkRequest(`${APP}/me`, aliceCookie));
    assert.equal(replay.allowed, false, 'alice is logged out');
    assert.ok((await check(svc, bob, `${APP}/private`)).allowed, 'bob still has his session');
  });

  it('forged or malformed logout tokens are refused with 400 and end nothing', async () => {
    const svc = service();
    const browser = new ScriptedBrowser();
    const cookie = await login(svc, browser);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, sub: 'developer@example.com', jti: 'j1' })
      .setProtectedHeader({ alg: 'RS256', kid: 'nope', typ: 'logout+jwt' }).setIssuer(idp.issuer).setAudience('web').setIssuedAt().sign(privateKey);
    for (const body of [`logout_token=${forged}`, 'logout_token=not.a.jwt', 'nothing=here', '']) {
      const r = await deliver(svc, body);
      assert.ok(!r.allowed && r.status === 400, `${body.slice(0, 20)}: ${r.allowed ? 'allowed' : r.status}`);
    }
    assert.ok((await svc.check(checkRequest(`${APP}/me`, cookie))).allowed, 'the session survived');
  });
});
