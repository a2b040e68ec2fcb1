// Two `portico up --kubernetes` replicas (leader election on, as the replicated overlay runs them) against one
// Kubernetes API server process, sharing one Redis (127.0.0.1:6379, `--redis` — the overlay's portico-redis Secret):
// an API key created through replica A's portal server works through replica B's gateway; a usage plan of 3 calls
// holds across both (the 4th call, through either, is 429); a key revoked through B fails on both.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { startIdp } from '@portico/idp';
import { until } from '@portico/testing';
import { http } from '../../portal-server/test/support/http.ts';
import { idpTestConfig, userTokens } from '../../portal-server/test/support/login.ts';
import { cleanup, skipWithoutKubectl, startApiServerProcess, startReplica, tempDir } from './kube-api-process.ts';

after(cleanup);
const REDIS = 'redis://127.0.0.1:6379';

// The keys stack of the portal server's multi-gateway test, with its limit per DAY instead of per minute: the calls
// below must fall in one window without a frozen clock (a minute could roll over between them). The config's name is
// unique per run: counters live in the shared Redis.
const FIXTURE = new URL('../../portal-server/test/__fixtures__/keys-stack.yaml', import.meta.url);
function manifests(upstreamPort: number, portalPort: number): string {
  const text = readFileSync(FIXTURE, 'utf8');
  const perMinute = 'requestsPerUnit: 5, unit: MINUTE';
  assert.ok(text.includes(perMinute), `${FIXTURE.pathname} still has ${perMinute}`);
  return text
    .replace(perMinute, 'requestsPerUnit: 3, unit: DAY')
    .replaceAll('{{TRACKS_PORT}}', String(upstreamPort))
    .replaceAll('{{PORTAL_PORT}}', String(portalPort))
    .replaceAll('{{PLANS}}', `plans-${randomBytes(4).toString('hex')}`);
}

test('two controller replicas on one Redis: a key made through one works through the other; a limit holds across both', { skip: skipWithoutKubectl }, async (t) => {
  const upstream = createServer((_req, res) => res.end('[]'));
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  t.after(() => upstream.close());
  const idp = await startIdp({ port: 0, stateDir: tempDir('portico-redis-idp-'), config: idpTestConfig, persistGrants: false });
  t.after(() => idp.close());
  const { kubeconfig, kubectl } = await startApiServerProcess();
  const args = ['--redis', REDIS, '--portal-issuer', idp.issuer];
  const [a, b] = await Promise.all([startReplica('redis-a', kubeconfig, args), startReplica('redis-b', kubeconfig, args)]);
  assert.match(a.out(), /API keys and counters in redis/);
  const port = (url: string) => Number(new URL(url).port);
  // portal.test on either gateway goes to A's portal server (one set of manifests for both replicas).
  kubectl(['apply', '-f', '-'], manifests((upstream.address() as AddressInfo).port, port(a.portal)));
  const call = (r: typeof a, apiKey: string) => http(port(r.gateway), 'api.test', '/trackapi/tracks', { headers: { 'api-key': apiKey } });
  for (const r of [a, b]) await until(async () => ((await call(r, 'no-such-key')).status === 401 || undefined), 'both replicas serve the keyed route', 30_000, 100);

  // Created through replica A's portal server (a signed-in user: the IdP's ID token)…
  const { idToken } = await userTokens(idp.issuer, 'developer@example.com');
  const portal = (r: typeof a, path: string, opts: { method?: string; body?: string } = {}) => http(port(r.portal), 'portal.test', path, { ...opts, headers: { id_token: idToken } });
  const made = await portal(a, '/v1/api-keys', { method: 'POST', body: JSON.stringify({ usagePlan: 'bronze', apiKeyName: `redis-${randomBytes(4).toString('hex')}` }) });
  assert.equal(made.status, 201, made.text);
  const { apiKey, id } = made.json() as { apiKey: string; id: string };
  // …works through replica B (an unknown key is refused before it is counted, so waiting costs no call).
  const first = await until(async () => {
    const r = await call(b, apiKey);
    return r.status === 401 ? undefined : r;
  }, 'the key made through A reaches B', 10_000, 50);
  assert.equal(first.status, 200, first.text);
  // 3 per day across both: calls 2 and 3 through A and B pass, the 4th is refused through either.
  assert.deepEqual([(await call(a, apiKey)).status, (await call(b, apiKey)).status], [200, 200]);
  const limited = [await call(a, apiKey), await call(b, apiKey)];
  assert.deepEqual(limited.map((r) => r.status), [429, 429], 'the limit holds across both replicas');

  // Revoked through B's portal server: refused on both.
  assert.equal((await portal(b, `/v1/api-keys/${id}`, { method: 'DELETE' })).status, 200);
  for (const r of [a, b]) await until(async () => ((await call(r, apiKey)).status === 401 || undefined), 'the revoked key refused', 10_000, 50);
});
