// oauth2.accessTokenValidation with an inline JWKS, through the real AuthService (gloo-api.md §7 items 34, 36, 37).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { silentLogger } from '../src/pipeline/deps.ts';
import type { ResolvedAuthConfig } from '../src/types.ts';
import type { AccessTokenValidationConfig } from '../src/steps/access-token/config.ts';
import { accessClaims, makeIssuer, noneToken, nowS, tamper } from './helpers/tokens.ts';
import { checkRequest } from './helpers/check-request.ts';

const issuer = await makeIssuer('kid-1');
const otherIssuer = await makeIssuer('kid-1'); // same kid, different key

function service(cfg: Partial<AccessTokenValidationConfig> = {}, jwks: unknown = issuer.jwks, now?: () => number) {
  const svc = new PorticoAuthService({ logger: silentLogger, now });
  const config: ResolvedAuthConfig = {
    configId: 'ns.at',
    state: 'ACCEPTED',
    fingerprint: 'f1',
    spec: {
      configs: [{ kind: 'accessTokenValidation', name: 'jwt', config: { jwt: { localJwks: { inlineString: JSON.stringify(jwks) }, issuer: 'http://localhost:9000' }, ...cfg } }],
      booleanExpr: null,
      failOnRedirect: false,
    },
  };
  svc.update(new Map([['ns.at', config]]));
  return svc;
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

test('valid RS256 token is allowed and its claims land in state (item 34, 37)', async () => {
  const svc = service({ claimsToHeaders: [{ claim: 'sub', header: 'x-user' }], dynamicMetadataFromClaims: { userId: 'sub' } });
  const r = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(await issuer.sign(accessClaims('tracks petstore'))) }));
  assert.equal(r.allowed, true);
  if (r.allowed) {
    assert.deepEqual(r.headersToSet, [['x-user', 'alice']]);
    assert.deepEqual(r.dynamicMetadata, { userId: 'alice' });
  }
  svc.close();
});

test('bad tokens are denied with 403 and a coded reason (item 34)', async () => {
  const svc = service();
  const cases: [string, string, string][] = [
    ['no token', '', 'AUTH_TOKEN_MISSING'],
    ['wrong kid', await issuer.sign(accessClaims('tracks'), { kid: 'other' }), 'AUTH_JWT_KEY_NOT_FOUND'],
    ['no kid', await issuer.sign(accessClaims('tracks'), { kid: null }), 'AUTH_JWT_KID_MISSING'],
    ['expired', await issuer.sign(accessClaims('tracks', { exp: nowS() - 120, iat: nowS() - 600 })), 'AUTH_JWT_EXPIRED'],
    ['nbf in the future', await issuer.sign(accessClaims('tracks', { nbf: nowS() + 600 })), 'AUTH_JWT_NOT_YET_VALID'],
    ['iat in the future', await issuer.sign(accessClaims('tracks', { iat: nowS() + 600 })), 'AUTH_JWT_ISSUED_IN_FUTURE'],
    ['no exp', await issuer.sign({ ...accessClaims('tracks'), exp: undefined }), 'AUTH_JWT_CLAIM_INVALID'],
    ['exp as a string', await issuer.sign(accessClaims('tracks', { exp: String(nowS() + 300) })), 'AUTH_JWT_CLAIM_INVALID'],
    ['wrong issuer', await issuer.sign(accessClaims('tracks', { iss: 'https://evil.example' })), 'AUTH_JWT_ISSUER_MISMATCH'],
    ['signed by another key with the same kid', await otherIssuer.sign(accessClaims('tracks')), 'AUTH_JWT_SIGNATURE_INVALID'],
    ['tampered', tamper(await issuer.sign(accessClaims('tracks'))), 'AUTH_JWT_SIGNATURE_INVALID'],
    ['alg none', noneToken(accessClaims('tracks'), 'kid-1'), 'AUTH_TOKEN_MALFORMED'],
    ['crit header', await issuer.signRaw({ alg: 'RS256', kid: 'kid-1', crit: ['urn:x'], 'urn:x': 1 }, accessClaims('tracks')), 'AUTH_JWT_CRIT_UNSUPPORTED'],
    ['typed as a logout token', await issuer.sign(accessClaims('tracks'), { typ: 'logout+jwt' }), 'AUTH_JWT_TYPE_NOT_ALLOWED'],
    ['huge token', 'a'.repeat(20_000), 'AUTH_TOKEN_TOO_LARGE'],
    ['garbage', 'not.a.jwt', 'AUTH_TOKEN_MALFORMED'],
  ];
  for (const [what, token, code] of cases) {
    const r = await svc.check(checkRequest({ configId: 'ns.at', headers: token ? bearer(token) : {} }));
    assert.equal(r.allowed, false, what);
    if (!r.allowed) {
      assert.equal(r.status, 403, what);
      assert.match(r.reason, new RegExp(`^${code}`), what);
    }
  }
  svc.close();
});

test('alg none with a "none" signature segment is refused before any key lookup', async () => {
  const svc = service();
  const t = noneToken(accessClaims('tracks'), 'kid-1') + 'c2ln';
  const r = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(t) }));
  assert.equal(r.allowed, false);
  if (!r.allowed) assert.match(r.reason, /^AUTH_JWT_ALG_NOT_ALLOWED/);
  svc.close();
});

