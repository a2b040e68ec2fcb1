// Portal benchmark (issue 5 targets), one run on loopback:
//  1. API-key-authenticated gateway requests/s vs Debian nginx as a plain reverse proxy (target ≥ 40%):
//     wrk -t1 -cC with an `api-key` header; the gateway validates the key (in-memory index of the key store,
//     docs/data-plane.md) and runs the usage-plan rate limit on every request — once with the embedded stores
//     (counters in memory, persisted in batches), once with Redis (one pipelined round trip per request).
//     In the same run: the gateway without auth (what the keyed path should cost little more than) and the
//     gateway with the seed's JWT + OPA policy (issue 14: ≥ 0.4× nginx as well); every gateway writes its access log
//     and runs with the heap flags and malloc settings `portico up` gives its workers (WORKER_HEAP_FLAGS, workerMallocEnv).
//  2. The rate-limit check's added latency with Redis on loopback (target p50 ≤ 0.3 ms): sequential
//     shouldRateLimit() calls against Redis, p50/p99, next to a bare Redis PING round trip for scale.
// The five targets run side by side and are measured in interleaved rounds (BENCH_ROUNDS, default 5, of
// BENCH_SECONDS, default 4): rows are the rounds' medians, ratios the medians of each round's ratio.
// Environment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS (default 50), REDIS_URL (default redis://127.0.0.1:6379).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { openSharedState } from '@portico/cli/shared-state';
import { createRateLimitService, createRedisCounterStore } from '@portico/ratelimit';
import { startNginx } from '../gateway/nginx.ts';
import { childPids, cpuSeconds, ensureDebianPackage, freePort, median, medianRow, parseWrk, startListening, stop, type WrkResult } from '../gateway/tools.ts';
import { WORKER_HEAP_FLAGS } from '../../packages/cli/src/up/workers/heap-flags.ts';
import { workerMallocEnv } from '../../packages/cli/src/up/workers/malloc-env.ts';
import { singleRouteConfig } from '../gateway/configs.ts';
import { PLAN_LIMITS } from './config.ts';

/** The gateways run with the heap flags and malloc settings `portico up` gives its workers. */
const GATEWAY_ENV = { ...process.env, ...workerMallocEnv() };
const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? '4');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HOST = 'api.example.com';

