// What route policies cost on the gateway's request path (issue 12): in one run on loopback, wrk against
//   (c) the gateway, one route, no policies (the baseline),
//   (p1) the same route with CORS + HeaderManipulation (synchronous filters: response headers, request edits),
//   (p2) p1 + a WAFPolicy (the Log4Shell rule over REQUEST_LINE|ARGS|REQUEST_HEADERS; asynchronous path),
//   (p3) p1 + DLP masking of the response body (the body is buffered and rewritten).
// Same harness as main.ts (own gateway process, warmed compile cache, access log to a file). The targets run in
// BENCH_ROUNDS interleaved rounds (default 2) and each keeps its best round, so load drifting on a shared host
// does not favour whichever ran last. Prints a table; the last line gives each row's throughput and CPU
// efficiency relative to (c).
// Usage: node bench/gateway/policies.ts   (BENCH_SECONDS default 10, BENCH_CONNECTIONS default 50, BENCH_ROUNDS 2)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatewayConfig, RouteFiltersConfig } from '@portico/gateway';
import { singleRouteConfig } from './configs.ts';
import { cpuSeconds, ensureDebianPackage, runWrk, startListening, stop } from './tools.ts';
import { WORKER_HEAP_FLAGS } from '../../packages/cli/src/up/workers/heap-flags.ts';
import { workerMallocEnv } from '../../packages/cli/src/up/workers/malloc-env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? '10');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const HOST = 'api.example.com';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '2');
const FLAGS = WORKER_HEAP_FLAGS;

const NONE: RouteFiltersConfig = { cors: null, jwt: null, waf: null, headers: null, transformation: null, retry: null, dlp: null, fault: null };
const SYNC: Partial<RouteFiltersConfig> = {
  cors: { allowOrigins: [{ type: 'exact', value: 'https://portal.example.com', ignoreCase: false }], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], maxAgeSeconds: null, allowCredentials: true },
  headers: { removeRequestHeaders: ['x-internal'], appendRequestHeaders: [['x-team', 'bench']], removeResponseHeaders: [], appendResponseHeaders: [['x-served-by', 'portico']] },
};
const LOG4SHELL = 'SecRuleEngine On\nSecRule REQUEST_LINE|ARGS|ARGS_NAMES|REQUEST_COOKIES|REQUEST_HEADERS "@rx \\${jndi:(?:ldap|rmi|dns|iiop|https?):" "id:1000,phase:2,deny,status:403"';

function withFilters(config: GatewayConfig, filters: Partial<RouteFiltersConfig>): GatewayConfig {
  return { ...config, virtualHosts: config.virtualHosts.map((vh) => ({ ...vh, routes: vh.routes.map((r) => ({ ...r, filters: { ...NONE, ...filters } })) })) };
}

async function main(): Promise<void> {
  ensureDebianPackage('wrk', 'wrk');
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-policies-'));
  const upstream = await startListening(process.execPath, [join(here, 'upstream.ts'), '0']);
  const env = { ...process.env, ...workerMallocEnv(), NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
  const base = singleRouteConfig(upstream.port);
  const targets: [string, GatewayConfig][] = [
    ['(c) gateway, no policies', base],
    ['(p1) + CORS, header manipulation', withFilters(base, SYNC)],
    ['(p2) p1 + WAF (Log4Shell rule)', withFilters(base, { ...SYNC, waf: { policies: [{ name: 'bench.waf', ruleSets: [LOG4SHELL], interventionMessage: null, requestHeadersOnly: false }] } })],
    ['(p3) p1 + DLP on the body', withFilters(base, { ...SYNC, dlp: { regexActions: [{ name: 'VISA', regex: '(?:^|\\D)(4[0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})(?:\\D|$)', subgroup: 1, maskChar: 'X', percent: 75, shadow: false }], headerActions: [], responseBody: true, accessLogs: true } })],
  ];
  const rows: { target: string; rps: number; p99: number; perCpu: number }[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) for (const [i, [target, config]] of targets.entries()) {
      const file = join(dir, `${i}.json`);
      writeFileSync(file, JSON.stringify(config));
      const gw = await startListening(process.execPath, [...FLAGS, join(here, 'gateway-server.ts'), file, join(dir, `${i}.log`)], env);
      try {
        const url = `http://127.0.0.1:${gw.port}/`;
        runWrk(url, { connections: CONNECTIONS, seconds: 2, host: HOST });
        const cpu0 = cpuSeconds(gw.child.pid!);
        const r = runWrk(url, { connections: CONNECTIONS, seconds: SECONDS, host: HOST });
        const cpu = cpuSeconds(gw.child.pid!) - cpu0;
        const row = { target, rps: r.requestsPerSecond, p99: r.p99Ms, perCpu: Math.round((r.requestsPerSecond * SECONDS) / cpu) };
        if (rows[i] === undefined || row.perCpu > rows[i]!.perCpu) rows[i] = row;
      } finally {
        await stop(gw.child);
      }
    }
  } finally {
    await stop(upstream.child);
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\nwrk -t1 -c${CONNECTIONS} -d${SECONDS}s, loopback, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}\n`);
  process.stdout.write(`${'target'.padEnd(36)}${'req/s'.padStart(10)}${'p99 ms'.padStart(10)}${'req/CPU-s'.padStart(11)}\n`);
  for (const r of rows) process.stdout.write(`${r.target.padEnd(36)}${r.rps.toFixed(0).padStart(10)}${r.p99.toFixed(2).padStart(10)}${String(r.perCpu).padStart(11)}\n`);
  const b = rows[0]!;
  process.stdout.write(`relative to (c): ${rows.slice(1).map((r) => `${r.target.slice(0, 4)} ${((100 * r.rps) / b.rps).toFixed(0)}% req/s, ${((100 * r.perCpu) / b.perCpu).toFixed(0)}% req/CPU-s`).join('; ')}\n`);
}

await main();
