// client_credentials against a real IdP on an ephemeral port: JWT access tokens with the product scopes, verifiable
// from the JWKS; unknown or disallowed scopes refused; wrong secret refused; scopes updated at run time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { startIdp, type RunningIdp } from '@portico/idp';
import { clientCredentials, tempStateDir, testConfig } from './fixtures.ts';

describe('idp client_credentials', () => {
  let idp: RunningIdp;
  let state: Awaited<ReturnType<typeof tempStateDir>>;
  before(async () => {
    state = await tempStateDir();
    idp = await startIdp({ port: 0, stateDir: state.dir, config: testConfig });
  });
  after(async () => {
    await idp.close();
    await state.remove();
  });

  it('serves discovery naming the issuer, the JWKS, PKCE S256 and the product scopes', async () => {
    const res = await fetch(`${idp.url}/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.issuer, idp.issuer);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.ok((doc.grant_types_supported as string[]).includes('client_credentials'));
    assert.deepEqual(doc.scopes_supported, ['openid', 'profile', 'email', 'offline_access', 'petstore', 'tracks']);
    const jwks = (await (await fetch(`${idp.url}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0]?.kty, 'RSA');
    assert.equal(jwks.keys[0]?.d, undefined, 'the private part is never published');
  });

  it('issues an RS256 at+jwt whose scope claim carries the requested products', async () => {
    const { status, body } = await clientCredentials(idp.url, 'machine', 'machine-secret', 'tracks petstore');
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, 'Bearer');
    const token = body.access_token as string;
    assert.equal(decodeProtectedHeader(token).typ, 'at+jwt');
    const jwks = createRemoteJWKSet(new URL(`${idp.url}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: idp.issuer, audience: 'http://gateway.test', typ: 'at+jwt', algorithms: ['RS256'],
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.deepEqual((payload.scope as string).split(' ').sort(), ['petstore', 'tracks']);
    assert.equal(payload.client_id, 'machine');
    assert.equal(payload.sub, 'machine');
    assert.ok(typeof payload.jti === 'string' && typeof payload.exp === 'number');
  });

  it("accepts the seed walkthrough's request form: credentials in the body (client_secret_post)", async () => {
    const res = await fetch(`${idp.url}/token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'machine', client_secret: 'machine-secret', grant_type: 'client_credentials', scope: 'tracks petstore' }),
    });
    assert.equal(res.status, 200);
    const { payload } = await jwtVerify(((await res.json()) as { access_token: string }).access_token,
      createRemoteJWKSet(new URL(`${idp.url}/jwks`)), { issuer: idp.issuer });
    assert.deepEqual(String(payload.scope).split(' ').sort(), ['petstore', 'tracks']);
  });

  it('refuses an unknown scope with invalid_scope instead of dropping it', async () => {
    const { status, body } = await clientCredentials(idp.url, 'machine', 'machine-secret', 'petstore admin');
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_scope');
    assert.match(String(body.error_description), /admin/);
  });

  it("refuses a product outside the client's allowed scopes", async () => {
    const ok = await clientCredentials(idp.url, 'tracks-only', 'tracks-secret', 'tracks');
    assert.equal(ok.status, 200);
    const denied = await clientCredentials(idp.url, 'tracks-only', 'tracks-secret', 'tracks petstore');
    assert.equal(denied.status, 400);
    assert.equal(denied.body.error, 'invalid_scope');
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const { status, body } = await clientCredentials(idp.url, 'machine', 'wrong-secret', 'tracks');
    assert.equal(status, 401);
    assert.equal(body.error, 'invalid_client');
  });

  it('follows setScopes: new products become issuable, removed ones are refused', async () => {
    const result = idp.setScopes(['tracks', 'orders', 'has space']);
    assert.deepEqual(result, { accepted: ['orders', 'tracks'], rejected: ['has space'] });
    const orders = await clientCredentials(idp.url, 'machine', 'machine-secret', 'orders');
    assert.equal(orders.status, 200);
    const petstore = await clientCredentials(idp.url, 'machine', 'machine-secret', 'petstore');
    assert.equal(petstore.body.error, 'invalid_scope');
    const doc = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as { scopes_supported: string[] };
    assert.ok(doc.scopes_supported.includes('orders') && !doc.scopes_supported.includes('petstore'));
    idp.setScopes(['petstore', 'tracks']);
  });

  it('introspects opaque access tokens (RFC 7662) for clients configured with accessTokenFormat opaque', async () => {
    const { status, body } = await clientCredentials(idp.url, 'opaque', 'opaque-secret', 'tracks');
    assert.equal(status, 200);
    const token = body.access_token as string;
    assert.equal(token.split('.').length, 1, 'not a JWT');
    const introspect = async (t: string) => (await (await fetch(`${idp.url}/token/introspection`, {
      method: 'POST', body: new URLSearchParams({ token: t }),
      headers: { authorization: `Basic ${Buffer.from('machine:machine-secret').toString('base64')}` },
    })).json()) as Record<string, unknown>;
    const active = await introspect(token);
    assert.equal(active.active, true);
    assert.equal(active.scope, 'tracks');
    assert.equal(active.client_id, 'opaque');
    assert.equal((await introspect('not-a-token')).active, false);

    const revoke = (id: string, secret: string) => fetch(`${idp.url}/token/revocation`, {
      method: 'POST', body: new URLSearchParams({ token }),
      headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
    });
    const foreign = await revoke('machine', 'machine-secret');
    assert.equal(foreign.status, 400, 'another client may not revoke it');
    assert.equal((await introspect(token)).active, true);
    assert.equal((await revoke('opaque', 'opaque-secret')).status, 200);
    assert.equal((await introspect(token)).active, false, 'revoked');
  });

  it('issues a token without a scope claim when no scope is asked for', async () => {
    const { status, body } = await clientCredentials(idp.url, 'machine', 'machine-secret');
    assert.equal(status, 200);
    const { payload } = await jwtVerify(body.access_token as string, createRemoteJWKSet(new URL(`${idp.url}/jwks`)));
    assert.equal(payload.scope, undefined);
  });
});
