// The keyed path as users run it, N against N: `portico up --workers N` (the real process — the primary relays the
// API-key feed and keeps the usage-plan counters, the workers serve) against Debian nginx with N workers as a plain
// reverse proxy. One RouteTable with two routes to the same upstream: /open (no auth) and /keyed (apiKeyAuth + the
// usage-plan RateLimitPolicy, the walkthrough's shape, a gold-plan key that never hits its limit); and the seed's
// JWT + OPA route: a second RouteTable, an API product ("tracks"), whose /jwt route carries the walkthrough's
// ExtAuthPolicy as written (oauth2 accessTokenValidation against a remote JWKS, which this script serves, and the
// "scope must contain the product id" policy from a ConfigMap), called with a token whose scope is "tracks". Every
// gateway row comes from the same `portico up`, so a row's share of the open one is that route's whole cost.
// CPU per request counts every process of each side (nginx's master and workers; portico up's primary and
// workers: the primary's relay and counters serve the keyed requests). The access logs go to files on both sides.
// Interleaved: nginx and portico up run side by side (idle when not measured) and are measured in turn, ROUNDS
// times (nginx, no auth, keyed, nginx, …): on a host whose speed drifts (a shared VM: nginx alone varied 2× between
// minutes here), each round's ratios compare figures taken within seconds of each other; the medians are the result.
// Usage: node bench/portal/up-keyed.ts   (BENCH_WORKERS default 2, BENCH_ROUNDS default 5, BENCH_SECONDS per
// measurement default 4, BENCH_CONNECTIONS default 50)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { churnTable } from '../gateway/config-churn.ts';
import { startNginx } from '../gateway/nginx.ts';
import { until } from '@portico/testing';
import { childPids, cpuSeconds, ensureDebianPackage, freePort, median, runWrkAsync, runWrkDuring, startListening, stop, type WrkResult } from '../gateway/tools.ts';

const MAIN = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const WORKERS = Number(process.env.BENCH_WORKERS ?? '2');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '4');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
/** RouteTables applied while the open, then the keyed route is measured under changes. */
const CHANGES = Number(process.env.BENCH_CHANGES ?? '200');
const HOST = 'api.example.com';
const JWT_HOST = 'tracks.example.com';
const SEED_STEP3 = readFileSync(new URL('../../examples/quickstart/03-extauth-oidc.yaml', import.meta.url), 'utf8');

const forwardTo = (upstreamPort: number) =>
  `forwardTo: { destinations: [{ ref: { name: upstream, namespace: bench }, kind: EXTERNAL_SERVICE, port: { number: ${upstreamPort} } }] }`;
const manifests = (upstreamPort: number, jwksUrl: string) => `
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
      ${forwardTo(upstreamPort)}
    - name: open
      matchers: [{ uri: { prefix: / } }]
      ${forwardTo(upstreamPort)}
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
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: tracks, namespace: bench }
spec:
  hosts: [${JWT_HOST}]
  portalMetadata: { apiProductId: tracks, apiVersion: v1 }
  http:
    - name: jwt
      labels: { usagePlans: dev-portal }
      matchers: [{ uri: { prefix: /jwt } }]
      ${forwardTo(upstreamPort)}
---
${seedPolicy(jwksUrl)}
`;

/** The quickstart's copy of the seed's Step 3 (ConfigMap, ExtAuthServer, ExtAuthPolicy) with this script's JWKS URL. */
function seedPolicy(jwksUrl: string): string {
  const yaml = SEED_STEP3.replace('http://localhost:9000/jwks', jwksUrl);
  if (yaml === SEED_STEP3) throw new Error('examples/quickstart/03-extauth-oidc.yaml no longer names http://localhost:9000/jwks');
  return yaml;
}

