// Config validation happens once, before any I/O, and names the field; cookie attributes follow UserSession.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { silentLogger } from '../../pipeline/deps.ts';
import { compileOidcConfig } from './config.ts';
import { clearCookie, readCookie, serializeCookie } from './cookies.ts';
import { createOidcAuthorizationCode } from './oidc-authorization-code.ts';
import { seal, unseal } from './sealed.ts';

const base = { clientId: 'web', clientSecret: 's', issuerUrl: 'http://127.0.0.1:1', appUrl: 'http://app.localhost', callbackPath: '/callback' };

it('rejects bad configs with AUTH_CONFIG_INVALID naming the field, without network I/O', () => {
  const noFetch = (() => { throw new Error('no I/O allowed while compiling'); }) as unknown as typeof fetch;
  const deps = { now: Date.now, fetch: noFetch, jwks: null as never, logger: silentLogger, rego: null, mode: 'validate' as const };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...base, clientId: '' }, /clientId/],
    [{ ...base, issuerUrl: 'not a url' }, /issuerUrl/],
    [{ ...base, callbackPath: 'callback' }, /callbackPath/],
    [{ ...base, clientSecret: undefined }, /clientSecret/],
    [{ ...base, session: { cipherConfig: { key: 'short' } } }, /cipherConfig\.key: must be exactly 32 bytes/],
    [{ ...base, session: { cookie: {}, redis: {} } }, /only one of cookie, redis or embedded/],
    [{ ...base, session: { cookieOptions: { sameSite: 'Sometimes' } } }, /session\.cookieOptions\.sameSite/],
    [{ ...base, parseCallbackPathAsRegex: true, callbackPath: '/cb(' }, /callbackPath/],
    [{ ...base, discoveryPollInterval: 'soon' }, /discoveryPollInterval/],
  ];
  for (const [config, message] of cases) {
    const r = createOidcAuthorizationCode('oidc', config, deps);
    assert.ok(!r.ok, JSON.stringify(config));
    assert.equal(r.code, 'AUTH_CONFIG_INVALID');
    assert.match(r.message, message);
  }
  assert.ok(createOidcAuthorizationCode('oidc', { ...base, disableClientSecret: true, clientSecret: undefined }, deps).ok);
});

it('applies Gloo defaults: openid scope first, id_token cookie, 30-day Lax Secure HttpOnly cookie', () => {
  const r = compileOidcConfig({ ...base, scopes: ['email', 'openid'], session: { cookie: { keyPrefix: 'portal' } } });
  assert.ok(r.ok);
  const c = r.value;
  assert.equal(c.scope, 'openid email');
  assert.equal(c.redirectUri, 'http://app.localhost/callback');
  assert.equal(c.afterLogoutUrl, 'http://app.localhost');
  assert.equal(c.cookieName, 'portal_id_token');
  assert.equal(c.allowRefreshing, false);
  assert.equal(serializeCookie('id_token', 'v', c.cookie), 'id_token=v; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax; Secure');
  const redis = compileOidcConfig({ ...base, session: { redis: {} } });
  assert.ok(redis.ok && redis.value.cookieName === '__session' && redis.value.allowRefreshing && redis.value.preExpiryBuffer === 2);
});

it('honours notSecure, maxAge 0, empty path, domain and the sameSite modes', () => {
  const r = compileOidcConfig({ ...base, session: { cookieOptions: { notSecure: true, maxAge: 0, path: '', domain: 'example.com', sameSite: 'NoneMode', httpOnly: false } } });
  assert.ok(r.ok);
  assert.equal(serializeCookie('s', 'v', r.value.cookie), 's=v; Domain=example.com; SameSite=None');
  assert.equal(clearCookie('s', r.value.cookie), 's=; Max-Age=0; Domain=example.com; SameSite=None');
  const d = compileOidcConfig({ ...base, session: { cookieOptions: { sameSite: 'DefaultMode', maxAge: '1h' } } });
  assert.ok(d.ok);
  assert.equal(serializeCookie('s', 'v', d.value.cookie), 's=v; Max-Age=3600; Path=/; HttpOnly; Secure');
  assert.equal(readCookie('a=1; s=two; b=3', 's'), 'two');
  assert.equal(readCookie('as=1', 's'), undefined);
});

it('sealed values open only with the same key and purpose and detect tampering', () => {
  const key = Buffer.alloc(32, 7);
  const sealed = seal(key, 'id_token', 'secret session');
  assert.equal(unseal(key, 'id_token', sealed), 'secret session');
  assert.equal(unseal(key, 'other_cookie', sealed), undefined);
  assert.equal(unseal(Buffer.alloc(32, 8), 'id_token', sealed), undefined);
  const flipped = Buffer.from(sealed, 'base64url');
  flipped[20] = flipped[20]! ^ 1;
  assert.equal(unseal(key, 'id_token', flipped.toString('base64url')), undefined);
  assert.equal(unseal(key, 'id_token', 'short'), undefined);
});