function wrk(url: string, headers: string[], seconds: number): WrkResult {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '--timeout', '5s', '-H', `Host: ${HOST}`];
  for (const h of headers) args.push('-H', h);
  const r = spawnSync('wrk', [...args, url], { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  return parseWrk(r.stdout);
}

type Row = WrkResult & { requestsPerCpuSecond: number | null };

/** A proxy under test, running until `close`. */
interface Target {
  name: string;
  url: string;
  pids: () => number[];
  headers: string[];
  close(): Promise<void>;
}

/** One measured run; CPU of `pids` (the proxy's processes) over it gives req/CPU-s. */
function measureOnce(t: Target): Row {
  const cpu0 = t.pids().reduce((a, p) => a + cpuSeconds(p), 0);
  const r = wrk(t.url, t.headers, SECONDS);
  const cpu = t.pids().reduce((a, p) => a + cpuSeconds(p), 0) - cpu0;
  if (r.errors > 0) throw new Error(`${r.errors} failed requests (${t.name})`);
  return { ...r, requestsPerCpuSecond: cpu > 0 ? Math.round((r.requestsPerSecond * SECONDS) / cpu) : null };
}

async function keyedGateway(name: string, upstreamPort: number, dir: string, redisUrl: string | null): Promise<Target> {
  mkdirSync(dir, { recursive: true });
  const shared = await openSharedState({ stateDir: dir, redisUrl });
  const made = await shared.apiKeys.create({ name: `bench-${Date.now()}`, owner: 'bench@example.com', usagePlan: 'gold' });
  if (!made.ok) throw new Error(made.message);
  const gw = await startListening(process.execPath, [...WORKER_HEAP_FLAGS, join(here, 'keyed-gateway.ts'), String(upstreamPort), dir, redisUrl ?? ''], GATEWAY_ENV);
  return {
    name,
    url: `http://127.0.0.1:${gw.port}/`,
    pids: () => [gw.child.pid!],
    headers: [`api-key: ${made.value.apiKey}`],
    async close() {
      await stop(gw.child);
      await shared.apiKeys.delete('bench@example.com', made.value.record.id);
      await shared.close();
    },
  };
}

/** The gateway without auth, or with the seed's JWT + OPA policy, on the same one-route config. */
async function otherGateway(name: string, upstreamPort: number, dir: string, kind: 'none' | 'jwt'): Promise<Target> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(singleRouteConfig(upstreamPort)));
  const tokenFile = join(dir, 'token');
  const gw = kind === 'none'
    ? await startListening(process.execPath, [...WORKER_HEAP_FLAGS, join(here, '..', 'gateway', 'gateway-server.ts'), config, join(dir, 'access.log')], GATEWAY_ENV)
    : await startListening(process.execPath, [...WORKER_HEAP_FLAGS, join(here, '..', 'extauth', 'gateway-auth-server.ts'), config, tokenFile, join(dir, 'access.log')], GATEWAY_ENV);
  return {
    name,
    url: `http://127.0.0.1:${gw.port}/`,
    pids: () => [gw.child.pid!],
    headers: kind === 'jwt' ? [`Authorization: Bearer ${readFileSync(tokenFile, 'utf8')}`] : [],
    close: () => stop(gw.child),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function rateLimitLatency(): Promise<{ p50: number; p99: number; pingP50: number }> {
  const store = await createRedisCounterStore({ url: REDIS_URL, keyPrefix: `portico-bench:${process.pid}:` });
  const svc = createRateLimitService({ store, config: PLAN_LIMITS });
  const redis = new Redis(REDIS_URL);
  const descriptors = [[{ key: 'usagePlan', value: 'gold' }, { key: 'userId', value: 'bench@example.com' }]];
  const time = async (n: number, f: () => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      await f();
      out.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return out.sort((a, b) => a - b);
  };
  await time(2000, async () => svc.shouldRateLimit('bench.plans', descriptors)); // warm-up
  const rl = await time(20000, async () => svc.shouldRateLimit('bench.plans', descriptors));
  const ping = await time(20000, () => redis.ping());
  await svc.close();
  redis.disconnect();
  return { p50: percentile(rl, 50), p99: percentile(rl, 99), pingP50: percentile(ping, 50) };
}

async function main(): Promise<void> {
  ensureDebianPackage('wrk', 'wrk');
  ensureDebianPackage('nginx', 'nginx');
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-portal-'));
  const upstream = await startListening(process.execPath, [join(here, '..', 'gateway', 'upstream.ts'), '0']);
  const targets: Target[] = [];
  const rounds: Row[][] = [];
  try {
    const nginxPort = await freePort();
    const nginx = await startNginx(join(dir, 'nginx'), nginxPort, upstream.port);
    targets.push({ name: 'nginx reverse proxy (no auth)', url: `http://127.0.0.1:${nginxPort}/`, pids: () => childPids(nginx.pid!), headers: [], close: () => stop(nginx) });
    targets.push(await otherGateway('gateway, no auth', upstream.port, join(dir, 'none'), 'none'));
    targets.push(await keyedGateway('gateway, API key + plan limit (sqlite)', upstream.port, join(dir, 'sqlite'), null));
    targets.push(await keyedGateway('gateway, API key + plan limit (Redis)', upstream.port, join(dir, 'redis'), REDIS_URL));
    targets.push(await otherGateway('gateway, JWT + seed policy', upstream.port, join(dir, 'jwt'), 'jwt'));
    // All five run side by side (idle when not measured) and are measured in interleaved rounds: on a host whose
    // speed drifts between minutes, each round's ratios compare figures taken seconds apart.
    for (const t of targets) wrk(t.url, t.headers, 2);
    for (let i = 0; i < ROUNDS; i++) rounds.push(targets.map(measureOnce));
  } finally {
    for (const t of targets) await t.close();
    await stop(upstream.child);
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = targets.map((t, j) => {
    const rs = rounds.map((round) => round[j]!);
    const r: Row = medianRow(rs);
    return { target: t.name, r, rounds: rs };
  });
  const rl = await rateLimitLatency();

  process.stdout.write(`\nwrk -t1 -c${CONNECTIONS} -d${SECONDS}s per measurement (after 2s warm-ups), ${ROUNDS} interleaved rounds (rows: medians), loopback, ${cpus().length} CPUs, load average at start ${loadAtStart}, at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  process.stdout.write(`${'target'.padEnd(42)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'errors'.padStart(8)}${'req/CPU-s'.padStart(11)}\n`);
  for (const { target, r } of rows) {
    process.stdout.write(`${target.padEnd(42)}${r.requestsPerSecond.toFixed(0).padStart(10)}${r.p50Ms.toFixed(2).padStart(10)}${r.p99Ms.toFixed(2).padStart(10)}${String(r.errors).padStart(8)}${String(r.requestsPerCpuSecond ?? '-').padStart(11)}\n`);
  }
  // Each ratio is the median of the rounds' own ratios.
  const perRound = (j: number, k: number) => rounds.map((round) => round[j]!.requestsPerSecond / round[k]!.requestsPerSecond);
  const ratios = rows.slice(1).map(({ target }, i) => ({ target, ratio: median(perRound(i + 1, 0)), vsNoAuth: median(perRound(i + 1, 1)), rounds: perRound(i + 1, 0) }));
  process.stdout.write(`\nrate-limit check with Redis on loopback (20,000 sequential calls): p50 ${rl.p50.toFixed(3)} ms, p99 ${rl.p99.toFixed(3)} ms (Redis PING p50 ${rl.pingP50.toFixed(3)} ms)\n`);
  const results = join(here, '..', 'results');
  mkdirSync(results, { recursive: true });
  const file = join(results, `portal-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, loadAverage: loadavg()[0], seconds: SECONDS, connections: CONNECTIONS, rows, ratios, rateLimitCheck: rl }, null, 2));
  process.stdout.write(`targets: keyed gateway and JWT + seed policy ≥ 0.40 × nginx req/s; rate-limit check p50 ≤ 0.3 ms\nresults: ${file}\n`);
  process.stdout.write(`vs the no-auth gateway (same run): ${ratios.slice(1).map((x) => `${x.target.replace('gateway, ', '')} ${x.vsNoAuth.toFixed(2)}`).join(', ')}\n`);
  process.stdout.write(`gateways vs nginx: ${ratios.map((x) => `${x.target.replace('gateway, ', '').replace('API key + plan limit ', 'keyed ')} ${x.ratio.toFixed(2)}`).join(', ')}; rate-limit check p50 ${rl.p50.toFixed(3)} ms\n`);
}

await main();
