import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Secret } from './config.ts';
import { createTokenSource, jwtExpiryMs, renewalTime } from './token.ts';
import { startPortalReplay, type PortalReplay } from './__fixtures__/portal-replay.ts';

const creds = (tokenEndpoint: string, secret = 'backstage-secret') =>
  ({ tokenEndpoint, clientId: 'backstage', clientSecret: new Secret(secret) });

describe('client_credentials token source', () => {
  let idp: PortalReplay;
  before(async () => {
    idp = await startPortalReplay();
  });
  after(() => idp.close());

  it('POSTs grant_type=client_credentials with HTTP Basic and caches the token until renewal', async () => {
    idp.requests.length = 0;
    let now = 1_000_000;
    const tokens = createTokenSource({ credentials: creds(idp.tokenEndpoint), now: () => now });
    const a = await tokens.get();
    assert.ok(a.ok);
    const b = await tokens.get();
    assert.ok(b.ok && b.value === a.value, 'cached');
    assert.equal(idp.requests.length, 1);
    const req = idp.requests[0]!;
    assert.equal(req.method, 'POST');
    assert.match(req.authorization ?? '', /^Basic /);
    assert.equal(new URLSearchParams(req.body).get('grant_type'), 'client_credentials');
    now += 3600_000 - 59_000; // inside the renewal margin (60 s of a 1 h token)
    const c = await tokens.get();
    assert.ok(c.ok && c.value !== a.value, 'renewed before expiry');
    assert.equal(idp.requests.length, 2);
  });

  it('shares one request among concurrent callers', async () => {
    idp.requests.length = 0;
    const tokens = createTokenSource({ credentials: creds(idp.tokenEndpoint) });
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.get()));
    assert.ok(all.every((r) => r.ok));
    assert.equal(idp.requests.length, 1);
  });

  it('refuses bad credentials with TOKEN_REJECTED naming the IdP error, never the secret', async () => {
    const tokens = createTokenSource({ credentials: creds(idp.tokenEndpoint, 'wrong-secret'), backoffMs: 1 });
    const r = await tokens.get();
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.code === 'TOKEN_REJECTED');
    assert.ok(!r.ok && /invalid_client/.test(r.message) && r.message.includes(idp.tokenEndpoint));
    assert.ok(!r.ok && !r.message.includes('wrong-secret'));
  });

  it('retries 5xx with backoff, then succeeds', async () => {
    let calls = 0;
    const server = createServer((req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(calls < 3 ? '{"error":"temporarily_unavailable"}' : '{"access_token":"opaque-token","expires_in":60}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
    const r = await createTokenSource({ credentials: creds(url), backoffMs: 5 }).get();
    server.close();
    assert.deepEqual(r, { ok: true, value: 'opaque-token' });
    assert.equal(calls, 3);
  });

  it('gives TOKEN_SERVER_ERROR after the last attempt and TOKEN_UNREACHABLE when nothing listens', async () => {
    const server = createServer((req, res) => void res.writeHead(500).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const r = await createTokenSource({ credentials: creds(`http://127.0.0.1:${port}/token`), backoffMs: 1 }).get();
    assert.ok(!r.ok && r.code === 'TOKEN_SERVER_ERROR' && /after 3 attempts/.test(r.message));
    await new Promise<void>((res) => server.close(() => res()));
    const down = await createTokenSource({ credentials: creds(`http://127.0.0.1:${port}/token`), backoffMs: 1 }).get();
    assert.ok(!down.ok && down.code === 'TOKEN_UNREACHABLE');
  });

  it('falls back to client_secret_post when the IdP only accepts credentials in the body', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        bodies.push(b);
        const form = new URLSearchParams(b);
        const ok = form.get('client_id') === 'backstage' && form.get('client_secret') === 'backstage-secret';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(ok ? '{"access_token":"t1","expires_in":300}' : '{"error":"invalid_client"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
    const tokens = createTokenSource({ credentials: creds(url) });
    assert.deepEqual(await tokens.get(), { ok: true, value: 't1' });
    tokens.invalidate();
    assert.deepEqual(await tokens.get(), { ok: true, value: 't1' });
    server.close();
    assert.equal(bodies.length, 3, 'basic once, then post remembered');
  });

  it('takes the expiry from the JWT exp claim when expires_in is missing', () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    const jwt = `e30.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.x`;
    assert.equal(jwtExpiryMs(jwt), exp * 1000);
    assert.equal(jwtExpiryMs('opaque'), undefined);
    assert.equal(renewalTime(0, 3600_000), 3600_000 - 60_000);
    assert.equal(renewalTime(0, 20_000), 15_000);
  });

  it('reports a 200 without access_token as TOKEN_BAD_RESPONSE', async () => {
    idp.overrides.set('/token', { status: 200, body: '{"token_type":"Bearer"}' });
    const r = await createTokenSource({ credentials: creds(idp.tokenEndpoint) }).get();
    idp.overrides.delete('/token');
    assert.ok(!r.ok && r.code === 'TOKEN_BAD_RESPONSE');
  });
});
