// `portico up --workers 2` as a real process, with the embedded stores: two gateway worker processes share the
// listener. One test, one start (it is the expensive part):
//  - a key revoked in the store stops working in both workers within 1 s;
//  - a usage-plan limit holds exactly across both workers;
//  - 100 configuration changes applied while traffic flows drop no request;
//  - the admin API's /metrics sums both workers; a worker that dies is replaced with the current configuration;
//  - the workers run with the malloc settings `portico up` gives them.
// Which worker served a request is read from the access log (pid per request_id).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { MAIN } from './helpers.ts';
import { until as poll } from '@portico/testing';

const LIMIT = 12;

function manifests(upstreamPort: number): string {
  return `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: echo, namespace: w }
spec: { hosts: [echo.local], addresses: [127.0.0.1], ports: [{ name: http, number: ${upstreamPort}, protocol: HTTP }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: ExtAuthServer
metadata: { name: ext-auth, namespace: w }
# A generous decision timeout: on a heavily loaded host a slow check must not turn a valid key into a 403.
spec: { destinationServer: { ref: { name: ext-auth-service, namespace: w }, port: { name: grpc } }, requestTimeout: 10s }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: rt, namespace: w }
spec:
  hosts: [keys.test, open.test]
  http:
    - name: keyed
      labels: { apikeys: "true" }
      matchers: [{ uri: { prefix: /keyed } }]
      forwardTo: { destinations: [{ ref: { name: echo, namespace: w }, kind: EXTERNAL_SERVICE, port: { number: ${upstreamPort} } }] }
    - name: open
      matchers: [{ uri: { prefix: /open } }]
      forwardTo: { destinations: [{ ref: { name: echo, namespace: w }, kind: EXTERNAL_SERVICE, port: { number: ${upstreamPort} } }] }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: keys, namespace: w }
spec:
  applyToRoutes: [{ route: { labels: { apikeys: "true" } } }]
  config:
    server: { name: ext-auth, namespace: w }
    glooAuth: { configs: [{ apiKeyAuth: { headerName: api-key, headersFromMetadataEntry: { X-Solo-Plan: { name: usagePlan, required: true } } } }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerConfig
metadata: { name: plans, namespace: w }
spec:
  raw:
    descriptors:
      - { key: usagePlan, value: bronze, descriptors: [{ key: userId, rateLimit: { requestsPerUnit: ${LIMIT}, unit: DAY } }] }
      - { key: usagePlan, value: gold, descriptors: [{ key: userId, rateLimit: { requestsPerUnit: 100000, unit: DAY } }] }
---
# Failing closed with a generous timeout: on a busy host a slow decision must show up as an error, not let a
# request through uncounted.
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerSettings
metadata: { name: strict, namespace: w }
spec: { requestTimeout: 10s, denyOnFail: true }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: plans, namespace: w }
spec:
  applyToRoutes: [{ route: { labels: { apikeys: "true" } } }]
  config:
    ratelimitServerConfig: { name: plans, namespace: w }
    serverSettings: { name: strict, namespace: w }
    raw:
      rateLimits:
        - actions:
            - requestHeaders: { descriptorKey: usagePlan, headerName: X-Solo-Plan }
            - metadata: { descriptorKey: userId, metadataKey: { key: envoy.filters.http.ext_authz, path: [{ key: userId }] } }
`;
}

/** A configuration change: the body of a direct response on cfg.test. */
const change = (i: number) => `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: cfg, namespace: w }
spec: { hosts: [cfg.test], http: [{ name: v, directResponse: { status: 200, body: "v${i}" } }] }
`;

interface Reply {
  status: number;
  body: string;
  id: string;
}
let seq = 0;
/** One request; `fresh` opens a new connection (so the cluster hands it to the next worker). */
function call(port: number, host: string, path: string, headers: Record<string, string> = {}, fresh = true): Promise<Reply> {
  const id = `t-${process.pid}-${seq++}`;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: fresh ? false : undefined, headers: { host, 'x-request-id': id, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, id }));
    });
    req.on('error', reject);
    // Bounded: a connection handed to a worker at the moment it is killed is never answered.
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.end();
  });
}

/** Bounded poll. */
const until = <T>(what: string, limitMs: number, f: () => Promise<T | undefined>) => poll(f, what, limitMs, 10);