/** A JWKS endpoint with one RS256 key, and an access token it verifies whose scope is the product id "tracks". */
async function jwtIssuer(): Promise<{ server: Server; url: string; token: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', use: 'sig', alg: 'RS256' }] });
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ iss: 'http://bench.local', sub: 'alice', scope: 'tracks', iat: now, exp: now + 3600 })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'at+jwt' })
    .sign(privateKey);
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, token };
}

type Row = WrkResult & { requestsPerCpuSecond: number; cpuUsPerRequest: number[] };

/** One measured run; CPU of every process in `pids` over it gives req/CPU-s (and µs per request, per process). */
async function measure(t: Target): Promise<Row> {
  const { url, pids, headers, host } = t;
  const cpu0 = pids.map((p) => cpuSeconds(p));
  const r = await runWrkAsync(url, { connections: CONNECTIONS, seconds: SECONDS, host, headers });
  const each = pids.map((p, i) => cpuSeconds(p) - cpu0[i]!);
  const cpu = each.reduce((a, b) => a + b, 0);
  if (r.errors > 0) throw new Error(`${r.errors} failed requests on ${url}`);
  const requests = r.requestsPerSecond * SECONDS;
  return { ...r, requestsPerCpuSecond: Math.round(requests / cpu), cpuUsPerRequest: each.map((c) => (c * 1e6) / requests) };
}

/** GET with a Host header and optional headers; resolves with the status. */
function status(port: number, path: string, headers: Record<string, string> = {}, host = HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false, headers: { host, ...headers } }, (res) => {
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
  host: string;
}

