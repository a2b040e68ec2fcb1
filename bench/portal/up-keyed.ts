// The keyed path as users run it, N against N: `portico up --workers N` (the real process — the primary relays the
// API-key feed and keeps the usage-plan counters, the workers serve) against Debian nginx with N workers as a plain
// reverse proxy. One RouteTable with two routes to the same upstream: /open (no auth) and /keyed (apiKeyAuth + the
// usage-plan RateLimitPolicy, the walkthrough's shape, a gold-plan key that never hits its limit). Both gateway rows
// come from the same `portico up`, so the keyed row's share of the open one is the keyed path's whole cost.
// CPU per request counts every process of each side (nginx's master and workers; portico up's primary and
// workers: the primary's relay and counters serve the keyed requests). The access logs go to files on both sides.
// Interleaved: nginx and portico up run side by side (idle when not measured) and are measured in turn, ROUNDS
// times (nginx, no auth, keyed, nginx, …): on a host whose speed drifts (a shared VM: nginx alone varied 2× between
// minutes here), each round's ratios compare figures taken within seconds of each other; the medians are the result.
// Usage: node bench/portal/up-keyed.ts   (BENCH_WORKERS default 2, BENCH_ROUNDS default 5, BENCH_SECONDS per
// measurement default 4, BENCH_CONNECTIONS default 50)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { startNginx } from '../gateway/nginx.ts';
import { until } from '@portico/testing';
import { childPids, cpuSeconds, ensureDebianPackage, freePort, median, runWrkAsync, startListening, stop, type WrkResult } from '../gateway/tools.ts';

const MAIN = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const WORKERS = Number(process.env.BENCH_WORKERS ?? '2');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '4');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const HOST = 'api.example.com';

const manifests = (upstreamPort: number) => `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: upstream, namespace: bench }
spec: { hosts: [upstream.local], addresses: [127.0.0.1], ports: [{ name: http, number: ${upstreamPort}, protocol: HTTP }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: ExtAuthServer
metadata: { name: ext-auth, namespace: bench }
spec: { destinationServer: { ref: { name: ext-auth-service, namespace: bench }, port: { name: grpc } } }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: api, namespace: bench }
spec:
  hosts: [${HOST}]
  http:
    - name: keyed
      labels: { apikeys: "true" }
      matchers: [{ uri: { prefix: /keyed } }]
      forwardTo: { destinations: [{ ref: { name: upstream, namespace: bench }, kind: EXTERNAL_SERVICE, port: { number: ${upstreamPort} } }] }
    - name: open
      matchers: [{ uri: { prefix: / } }]
      forwardTo: { destinations: [{ ref: { name: upstream, namespace: bench }, kind: EXTERNAL_SERVICE, port: { number: ${upstreamPort} } }] }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: keys, namespace: bench }
spec:
  applyToRoutes: [{ route: { labels: { apikeys: "true" } } }]
  config:
    server: { name: ext-auth, namespace: bench }
    glooAuth: { configs: [{ apiKeyAuth: { headerName: api-key, headersFromMetadataEntry: { X-Solo-Plan: { name: usagePlan, required: true } } } }] }
---
apiVersion: admin.gloo.solo.io/v2
kind: RateLimitServerConfig
metadata: { name: plans, namespace: bench }
spec:
  raw:
    descriptors:
      - { key: usagePlan, value: gold, descriptors: [{ key: userId, rateLimit: { requestsPerUnit: 1000000000, unit: DAY } }] }
---
apiVersion: trafficcontrol.policy.gloo.solo.io/v2
kind: RateLimitPolicy
metadata: { name: plans, namespace: bench }
spec:
  applyToRoutes: [{ route: { labels: { apikeys: "true" } } }]
  config:
    ratelimitServerConfig: { name: plans, namespace: bench }
    raw:
      rateLimits:
        - actions:
            - requestHeaders: { descriptorKey: usagePlan, headerName: X-Solo-Plan }
            - metadata: { descriptorKey: userId, metadataKey: { key: envoy.filters.http.ext_authz, path: [{ key: userId }] } }
`;

