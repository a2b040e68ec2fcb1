// CORSPolicy through the real stack (gloo-api-more.md §5): a preflight from an allowed origin is answered by the
// gateway with the configured Access-Control-* headers; actual requests get the origin echoed; other origins
// get no CORS headers but are not refused; routes the policy does not select are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEcho } from '../../../gateway/test/support/echo-upstream.ts';
import { send, startPolicyStack, upstreamAndRoutes } from '../support/policy-stack.ts';

test('CORSPolicy: preflight answered with the right headers, origins exact/prefix/regex, credentials, unselected route untouched', async (t) => {
  const echo = await startEcho('echo');
  t.after(() => echo.close());
  const s = await startPolicyStack(t);
  await s.apply(
    upstreamAndRoutes(echo.port, [
      { name: 'v1', prefix: '/v1', labels: { cors: 'portal' } },
      { name: 'other', prefix: '/other' },
    ]) +
      `---
apiVersion: security.policy.gloo.solo.io/v2
kind: CORSPolicy
metadata: { name: portal-cors, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { cors: portal } } }]
  config:
    allowOrigins:
      - exact: https://portal.example.com
      - prefix: http://localhost
      - regex: 'https://[a-z]+\\.dev\\.example\\.org'
      - suffix: .example.net
    allowMethods: [GET, POST, DELETE]
    allowHeaders: [authorization, api-key, content-type]
    exposeHeaders: [x-upstream]
    maxAge: 1h
    allowCredentials: true
`,
  );
  const pre = await send(s.gateway.port, '/v1/apis', {
    method: 'OPTIONS',
    headers: { origin: 'https://portal.example.com', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'api-key' },
  });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers['access-control-allow-origin'], 'https://portal.example.com');
  assert.equal(pre.headers['access-control-allow-methods'], 'GET,POST,DELETE');
  assert.equal(pre.headers['access-control-allow-headers'], 'authorization,api-key,content-type');
  assert.equal(pre.headers['access-control-max-age'], '3600');
  assert.equal(pre.headers['access-control-allow-credentials'], 'true');
  assert.equal(echo.requests, 0, 'the preflight never reached the upstream');

  for (const origin of ['http://localhost:5173', 'https://team.dev.example.org']) {
    const r = await send(s.gateway.port, '/v1/apis', { headers: { origin } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['access-control-allow-origin'], origin);
    assert.equal(r.headers['access-control-allow-credentials'], 'true');
    assert.equal(r.headers['access-control-expose-headers'], 'x-upstream');
  }
  // Regex must match the whole origin; suffix is unsupported (reported), so it allows nothing.
  for (const origin of ['https://team.dev.example.org.evil.com', 'https://a.example.net', 'https://evil.com']) {
    const r = await send(s.gateway.port, '/v1/apis', { headers: { origin } });
    assert.equal(r.status, 200, 'other origins are not rejected');
    assert.equal(r.headers['access-control-allow-origin'], undefined, origin);
  }
  const otherPre = await send(s.gateway.port, '/other', { method: 'OPTIONS', headers: { origin: 'https://portal.example.com', 'access-control-request-method': 'GET' } });
  assert.equal(otherPre.headers['access-control-allow-origin'], undefined);
  assert.equal(JSON.parse(otherPre.body).method, 'OPTIONS', 'an unselected route forwards the OPTIONS request');

  const st = (await s.status('CORSPolicy', 'ns', 'portal-cors')) as { common: { State: { approval: string; message: string } }; numSelectedRoutes: number };
  assert.equal(st.common.State.approval, 'WARNING');
  assert.match(st.common.State.message, /spec\.config\.allowOrigins\[\]\.suffix is not supported/);
  assert.equal(st.numSelectedRoutes, 1);
});
