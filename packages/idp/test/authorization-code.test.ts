// Authorization code + PKCE through the IdP's own login form, driven with fetch and a cookie jar, with openid-client
// as the relying party: ID token claims, JWT access token, refresh rotation, PKCE required, RP-initiated logout.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startIdp, type RunningIdp } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';
import { tempStateDir, testConfig, WEB_AFTER_LOGOUT, WEB_REDIRECT } from './fixtures.ts';

const atRedirect = (u: URL) => u.href.startsWith(WEB_REDIRECT);

// offline_access is honoured only with prompt=consent (OIDC Core §11), as oidc-provider enforces.
async function beginLogin(config: oidc.Configuration, scope: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: WEB_REDIRECT, scope, state, nonce, ...(scope.includes('offline_access') ? { prompt: 'consent' } : {}),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  return { url, verifier, state, nonce };
}

async function loginPage(browser: ScriptedBrowser, url: URL) {
  const page = await browser.follow(url, { stopAt: atRedirect });
  assert.ok(page.response, 'expected the login page, not a redirect to the client');
  assert.equal(page.response.status, 200);
  return { html: await page.response.text(), url: page.url };
}

describe('idp authorization code flow', () => {
  let idp: RunningIdp;
  let state: Awaited<ReturnType<typeof tempStateDir>>;
  let config: oidc.Configuration;
  before(async () => {
    state = await tempStateDir();
    idp = await startIdp({ port: 0, stateDir: state.dir, config: testConfig });
    config = await oidc.discovery(new URL(idp.issuer), 'web', 'web-secret', undefined,
      { execute: [oidc.allowInsecureRequests] });
  });
  after(async () => {
    await idp.close();
    await state.remove();
  });

  it('logs in with the form, exchanges the code, refreshes with rotation and logs out', async () => {
    const browser = new ScriptedBrowser();
    const req = await beginLogin(config, 'openid profile email offline_access tracks');
    const page = await loginPage(browser, req.url);
    assert.match(page.html, /<form[^>]*method="post"/);
    assert.match(page.html, /name="password" type="password"/);

    const wrong = await browser.submitLogin(page, 'developer@example.com', 'not-the-password', atRedirect);
    assert.equal(wrong.response?.status, 401);
    const retry = { html: await wrong.response!.text(), url: wrong.url };
    assert.match(retry.html, /Invalid email or password/);

    const done = await browser.submitLogin(retry, 'developer@example.com', 'portico', atRedirect);
    assert.equal(done.response, undefined, 'the flow ends at the client redirect URI');
    assert.equal(done.url.searchParams.get('iss'), idp.issuer);

    const tokens = await oidc.authorizationCodeGrant(config, done.url, {
      pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.sub, 'developer@example.com');
    assert.equal(claims.name, 'Developer');
    assert.equal(claims.email, 'developer@example.com');
    assert.equal(claims.nonce, req.nonce);

    const jwks = createRemoteJWKSet(new URL(`${idp.url}/jwks`));
    const at = await jwtVerify(tokens.access_token, jwks, { issuer: idp.issuer, typ: 'at+jwt', audience: 'http://gateway.test' });
    assert.equal(at.payload.scope, 'tracks');

    assert.ok(tokens.refresh_token);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
    assert.ok(refreshed.access_token);
    assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'refresh token rotated');
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token), (err: { error?: string }) => {
      assert.equal(err.error, 'invalid_grant');
      return true;
    });

    // RP-initiated logout: confirmation form, then back to the registered post-logout URI.
    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!, post_logout_redirect_uri: WEB_AFTER_LOGOUT, state: 'bye',
    });
    const confirm = await browser.follow(endSession);
    assert.equal(confirm.response?.status, 200);
    const html = await confirm.response!.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action && xsrf, 'logout confirmation form');
    const out = await browser.follow(new URL(action, idp.issuer), {
      stopAt: (u) => u.href.startsWith(WEB_AFTER_LOGOUT),
      init: { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    });
    assert.equal(out.url.origin + out.url.pathname, WEB_AFTER_LOGOUT);
    assert.equal(out.url.searchParams.get('state'), 'bye');

    // The IdP session is gone: a new authorization request shows the login form again.
    const again = await beginLogin(config, 'openid');
    const page2 = await loginPage(browser, again.url);
    assert.match(page2.html, /Sign in/);
  });

  it('answers bad interaction requests with clear 4xx pages, never a crash', async () => {
    const unknown = await fetch(`${idp.url}/interaction/nope`);
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /unknown or has expired/);
    const browser = new ScriptedBrowser();
    const req = await beginLogin(config, 'openid');
    const page = await loginPage(browser, req.url);
    const action = new URL(/action="([^"]+)"/.exec(page.html)![1]!, page.url);
    const json = await browser.fetch(action, { method: 'POST', body: '{"email":"x"}', headers: { 'content-type': 'application/json' } });
    assert.equal(json.status, 400);
    const huge = await browser.fetch(action, { method: 'POST', body: `email=${'a'.repeat(20000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(huge.status, 400);
    const empty = await browser.fetch(action, { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(empty.status, 401);
    assert.match(await empty.text(), /Invalid email or password/);
    const xss = await browser.fetch(action, { method: 'POST', body: new URLSearchParams({ email: '"><script>x</script>', password: 'p' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const html = await xss.text();
    assert.ok(!html.includes('<script>x'), 'user input is escaped');
    assert.equal(xss.headers.get('x-frame-options'), 'DENY');
  });

  it('requires PKCE', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: WEB_REDIRECT, scope: 'openid', state: 's' });
    const res = await new ScriptedBrowser().follow(url, { stopAt: atRedirect });
    assert.equal(res.url.searchParams.get('error'), 'invalid_request');
    assert.match(res.url.searchParams.get('error_description') ?? '', /PKCE/);
  });

  it('refuses an unknown product scope at the authorization endpoint', async () => {
    const req = await beginLogin(config, 'openid nosuchproduct');
    const res = await new ScriptedBrowser().follow(req.url, { stopAt: atRedirect });
    assert.equal(res.url.searchParams.get('error'), 'invalid_scope');
  });
});