type Row = WrkResult & { requestsPerCpuSecond: number; cpuUsPerRequest: number[] };

/** One measured run; CPU of every process in `pids` over it gives req/CPU-s (and µs per request, per process). */
async function measure(url: string, pids: number[], headers: string[] = []): Promise<Row> {
  const cpu0 = pids.map(cpuSeconds);
  const r = await runWrkAsync(url, { connections: CONNECTIONS, seconds: SECONDS, host: HOST, headers });
  const each = pids.map((p, i) => cpuSeconds(p) - cpu0[i]!);
  const cpu = each.reduce((a, b) => a + b, 0);
  if (r.errors > 0) throw new Error(`${r.errors} failed requests on ${url}`);
  const requests = r.requestsPerSecond * SECONDS;
  return { ...r, requestsPerCpuSecond: Math.round(requests / cpu), cpuUsPerRequest: each.map((c) => (c * 1e6) / requests) };
}

/** GET with a Host header and optional headers; resolves with the status. */
function status(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false, headers: { host: HOST, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

/** `portico up` writes its banner, then its access log, to stdout: here a file, as nginx writes its own. */
async function startUp(dir: string): Promise<{ up: ChildProcess; out: string }> {
  const outFile = join(dir, 'up.out');
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const up = spawn(process.execPath, [MAIN, 'up', '--workers', String(WORKERS), '--no-idp', '--no-demo', '--state-dir', join(dir, 'state'), ...ports], {
    stdio: ['ignore', openSync(outFile, 'w'), 'inherit'],
    env: { ...process.env, NODE_COMPILE_CACHE: join(dir, 'compile-cache') },
  });
  const out = await until(() => {
    if (up.exitCode !== null) throw new Error(`portico up exited with ${up.exitCode}`);
    const text = readFileSync(outFile, 'utf8');
    return text.includes('Press Ctrl+C to stop.') ? text : undefined;
  }, 'the portico up banner', 60_000);
  return { up, out };
}

interface Target {
  name: string;
  url: string;
  pids: number[];
  headers: string[];
}

async function main(): Promise<void> {
  ensureDebianPackage('wrk', 'wrk');
  ensureDebianPackage('nginx', 'nginx');
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-up-keyed-'));
  const upstream = await startListening(process.execPath, [join(here, '..', 'gateway', 'upstream.ts'), '0']);
  const rounds: Row[][] = [];
  let targets: Target[] = [];
  let nginx: ChildProcess | null = null;
  let up: ChildProcess | null = null;
  try {
    const nginxPort = await freePort();
    nginx = await startNginx(join(dir, 'nginx'), nginxPort, upstream.port, WORKERS);
    // Refused connections while a server starts are "not yet", not a failure.
    await until(async () => ((await status(nginxPort, '/').catch(() => 0)) === 200 ? true : undefined), 'nginx');
    mkdirSync(join(dir, 'up'));
    const started = await startUp(join(dir, 'up'));
    up = started.up;
    const admin = /admin API\s+(http:\/\/\S+)/.exec(started.out)![1]!;
    const port = Number(/gateway\s+https?:\/\/[^\s:]+:(\d+)/.exec(started.out)![1]);
    const token = readFileSync(join(dir, 'up', 'state', 'token'), 'utf8').trim();
    const applied = await fetch(`${admin}/v1/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ documents: [{ file: 'bench.yaml', content: manifests(upstream.port) }] }),
    });
    if (applied.status !== 200) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
    // A key in the store the portal server writes: the primary's feed relays it to the workers.
    const keys = createSqliteApiKeyStore({ path: join(dir, 'up', 'state', 'apikeys.db') });
    const made = await keys.create({ name: 'bench', owner: 'bench@example.com', usagePlan: 'gold' });
    await keys.close();
    if (!made.ok) throw new Error(made.message);
    const key = made.value.apiKey;
    // Every worker serves both routes once fresh connections (handed out in turn) all succeed.
    await until(async () => {
      const s = await Promise.all(Array.from({ length: 2 * WORKERS }, (_, i) => (i % 2 ? status(port, '/keyed', { 'api-key': key }) : status(port, '/')).catch(() => 0)));
      return s.every((x) => x === 200) ? true : undefined;
    }, 'both routes in every worker');
    const upPids = [up.pid!, ...childPids(up.pid!)];
    targets = [
      { name: `nginx, ${WORKERS} workers (no auth)`, url: `http://127.0.0.1:${nginxPort}/`, pids: [nginx.pid!, ...childPids(nginx.pid!)], headers: [] },
      { name: `portico up --workers ${WORKERS}, no auth`, url: `http://127.0.0.1:${port}/`, pids: upPids, headers: [] },
      { name: `portico up --workers ${WORKERS}, API key + plan limit`, url: `http://127.0.0.1:${port}/keyed`, pids: upPids, headers: [`api-key: ${key}`] },
    ];
    for (const t of targets) await runWrkAsync(t.url, { connections: CONNECTIONS, seconds: 2, host: HOST, headers: t.headers });
    for (let i = 0; i < ROUNDS; i++) {
      const round: Row[] = [];
      for (const t of targets) round.push(await measure(t.url, t.pids, t.headers));
      rounds.push(round);
    }
  } finally {
    if (up) await stop(up);
    if (nginx) await stop(nginx);
    await stop(upstream.child);
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\nwrk -t1 -c${CONNECTIONS} -d${SECONDS}s per measurement (after 2s warm-ups), ${ROUNDS} interleaved rounds, loopback, ${cpus().length} CPUs, load average at start ${loadAtStart}, at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  process.stdout.write(`${'round  target'.padEnd(55)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'req/CPU-s'.padStart(11)}\n`);
  rounds.forEach((round, i) =>
    round.forEach((r, j) => process.stdout.write(`${`${i + 1}      ${targets[j]!.name}`.padEnd(55)}${r.requestsPerSecond.toFixed(0).padStart(10)}${r.p50Ms.toFixed(2).padStart(10)}${r.p99Ms.toFixed(2).padStart(10)}${String(r.requestsPerCpuSecond).padStart(11)}\n`)),
  );
  // The first pid of each side is its primary (nginx's master; portico up's control plane, key relay and counters).
  const cpuSplit = (j: number) => {
    const per = (k: number) => median(rounds.map((round) => round[j]!.cpuUsPerRequest[k]!)).toFixed(1);
    const n = rounds[0]![j]!.cpuUsPerRequest.length;
    return `primary ${per(0)}, workers ${Array.from({ length: n - 1 }, (_, k) => per(k + 1)).join(' + ')}`;
  };
  process.stdout.write(`µs of CPU per request (medians): nginx ${cpuSplit(0)}; portico no auth ${cpuSplit(1)}; keyed ${cpuSplit(2)}\n`);
  const ratio = (a: number, b: number, f: (r: Row) => number) => rounds.map((round) => f(round[a]!) / f(round[b]!));
  const show = (xs: number[]) => `${median(xs).toFixed(2)} (rounds ${xs.map((x) => x.toFixed(2)).join(', ')})`;
  const rps = (r: Row) => r.requestsPerSecond;
  process.stdout.write(
    `keyed vs nginx (${WORKERS} vs ${WORKERS}), medians of the rounds: requests/s ${show(ratio(2, 0, rps))} (target ≥ 0.40), p99 ${show(ratio(2, 0, (r) => r.p99Ms))}; ` +
      `no auth vs nginx ${show(ratio(1, 0, rps))}; keyed vs no auth ${show(ratio(2, 1, rps))}, per CPU-second ${show(ratio(2, 1, (r) => r.requestsPerCpuSecond))}\n`,
  );
}

await main();
