// The portal server's token check against a loopback IdP stand-in (discovery + JWKS): keys from ext-auth's remote
// JWKS cache, a rotated key picked up by an unknown-kid reload, and an unavailable IdP answered 503, not 401.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createAuthenticator, PortalHttpError } from '@portico/portal-server';

async function signer(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { jwk, sign: (issuer: string, claims: Record<string, unknown> = {}) =>
    new SignJWT({ sub: 'alice', email: 'alice@example.com', ...claims }).setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer).setIssuedAt().setExpirationTime('5m').sign(privateKey) };
}

/** An IdP stand-in: discovery and JWKS; `jwks` null answers the JWKS with 503. */
async function idp(state: { keys: object[] | null; discovery: boolean }) {
  const server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration' && state.discovery) {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (req.url === '/jwks' && state.keys) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
    res.writeHead(503).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof PortalHttpError, String(err));
    return { status: err.status, code: err.code, message: err.message };
  }
  assert.fail('the token was accepted');
}

test('discovery names the JWKS; a rotated key is picked up; an unknown or foreign key is 401', async (t) => {
  const [k1, k2, foreign] = await Promise.all([signer('k1'), signer('k2'), signer('k3')]);
  const state = { keys: [k1.jwk] as object[] | null, discovery: true };
  const server = await idp(state);
  const auth = createAuthenticator({ issuer: server.issuer });
  t.after(() => (auth.close(), server.close()));

  const who = await auth.identify(bearer(await k1.sign(server.issuer)));
  assert.equal(who?.email, 'alice@example.com');
  state.keys = [k1.jwk, k2.jwk]; // the IdP rotates in k2
  assert.equal((await auth.identify(bearer(await k2.sign(server.issuer))))?.subject, 'alice');
  const unknown = await refusal(auth.identify(bearer(await foreign.sign(server.issuer))));
  assert.deepEqual([unknown.status, unknown.code], [401, 'PORTAL_UNAUTHENTICATED']);
  assert.match(unknown.message, /no key with kid "k3"/);
  const otherIssuer = await refusal(auth.identify(bearer(await k1.sign('http://elsewhere.test'))));
  assert.equal(otherIssuer.status, 401);
});

test('IdP unavailable (discovery, or JWKS since start): 503, never 401 and never anonymous', async (t) => {
  const k1 = await signer('k1');
  const noDiscovery = await idp({ keys: [k1.jwk], discovery: false });
  const noJwks = await idp({ keys: null, discovery: true });
  const a = createAuthenticator({ issuer: noDiscovery.issuer });
  const b = createAuthenticator({ issuer: noJwks.issuer });
  t.after(() => (a.close(), b.close(), noDiscovery.close(), noJwks.close()));
  const r1 = await refusal(a.identify(bearer(await k1.sign(noDiscovery.issuer))));
  assert.deepEqual([r1.status, r1.code], [503, 'PORTAL_STORE_UNAVAILABLE']);
  const r2 = await refusal(b.identify(bearer(await k1.sign(noJwks.issuer))));
  assert.deepEqual([r2.status, r2.code], [503, 'PORTAL_STORE_UNAVAILABLE']);
  assert.match(r2.message, /no keys loaded from .*\/jwks \(HTTP 503\)/);
});