test('HS256 token "signed" with the RSA public key is refused (alg bound to the key type)', async () => {
  const svc = service();
  const { SignJWT } = await import('jose');
  const secret = new TextEncoder().encode(JSON.stringify(issuer.publicJwk));
  const t = await new SignJWT(accessClaims('tracks')).setProtectedHeader({ alg: 'HS256', kid: 'kid-1' }).sign(secret);
  const r = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(t) }));
  assert.equal(r.allowed, false);
  if (!r.allowed) assert.match(r.reason, /^AUTH_JWT_ALG_NOT_ALLOWED/);
  svc.close();
});

test('a JWKS key with use "enc" is ignored (item 34)', async () => {
  const svc = service({}, { keys: [{ ...issuer.publicJwk, use: 'enc' }] });
  const r = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(await issuer.sign(accessClaims('tracks'))) }));
  assert.equal(r.allowed, false);
  if (!r.allowed) assert.match(r.reason, /^AUTH_JWT_KEY_NOT_FOUND/);
  svc.close();
});

test('embedded jwk / jku headers are never used to find a key', async () => {
  const attacker = await makeIssuer('kid-1');
  const svc = service();
  const t = await attacker.sign(accessClaims('tracks'), { header: { jwk: attacker.publicJwk, jku: 'http://127.0.0.1:1/jwks' } });
  const r = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(t) }));
  assert.equal(r.allowed, false);
  if (!r.allowed) assert.match(r.reason, /^AUTH_JWT_SIGNATURE_INVALID/);
  svc.close();
});

test('requiredScopes: all listed scopes must be in the scope claim (item 36)', async () => {
  const svc = service({ requiredScopes: ['tracks', 'petstore'] });
  const both = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(await issuer.sign(accessClaims('petstore tracks extra'))) }));
  assert.equal(both.allowed, true);
  const one = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(await issuer.sign(accessClaims('tracks'))) }));
  assert.equal(one.allowed, false);
  if (!one.allowed) assert.match(one.reason, /AUTH_SCOPE_MISSING: missing required scopes: petstore/);
  svc.close();
});

test('RFC 6750: token from the access_token query parameter or form body; two methods at once are refused', async () => {
  const svc = service();
  const t = await issuer.sign(accessClaims('tracks'));
  const q = await svc.check(checkRequest({ configId: 'ns.at', path: `/trackapi/tracks?access_token=${t}` }));
  assert.equal(q.allowed, true);
  const form = await svc.check(checkRequest({ configId: 'ns.at', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `access_token=${t}&x=1` }));
  assert.equal(form.allowed, true);
  const both = await svc.check(checkRequest({ configId: 'ns.at', path: `/x?access_token=${t}`, headers: bearer(t) }));
  assert.equal(both.allowed, false);
  svc.close();
});

test('verified-token cache never outlives the token exp', async () => {
  let now = Date.now();
  const svc = service({ cacheTimeoutMs: 600_000 }, issuer.jwks, () => now);
  const t = await issuer.sign(accessClaims('tracks', { exp: Math.floor(now / 1000) + 60 }));
  assert.equal((await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(t) }))).allowed, true);
  now += 61_000 + 30_000; // past exp and the clock-skew allowance
  const later = await svc.check(checkRequest({ configId: 'ns.at', headers: bearer(t) }));
  assert.equal(later.allowed, false);
  if (!later.allowed) assert.match(later.reason, /^AUTH_JWT_EXPIRED/);
  svc.close();
});

test('bad step config is a coded error before any I/O', async () => {
  const { compileAuthConfig } = await import('../src/pipeline/compile.ts');
  const { JwksRegistry } = await import('../src/jwt/jwks-registry.ts');
  let fetched = 0;
  const deps = { now: Date.now, fetch: (async () => { fetched++; throw new Error('no'); }) as typeof fetch, logger: silentLogger, jwks: new JwksRegistry({ fetch, now: Date.now, logger: silentLogger }), rego: null, mode: 'serve' as const };
  const bad: [AccessTokenValidationConfig, RegExp][] = [
    [{}, /exactly one of jwt or introspection/],
    [{ jwt: { localJwks: { inlineString: '{keys:[]}' } } }, /invalid character 'k' looking for beginning of object key string/],
    [{ jwt: { remoteJwks: { url: 'ftp://x' } } }, /must be http\(s\)/],
    [{ jwt: { remoteJwks: { url: 'http://x' }, localJwks: { inlineString: '{}' } } }, /exactly one of remoteJwks or localJwks/],
    [{ introspection: { introspectionUrl: 'nope' } }, /introspectionUrl must be an http\(s\) URL/],
    [{ jwt: { localJwks: { inlineString: '{"keys":[]}' } }, requiredScopes: ['a b'] }, /requiredScopes/],
  ];
  for (const [config, re] of bad) {
    const r = compileAuthConfig('ns.x', { configs: [{ kind: 'accessTokenValidation', name: 'a', config }], booleanExpr: null, failOnRedirect: false }, deps);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.code, 'AUTH_CONFIG_INVALID');
      assert.match(r.message, re);
    }
  }
  assert.equal(fetched, 0);
});