async function main(): Promise<void> {
  ensureDebianPackage('wrk', 'wrk');
  ensureDebianPackage('nginx', 'nginx');
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-up-keyed-'));
  const upstream = await startListening(process.execPath, [join(here, '..', 'gateway', 'upstream.ts'), '0']);
  const rounds: Row[][] = [];
  const duringChanges: WrkResult[] = [];
  let targets: Target[] = [];
  let nginx: ChildProcess | null = null;
  let up: ChildProcess | null = null;
  const issuer = await jwtIssuer();
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
    const apply = async (content: string) => {
      const r = await fetch(`${admin}/v1/apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ documents: [{ file: 'bench.yaml', content }] }),
      });
      if (r.status !== 200) throw new Error(`apply: ${r.status} ${await r.text()}`);
    };
    await apply(manifests(upstream.port, issuer.url));
    // A key in the store the portal server writes: the primary's feed relays it to the workers.
    const keys = createSqliteApiKeyStore({ path: join(dir, 'up', 'state', 'apikeys.db') });
    const made = await keys.create({ name: 'bench', owner: 'bench@example.com', usagePlan: 'gold' });
    await keys.close();
    if (!made.ok) throw new Error(made.message);
    const key = made.value.apiKey;
    // Every worker serves every route once fresh connections (handed out in turn) all succeed.
    const bearer = { authorization: `Bearer ${issuer.token}` };
    const probes = [() => status(port, '/'), () => status(port, '/keyed', { 'api-key': key }), () => status(port, '/jwt', bearer, JWT_HOST)];
    await until(async () => {
      const s = await Promise.all(Array.from({ length: probes.length * WORKERS }, (_, i) => probes[i % probes.length]!().catch(() => 0)));
      return s.every((x) => x === 200) ? true : undefined;
    }, 'every route in every worker');
    // The seed policy denies a token without the product's scope: the JWT row measures a real decision.
    const denied = await status(port, '/jwt', {}, JWT_HOST);
    if (denied !== 401 && denied !== 403) throw new Error(`/jwt without a token answered ${denied}`);
    const upPids = [up.pid!, ...childPids(up.pid!)];
    targets = [
      { name: `nginx, ${WORKERS} workers (no auth)`, url: `http://127.0.0.1:${nginxPort}/`, pids: [nginx.pid!, ...childPids(nginx.pid!)], headers: [], host: HOST },
      { name: `portico up --workers ${WORKERS}, no auth`, url: `http://127.0.0.1:${port}/`, pids: upPids, headers: [], host: HOST },
      { name: `portico up --workers ${WORKERS}, API key + plan limit`, url: `http://127.0.0.1:${port}/keyed`, pids: upPids, headers: [`api-key: ${key}`], host: HOST },
      { name: `portico up --workers ${WORKERS}, JWT + seed policy`, url: `http://127.0.0.1:${port}/jwt`, pids: upPids, headers: [`Authorization: Bearer ${issuer.token}`], host: JWT_HOST },
    ];
    for (const t of targets) await runWrkAsync(t.url, { connections: CONNECTIONS, seconds: 2, host: t.host, headers: t.headers });
    for (let i = 0; i < ROUNDS; i++) {
      const round: Row[] = [];
      for (const t of targets) round.push(await measure(t));
      rounds.push(round);
    }
    // The open and the keyed route while RouteTables are applied one by one (each a new host, each a translation
    // in the primary): the primary also answers the workers' counter batches, so a keyed request can wait behind a
    // translation there, where an open one cannot.
    let n = 0;
    const changes = async () => {
      for (let i = 0; i < CHANGES; i++, n++) await apply(churnTable(n));
      await until(async () => ((await status(port, '/', {}, `h${n - 1}.churn.example.com`).catch(() => 0)) === 200 ? true : undefined), 'the last table in the workers');
    };
    for (const t of [targets[1]!, targets[2]!]) duringChanges.push(await runWrkDuring(t.url, { connections: CONNECTIONS, host: t.host, headers: t.headers }, changes));
  } finally {
    if (up) await stop(up);
    if (nginx) await stop(nginx);
    await stop(upstream.child);
    issuer.server.close();
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
  process.stdout.write(`µs of CPU per request (medians): nginx ${cpuSplit(0)}; portico no auth ${cpuSplit(1)}; keyed ${cpuSplit(2)}; JWT ${cpuSplit(3)}\n`);
  const ratio = (a: number, b: number, f: (r: Row) => number) => rounds.map((round) => f(round[a]!) / f(round[b]!));
  const show = (xs: number[]) => `${median(xs).toFixed(2)} (rounds ${xs.map((x) => x.toFixed(2)).join(', ')})`;
  const rps = (r: Row) => r.requestsPerSecond;
  process.stdout.write(
    `keyed vs nginx (${WORKERS} vs ${WORKERS}), medians of the rounds: requests/s ${show(ratio(2, 0, rps))} (target ≥ 0.40), p99 ${show(ratio(2, 0, (r) => r.p99Ms))}; ` +
      `no auth vs nginx ${show(ratio(1, 0, rps))}; keyed vs no auth ${show(ratio(2, 1, rps))}, per CPU-second ${show(ratio(2, 1, (r) => r.requestsPerCpuSecond))}\n` +
      `JWT + seed policy vs nginx (${WORKERS} vs ${WORKERS}): requests/s ${show(ratio(3, 0, rps))} (target ≥ 0.40), p99 ${show(ratio(3, 0, (r) => r.p99Ms))}; ` +
      `JWT vs no auth ${show(ratio(3, 1, rps))}, per CPU-second ${show(ratio(3, 1, (r) => r.requestsPerCpuSecond))}\n`,
  );
  const during = (k: number, j: number) => {
    const d = duringChanges[k]!;
    const steady = median(rounds.map((round) => round[j]!.p99Ms));
    return `${d.requestsPerSecond.toFixed(0)} req/s, p99 ${d.p99Ms.toFixed(2)} ms = ${(d.p99Ms / steady).toFixed(2)} × its steady p99 (${steady.toFixed(2)}), non-2xx/errors ${d.errors}`;
  };
  if (duringChanges.length === 2) process.stdout.write(`while ${CHANGES} RouteTables were applied: no auth ${during(0, 1)}; keyed ${during(1, 2)}\n`);
}

await main();
