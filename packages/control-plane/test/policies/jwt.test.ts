// JWTPolicy through the real stack (gloo-api-more.md §7): tokens checked by ext-auth's JWKS machinery before the
// route's ExtAuthPolicy; no token → 401 `Jwt is missing`, a bad one → 401 `Jwt verification fails`, claims or
// scopes not met → 403; claims to headers, the token not forwarded unless keepToken; a remote JWKS served over HTTP.
import { createPublicKey } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessClaims, makeIssuer, tamper } from '../../../ext-auth/test/helpers/tokens.ts';
import { startEcho } from '../../../gateway/test/support/echo-upstream.ts';
import { send, serveOnLoopback, startPolicyStack, upstreamAndRoutes } from '../support/policy-stack.ts';

test('JWTPolicy: local and remote JWKS, issuer, audiences, claims, scopes, claimsToHeaders, token source', async (t) => {
  const echo = await startEcho('echo');
  t.after(() => echo.close());
  const local = await makeIssuer('local-1');
  const remote = await makeIssuer('remote-1');
  let jwksFetches = 0;
  const jwksPort = await serveOnLoopback(t, (_req, res) => {
    jwksFetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(remote.jwks));
  });
  const jwksUrl = `http://127.0.0.1:${jwksPort}/jwks`;

  // Gloo's documented local form: a PEM public key, and tokens without kid (Envoy tries the key).
  const pem = createPublicKey({ key: local.publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(echo.port, [
      { name: 'local', prefix: '/local', labels: { jwt: 'local' } },
      { name: 'remote', prefix: '/remote', labels: { jwt: 'remote' } },
      { name: 'open', prefix: '/open' },
      { name: 'pem', prefix: '/pem', labels: { jwt: 'pem' } },
    ]) +
      `---
apiVersion: security.policy.gloo.solo.io/v2
kind: JWTPolicy
metadata: { name: local-jwt, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { jwt: local } } }]
  config:
    providers:
      dev:
        issuer: http://localhost:9000
        audiences: [api]
        local: { inline: '${JSON.stringify(local.jwks)}' }
        claimsToHeaders: [{ claim: sub, header: X-Sub }, { claim: team, header: X-Team }]
    claims: [{ key: team, values: ['blue', 'gr*'] }]
    requiredScopes: [tracks.read]
---
apiVersion: security.policy.gloo.solo.io/v2
kind: JWTPolicy
metadata: { name: remote-jwt, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { jwt: remote } } }]
  config:
    providers:
      idp:
        remote: { url: '${jwksUrl}', cacheDuration: 5m }
        tokenSource: { headers: [{ name: X-Token }], queryParams: [token] }
        keepToken: true
---
apiVersion: security.policy.gloo.solo.io/v2
kind: JWTPolicy
metadata: { name: pem-jwt, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { jwt: pem } } }]
  config:
    providers:
      pem:
        local:
          inline: |
${pem.trim().split('\n').map((l) => `            ${l}`).join('\n')}
`,
  );
  const port = s.gateway.port;
  const good = await local.sign(accessClaims('tracks.read other', { team: 'green' }));

  const missing = await send(port, '/local');
  assert.equal(missing.status, 401);
  assert.equal(missing.body, 'Jwt is missing');
  const ok = await send(port, '/local', { headers: { authorization: `Bearer ${good}` } });
  assert.equal(ok.status, 200, ok.body);
  const up = JSON.parse(ok.body).headers as Record<string, string>;
  assert.equal(up['x-sub'], 'alice');
  assert.equal(up['x-team'], 'green');
  assert.equal(up.authorization, undefined, 'the token is removed unless keepToken');

  const bad = await send(port, '/local', { headers: { authorization: `Bearer ${tamper(good)}` } });
  assert.equal(bad.status, 401);
  assert.equal(bad.body, 'Jwt verification fails');
  assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
  for (const [why, claims] of [
    ['wrong issuer', accessClaims('tracks.read', { team: 'blue', iss: 'https://evil' })],
    ['wrong audience', accessClaims('tracks.read', { team: 'blue', aud: 'other' })],
    ['expired', accessClaims('tracks.read', { team: 'blue', exp: Math.floor(Date.now() / 1000) - 3600 })],
  ] as const) {
    assert.equal((await send(port, '/local', { headers: { authorization: `Bearer ${await local.sign(claims)}` } })).status, 401, why);
  }
  assert.equal((await send(port, '/local', { headers: { authorization: `Bearer ${await remote.sign(accessClaims('tracks.read', { team: 'blue' }))}` } })).status, 401, 'key of another issuer');
  const wrongTeam = await send(port, '/local', { headers: { authorization: `Bearer ${await local.sign(accessClaims('tracks.read', { team: 'red' }))}` } });
  assert.equal(wrongTeam.status, 403);
  assert.equal((await send(port, '/local', { headers: { authorization: `Bearer ${await local.sign(accessClaims('other', { team: 'blue' }))}` } })).status, 403, 'missing scope');
  assert.equal((await send(port, '/open')).status, 200);

  // Remote JWKS: ext-auth fetches it off the request path; wait (bounded) until it is loaded.
  const rtoken = await remote.sign(accessClaims('x'));
  let remoteOk = 0;
  for (let i = 0; i < 100 && remoteOk !== 200; i++) {
    remoteOk = (await send(port, '/remote', { headers: { 'x-token': rtoken } })).status;
    if (remoteOk !== 200) await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(remoteOk, 200);
  assert.equal((await send(port, '/remote', { headers: { 'x-token': await remote.sign(accessClaims('x'), { kid: null }) } })).status, 200, 'remote key, token without kid');
  const viaQuery = await send(port, `/remote?token=${rtoken}`);
  assert.equal(viaQuery.status, 200);
  assert.equal((await send(port, '/remote', { headers: { authorization: `Bearer ${rtoken}` } })).status, 401, 'only the configured token source is read');
  const kept = await send(port, '/remote', { headers: { 'x-token': rtoken } });
  assert.equal(JSON.parse(kept.body).headers['x-token'], rtoken, 'keepToken forwards the token');
  assert.equal(jwksFetches, 1, 'the JWKS is cached, not fetched per request');

  assert.equal((await send(port, '/pem', { headers: { authorization: `Bearer ${await local.sign(accessClaims('x'), { kid: null })}` } })).status, 200, 'PEM key, token without kid');
  assert.equal((await send(port, '/pem', { headers: { authorization: `Bearer ${await remote.sign(accessClaims('x'), { kid: null })}` } })).status, 401, 'PEM key, token of another key');

  for (const name of ['local-jwt', 'remote-jwt', 'pem-jwt']) {
    const st = (await s.status('JWTPolicy', 'ns', name)) as { common: { State: { approval: string } }; numSelectedRoutes: number };
    assert.equal(st.common.State.approval, 'ACCEPTED', name);
    assert.equal(st.numSelectedRoutes, 1);
  }
});
