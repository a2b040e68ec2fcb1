// oidcAuthorizationCode with cookie sessions against the real development IdP (gloo-api.md §7 items 45–48):
// login redirect and its parameters, failOnRedirect, callback and cookie attributes, token headers upstream,
// RP-initiated logout, and tampered state / nonce / cookies rejected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { RunningIdp } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';
import { JwksRegistry } from '../../src/jwt/jwks-registry.ts';
import { AuthContext } from '../../src/pipeline/context.ts';
import { silentLogger } from '../../src/pipeline/deps.ts';
import { deriveSessionKeys } from '../../src/sessions/session-key.ts';
import { createOidcAuthorizationCode } from '../../src/steps/oidc/oidc-authorization-code.ts';
import { seal, unseal } from '../../src/steps/oidc/sealed.ts';
import { AFTER_LOGOUT, APP, authService, CALLBACK, check, checkRequest, CIPHER_KEY, header, loginAtIdp, oidcConfig, setCookies, startTestIdp } from './harness.ts';

describe('oidcAuthorizationCode with cookie sessions', () => {
  let idp: RunningIdp;
  let stop: () => Promise<void>;
  before(async () => {
    ({ idp, stop } = await startTestIdp());
  });
  after(() => stop());

  it('redirects without a session, logs in at the callback, forwards tokens and logs out (items 45–48)', async () => {
    const config = oidcConfig(idp, {
      scopes: ['email', 'profile'], dynamicMetadataFromClaims: { userEmail: 'email' },
      identityToken: { claimsToHeaders: [{ claim: 'email', header: 'X-User-Email' }, { claim: 'name', header: 'x-user', append: true }] },
    });
    const svc = authService(config);
    const browser = new ScriptedBrowser();
    const first = await check(svc, browser, `${APP}/private/page?x=1`);
    assert.equal(first.allowed, false);
    assert.ok(!first.allowed);
    assert.equal(first.status, 302);
    const location = new URL(header(first, 'location')!);
    assert.equal(location.origin + location.pathname, `${idp.issuer}/auth`);
    const q = location.searchParams;
    assert.equal(q.get('client_id'), 'web');
    assert.equal(q.get('redirect_uri'), CALLBACK);
    assert.equal(q.get('response_type'), 'code');
    assert.deepEqual(q.get('scope')?.split(' '), ['openid', 'email', 'profile']);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.ok(q.get('nonce'));
    const state = q.get('state')!;
    assert.equal(decodeProtectedHeader(state).alg, 'HS256');
    const stateClaims = decodeJwt(state);
    assert.equal(stateClaims.state, `${APP}/private/page?x=1`);
    assert.equal(stateClaims.exp! - stateClaims.iat!, 1800);
    assert.equal(stateClaims.nbf, stateClaims.iat);

    const callback = await loginAtIdp(browser, location.href);
    assert.equal(callback.origin + callback.pathname, CALLBACK);
    assert.equal(callback.searchParams.get('iss'), idp.issuer);
    const done = await check(svc, browser, callback.href);
    assert.ok(!done.allowed);
    assert.equal(done.status, 302, done.reason);
    assert.equal(header(done, 'location'), `${APP}/private/page?x=1`);
    const sessionCookie = setCookies(done).find((c) => c.startsWith('id_token='))!;
    assert.ok(sessionCookie, 'cookie session in the id_token cookie');
    const attrs = sessionCookie.split('; ').slice(1);
    assert.deepEqual(attrs, ['Max-Age=2592000', 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure']);
    assert.ok(setCookies(done).some((c) => c.startsWith('id_token_login=;') && c.includes('Max-Age=0')), 'login cookie cleared');

    const ok = await check(svc, browser, `${APP}/private/page?x=1`);
    assert.ok(ok.allowed, ok.allowed ? '' : ok.reason);
    const idToken = header(ok, 'x-id-token')!;
    const claims = decodeJwt(idToken);
    assert.equal(claims.iss, idp.issuer);
    assert.equal(claims.aud, 'web');
    assert.equal(claims.name, 'Developer');
    assert.equal(claims.email, 'developer@example.com');
    assert.equal(decodeProtectedHeader(header(ok, 'x-access-token')!).typ, 'at+jwt');
    assert.ok(ok.allowed);
    assert.equal(header(ok, 'x-user-email'), 'developer@example.com');
    assert.deepEqual(ok.headersToAppend, [['x-user', 'Developer']]);
    assert.equal(JSON.stringify(ok.dynamicMetadata).includes('"userEmail":"developer@example.com"'), true);

    // The chain state later steps (OPA) see: `jwt` holds the raw ID token.
    const jwks = new JwksRegistry({ fetch, now: Date.now, logger: silentLogger });
    const step = createOidcAuthorizationCode('oidc', config, { now: Date.now, fetch, jwks, logger: silentLogger, rego: null, mode: 'serve' });
    assert.ok(step.ok);
    const req = checkRequest(`${APP}/private`, browser.jar.header(new URL(APP)));
    const outcome = await step.value.evaluate(new AuthContext(req, 'test.oidc', Date.now()), AbortSignal.timeout(5000));
    step.value.close();
    jwks.close();
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.state, { jwt: idToken });

    const out = await check(svc, browser, `${APP}/logout`);
    assert.ok(!out.allowed);
    assert.equal(out.status, 302);
    const endSession = new URL(header(out, 'location')!);
    assert.equal(endSession.origin + endSession.pathname, `${idp.issuer}/session/end`);
    assert.equal(endSession.searchParams.get('id_token_hint'), idToken);
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), AFTER_LOGOUT);
    assert.ok(setCookies(out).some((c) => c.startsWith('id_token=;') && c.includes('Max-Age=0') && c.includes('Path=/')));

    const confirm = await browser.follow(endSession);
    const html = await confirm.response!.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(xsrf && action);
    const back = await browser.follow(new URL(action, idp.issuer), {
      stopAt: (u) => u.origin === APP,
      init: { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    });
    assert.equal(back.url.href, AFTER_LOGOUT);

    const again = await check(svc, browser, `${APP}/private/page`);
    assert.ok(!again.allowed && again.status === 302, 'session gone after logout');
  });

  it('refreshes an expired cookie session when allowRefreshing, re-sealing the cookie', async () => {
    const config = oidcConfig(idp, { scopes: ['offline_access'], session: { cipherConfig: { key: CIPHER_KEY }, cookie: { allowRefreshing: true } } });
    const now = authService(config);
    // A replica whose clock is just past the ID token's hour of life (within the 30 s verification tolerance of the
    // token the refresh returns), sharing the cipher key.
    const later = authService(config, false, () => Date.now() + 3605_000);
    const browser = new ScriptedBrowser();
    const start = await check(now, browser, `${APP}/private`);
    assert.match(new URL(header(start, 'location')!).searchParams.get('prompt') ?? '', /consent/);
    const done = await check(now, browser, (await loginAtIdp(browser, header(start, 'location')!)).href);
    assert.ok(!done.allowed && done.status === 302);
    const before = browser.jar.get('app.localhost', 'id_token');

    const refreshed = await check(later, browser, `${APP}/private`);
    assert.ok(refreshed.allowed, refreshed.allowed ? '' : refreshed.reason);
    const cookie = setCookies(refreshed).find((c) => c.startsWith('id_token='));
    assert.ok(cookie, 'the refreshed session is sent back as a new cookie');
    assert.notEqual(browser.jar.get('app.localhost', 'id_token'), before);

    const noRefresh = authService(oidcConfig(idp), false, () => Date.now() + 3605_000);
    const again = await check(noRefresh, browser, `${APP}/private`);
    assert.ok(!again.allowed && again.status === 302, 'without allowRefreshing an expired session logs in again');
    for (const svc of [now, later, noRefresh]) svc.update(new Map());
  });

  it('logs out with a POST to the end-session endpoint when endSessionProperties.methodType is PostMethod', async () => {
    const svc = authService(oidcConfig(idp, { endSessionProperties: { methodType: 'PostMethod' } }));
    const browser = new ScriptedBrowser();
    const start = await check(svc, browser, `${APP}/private`);
    await check(svc, browser, (await loginAtIdp(browser, header(start, 'location')!)).href);
    const out = await check(svc, browser, `${APP}/logout`);
    assert.ok(!out.allowed && out.status === 200);
    assert.ok(setCookies(out).some((c) => c.startsWith('id_token=;')));
    const action = /<form method="post" action="([^"]+)"/.exec(out.body)?.[1];
    assert.equal(action, `${idp.issuer}/session/end`);
    const fields = Object.fromEntries([...out.body.matchAll(/name="([^"]+)" value="([^"]+)"/g)].map((m) => [m[1], m[2]]));
    assert.equal(fields.post_logout_redirect_uri, AFTER_LOGOUT);
    assert.equal(fields.id_token_hint?.split('.').length, 3);
    // The development IdP does not take POSTed logout requests (oidc-provider then needs SameSite=None cookies, which
    // plain http cannot carry), so the form is checked, not submitted.
    assert.match(out.body, /onload="document.forms\[0\].submit\(\)"/);
    svc.update(new Map());
  });

  it('treats a visit to the callback path without a code as "log me in", returning to appUrl', async () => {
    const svc = authService(oidcConfig(idp));
    const browser = new ScriptedBrowser();
    const start = await check(svc, browser, `${APP}/callback`);
    assert.ok(!start.allowed && start.status === 302);
    const state = new URL(header(start, 'location')!).searchParams.get('state')!;
    assert.equal(decodeJwt(state).state, `${APP}/`);
    const done = await check(svc, browser, (await loginAtIdp(browser, header(start, 'location')!)).href);
    assert.equal(header(done, 'location'), `${APP}/`);
    const again = await check(svc, browser, `${APP}/callback`);
    assert.ok(!again.allowed && again.status === 302);
    assert.equal(header(again, 'location'), `${APP}/`, 'already logged in: straight to appUrl');
    const back = await check(svc, browser, `${APP}/callback?return_to=${encodeURIComponent('/apis/tracks?tab=keys')}`);
    assert.equal(header(back, 'location'), `${APP}/apis/tracks?tab=keys`, 'same-origin return_to');
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const fresh = new ScriptedBrowser();
      const r = await check(svc, fresh, `${APP}/callback?return_to=${encodeURIComponent(evil)}`);
      const st = new URL(header(r, 'location')!).searchParams.get('state')!;
      assert.equal(decodeJwt(st).state, `${APP}/`, `return_to ${evil} must not leave the app`);
    }
    svc.update(new Map());
  });

  it('answers 401 instead of 302 with failOnRedirect', async () => {
    const svc = authService(oidcConfig(idp), true);
    const res = await check(svc, new ScriptedBrowser(), `${APP}/private`);
    assert.ok(!res.allowed);
    assert.equal(res.status, 401);
    assert.equal(header(res, 'location'), undefined);
  });

  it('logs out to afterLogoutUrl (default appUrl) when there is no session', async () => {
    const svc = authService({ ...oidcConfig(idp), afterLogoutUrl: undefined });
    const res = await check(svc, new ScriptedBrowser(), `${APP}/logout`);
    assert.ok(!res.allowed && res.status === 302);
    assert.equal(header(res, 'location'), APP);
  });

  it('rejects a tampered state, a forged login cookie, a wrong nonce and a forged session cookie', async () => {
    const svc = authService(oidcConfig(idp));
    const browser = new ScriptedBrowser();
    const start = await check(svc, browser, `${APP}/private`);
    const callback = await loginAtIdp(browser, header(start, 'location')!);

    const tampered = new URL(callback);
    const s = tampered.searchParams.get('state')!;
    tampered.searchParams.set('state', `${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`);
    const r1 = await check(svc, browser, tampered.href);
    assert.ok(!r1.allowed && r1.status === 403, 'tampered state');

    const stranger = new ScriptedBrowser(); // no login cookie: a callback URL replayed in another browser
    const r2 = await check(svc, stranger, callback.href);
    assert.ok(!r2.allowed && r2.status === 403, 'callback without the login cookie');

    // The real login cookie with only the nonce changed (needs the key): the ID token's nonce must then mismatch.
    const keys = deriveSessionKeys(Buffer.from(CIPHER_KEY));
    const pending = JSON.parse(unseal(keys.cookie, 'id_token_login', browser.jar.get('app.localhost', 'id_token_login')!)!);
    const forged = seal(keys.cookie, 'id_token_login', JSON.stringify({ ...pending, nonce: 'not-the-nonce' }));
    const r3 = await svc.check(checkRequest(callback.href, `id_token_login=${forged}`));
    assert.ok(!r3.allowed && r3.status === 403);
    assert.match(r3.reason, /AUTH_OIDC_TOKEN_FAILED.*nonce/);

    const r4 = await svc.check(checkRequest(`${APP}/private`, `id_token=${'A'.repeat(60)}`));
    assert.ok(!r4.allowed && r4.status === 302, 'a forged session cookie is no session');
  });
});