test('up --workers 2: revocation within 1 s in both workers, exact limits across them, no request dropped over 100 config changes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-workers-'));
  const stateDir = join(dir, 'state');
  const upstream: Server = createServer((_req, res) => res.end('ok'));
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  t.after(() => {
    upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  // The test's own X-Request-Id (how a request is matched to the worker that logged it) is kept only from a trusted peer.
  ports.push('--trusted-proxies', '127.0.0.1');
  const child = spawn(process.execPath, [MAIN, 'up', '--workers', '2', '--no-idp', '--no-demo', '--state-dir', stateDir, ...ports], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  const pidOf = new Map<string, number>();
  let partial = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const l of lines) {
      if (!l.startsWith('{"level":30')) continue;
      const r = JSON.parse(l) as { request_id?: string; pid: number };
      if (r.request_id) pidOf.set(r.request_id, r.pid);
    }
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('Press Ctrl+C to stop.') && resolve());
    child.once('exit', (code) => reject(new Error(`up exited with ${code}: ${err}`)));
  });
  const admin = /admin API\s+(http:\/\/\S+)/.exec(out)![1]!;
  const port = Number(/gateway\s+https?:\/\/[^\s:]+:(\d+)/.exec(out)![1]);
  // The admin API takes the token portico up keeps in the state directory.
  const auth = { authorization: `Bearer ${readFileSync(join(stateDir, 'token'), 'utf8').trim()}` };
  const apply = async (content: string) => {
    const r = await fetch(`${admin}/v1/apply`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ documents: [{ file: 'w.yaml', content }] }) });
    assert.equal(r.status, 200, await r.text());
  };
  const pidsOf = (replies: Reply[]) => until('access-log lines', 5000, async () => (replies.every((r) => pidOf.has(r.id)) ? new Set(replies.map((r) => pidOf.get(r.id)!)) : undefined));

  await apply(manifests((upstream.address() as AddressInfo).port));
  // Both workers have the configuration once fresh connections (handed out in turn) all get the keyed route's 401.
  await until('config in both workers', 10_000, async () => {
    const rs = await Promise.all([0, 1, 2, 3].map(() => call(port, 'keys.test', '/keyed')));
    return rs.every((r) => r.status === 401) ? true : undefined;
  });

  // The portal server's store: keys written here reach the workers through their indexes.
  const keys = createSqliteApiKeyStore({ path: join(stateDir, 'apikeys.db') });
  t.after(() => keys.close());
  const gold = await keys.create({ name: 'g', owner: 'alice', usagePlan: 'gold' });
  const bronze = await keys.create({ name: 'b', owner: 'bob', usagePlan: 'bronze' });
  assert.ok(gold.ok && bronze.ok);

  // Exact limit across workers: 3×LIMIT concurrent calls on fresh connections, LIMIT of them allowed.
  const burst = await Promise.all(Array.from({ length: 3 * LIMIT }, () => call(port, 'keys.test', '/keyed', { 'api-key': bronze.value.apiKey })));
  assert.deepEqual(burst.map((r) => r.status).filter((s) => s !== 200 && s !== 429), []);
  assert.equal(burst.filter((r) => r.status === 200).length, LIMIT);
  const workerPids = await pidsOf(burst);
  assert.equal(workerPids.size, 2, 'both workers served the burst');
  // The workers run with the malloc settings of malloc-env.ts (one arena): read from their environment as the
  // kernel holds it.
  for (const pid of workerPids) {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes('MALLOC_ARENA_MAX=1'), `worker ${pid} environment: ${environ.filter((e) => e.startsWith('MALLOC_')).join(' ')}`);
  }

  // Revocation: both workers accept the gold key, then refuse it within 1 s of the delete.
  const before = await Promise.all([0, 1, 2, 3].map(() => call(port, 'keys.test', '/keyed', { 'api-key': gold.value.apiKey })));
  assert.deepEqual(before.map((r) => r.status), [200, 200, 200, 200]);
  assert.equal((await pidsOf(before)).size, 2);
  assert.deepEqual(await keys.delete('alice', gold.value.record.id), { ok: true, value: true });
  const deletedAt = performance.now();
  const refusedIn = new Map<number, number>();
  const after: Reply[] = [];
  await until('revoked in both workers', 5000, async () => {
    const r = await call(port, 'keys.test', '/keyed', { 'api-key': gold.value.apiKey });
    after.push(r);
    const pid = await until('access-log line', 5000, async () => pidOf.get(r.id));
    if (r.status === 401 && !refusedIn.has(pid)) refusedIn.set(pid, performance.now() - deletedAt);
    else if (r.status !== 401) assert.equal(refusedIn.has(pid), false, `worker ${pid} accepted the key again after refusing it`);
    return refusedIn.size === 2 ? true : undefined;
  });
  for (const [pid, ms] of refusedIn) assert.ok(ms < 1000, `worker ${pid} refused the revoked key only after ${ms.toFixed(0)} ms`);

  // 100 configuration changes under load: 4 keep-alive clients on the open route until the last change is served.
  let done = false;
  const statuses: number[] = [];
  const failures: string[] = [];
  const client = async () => {
    while (!done) {
      try {
        statuses.push((await call(port, 'open.test', '/open', {}, false)).status);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
  };
  const load = [client(), client(), client(), client()];
  for (let i = 1; i <= 100; i++) {
    await apply(change(i));
    await until(`change ${i} served`, 10_000, async () => ((await call(port, 'cfg.test', '/', {}, false)).body === `v${i}` ? true : undefined));
  }
  done = true;
  await Promise.all(load);
  assert.deepEqual(failures, []);
  assert.ok(statuses.length > 100, `only ${statuses.length} requests during the changes`);
  assert.deepEqual(statuses.filter((s) => s !== 200), [], 'every request under load answered 200');

  // The admin API's /metrics sums both workers: every request of the load is counted on the open route.
  const counted = await until('metrics', 5000, async () => {
    const text = await (await fetch(`${admin}/metrics`, { headers: auth })).text();
    const n = Number(/portico_gateway_requests_total\{route="open[^"]*",api_product="",status_class="2xx",response_flags="-"\} (\d+)/.exec(text)?.[1]);
    return n === statuses.length ? text : undefined;
  });
  assert.match(counted, /portico_gateway_ratelimit_duration_seconds_count\{route="keyed[^"]*",api_product=""\} \d+/);
  assert.match(counted, /portico_gateway_requests_total\{route="keyed[^"]*",api_product="",status_class="4xx",response_flags="RL"\} 24/);
  assert.match(counted, /portico_extauth_allowed_total\{config_id="w\.keys"\} \d+/);

  // A worker that dies is replaced: it gets the current configuration and serves beside the survivor.
  const killed = [...refusedIn.keys()][0]!;
  process.kill(killed, 'SIGKILL');
  await until('a replacement worker serving', 20_000, async () => {
    const rs = await Promise.all([0, 1, 2, 3].map(() => call(port, 'cfg.test', '/').catch(() => null)));
    if (rs.some((r) => r === null || r.body !== 'v100')) return undefined;
    const pids = await pidsOf(rs as Reply[]);
    return pids.size === 2 && !pids.has(killed) ? true : undefined;
  });

  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0, err);
});
