// Gateway benchmark (issue 2 item 9): in one run on loopback, requests/s, p50, p99 for
//   (a) the upstream directly, (b) Debian nginx as reverse proxy (1 worker, upstream keep-alive),
//   (c) the Portico gateway, (d) the gateway with 1,000 generated route tables loaded,
// plus the gateway's peak RSS. wrk -t1 -c50, a warm-up then a bounded measurement per target.
// Prints a table, writes bench/results/gateway-<time>.json; the last line is the ratio summary.
// Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_TABLES (default 1000),
// BENCH_ONLY (rows to run, e.g. "c,d" or "churn"; default all — a shared machine need not pay for the whole run
// to get one figure; the ratio lines need the rows they compare).
// Besides wall-clock throughput (which depends on what else the machine runs), the table shows requests per
// CPU-second of the proxy process itself — its efficiency, which load on the machine barely moves.
// The gateway runs with the malloc settings `portico up` gives its workers (workerMallocEnv: one arena;
// PORTICO_WORKER_MALLOC_ENV="" for glibc's defaults) and GATEWAY_NODE_FLAGS (default: the heap flags
// `portico up` gives its workers, --max-semi-space-size=16 --heap-growing-percent=10 — semi-spaces capped at 16 MiB
// and an old generation grown by 10 % at a time: less RSS for about the same GC time); row (e) repeats (d) with V8's
// default heap sizing; row (f) is a minimal node:http + undici proxy with no routing or logging — the floor for any
// Node.js proxy here.
// Rows (g)/(h) compare N gateway processes (node:cluster, BENCH_WORKERS, default 2 = the CPU count) with nginx
// running N workers: the multi-process comparison the summary line uses; row (i) is the minimal proxy with N
// processes, the floor for (g). The three run side by side and are measured in interleaved rounds (BENCH_ROUNDS,
// default 5, of BENCH_ROUND_SECONDS, default 4): their rows are the rounds' medians, their ratios the medians of
// each round's ratio.
// The gateway runs with Node's compile cache (NODE_COMPILE_CACHE), warmed by one start before measuring, as a
// deployment would keep it: cached TypeScript transforms and code mean the type-stripping compiler is never
// loaded, ~35 MiB less RSS.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runConfigChurn, type ChurnResult } from './config-churn.ts';
import { manyTablesConfig, singleRouteConfig } from './configs.ts';
import { startNginx } from './nginx.ts';
import { childPids, cpuSeconds, ensureDebianPackage, freePort, median, medianRow, peakRssMiB, runWrk, startListening, stop, type WrkResult } from './tools.ts';
import { WORKER_HEAP_FLAGS } from '../../packages/cli/src/up/workers/heap-flags.ts';
import { workerMallocEnv } from '../../packages/cli/src/up/workers/malloc-env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? '10');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const TABLES = Number(process.env.BENCH_TABLES ?? '1000');
const WARMUP = 2;
/** Interleaved rounds for (g)/(h)/(i) and the seconds of each measurement in them. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? '4');
const HOST = 'api.example.com';

const WORKERS = Number(process.env.BENCH_WORKERS ?? String(cpus().length));
const GATEWAY_NODE_FLAGS = process.env.GATEWAY_NODE_FLAGS?.split(' ').filter(Boolean) ?? WORKER_HEAP_FLAGS;
const GATEWAY_MALLOC_ENV = workerMallocEnv();
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
/** Whether row `letter` ("c", "churn"…) is to run. */
const runs = (letter: string) => ONLY === null || ONLY.has(letter);

interface Row extends WrkResult {
  target: string;
  rssMiB: number | null;
  /** Requests served per CPU-second of the proxy (or upstream) process(es) during the measurement. */
  requestsPerCpuSecond: number | null;
  /** Interleaved rows (g, h, i): each round's figures; the row shows their medians. */
  rounds?: (Pick<WrkResult, 'requestsPerSecond' | 'p99Ms'> & { requestsPerCpuSecond: number | null })[];
}

/** A warm-up, then one measured run. */
function measure(target: string, url: string, pids: () => number[], rssPid: number | null): Row {
  runWrk(url, { connections: CONNECTIONS, seconds: WARMUP, host: HOST });
  return { ...measureOnce(target, url, pids, SECONDS), rssMiB: rssPid === null ? null : Math.round(peakRssMiB(rssPid) * 10) / 10 };
}

/** One measured run of `seconds`; CPU of `pids` over it gives requests per CPU-second. */
function measureOnce(target: string, url: string, pids: () => number[], seconds: number): Row {
  const cpu0 = pids().reduce((a, p) => a + cpuSeconds(p), 0);
  const r = runWrk(url, { connections: CONNECTIONS, seconds, host: HOST });
  const cpu = pids().reduce((a, p) => a + cpuSeconds(p), 0) - cpu0;
  return { target, ...r, rssMiB: null, requestsPerCpuSecond: cpu > 0 ? Math.round((r.requestsPerSecond * seconds) / cpu) : null };
}

async function main(): Promise<void> {
  process.stdout.write(`load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}${ONLY ? `; rows: ${[...ONLY].join(',')}` : ''}\n`);
  ensureDebianPackage('wrk', 'wrk');
  ensureDebianPackage('nginx', 'nginx');
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  const rows: Row[] = [];
  const push = (r: Row) => rows.push(r);
  let churn: ChurnResult | null = null;
  const upstream = await startListening(process.execPath, [join(here, 'upstream.ts'), '0']);
  try {
    if (runs('a')) push(measure('(a) upstream direct', `http://127.0.0.1:${upstream.port}/`, () => [upstream.child.pid!], null));

    if (runs('b')) {
      const nginxPort = await freePort();
      const nginx = await startNginx(join(dir, 'nginx'), nginxPort, upstream.port);
      try {
        push(measure('(b) nginx reverse proxy', `http://127.0.0.1:${nginxPort}/`, () => childPids(nginx.pid!), null));
      } finally {
        await stop(nginx);
      }
    }

    const env = { ...process.env, ...GATEWAY_MALLOC_ENV, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
    const startGateway = (flags: string[], file: string, log: string, workers = 1) =>
      startListening(process.execPath, [...flags, join(here, 'gateway-server.ts'), file, log], { ...env, BENCH_WORKERS: String(workers) });
    const runGateway = async (target: string, config: unknown, path: string, flags: string[], workers = 1) => {
      if (!runs(target.slice(1, 2))) return;
      const file = join(dir, `${target.slice(1, 2)}.json`);
      writeFileSync(file, JSON.stringify(config));
      const gw = await startGateway(flags, file, join(dir, `${target.slice(1, 2)}-access.log`), workers);
      try {
        const pid = gw.child.pid!;
        // With workers, CPU is the primary's plus every worker's; the RSS shown is the largest worker's peak.
        const pids = workers > 1 ? () => [pid, ...childPids(pid)] : () => [pid];
        push(measure(target, `http://127.0.0.1:${gw.port}${path}`, pids, workers > 1 ? childPids(pid)[0]! : pid));
      } finally {
        await stop(gw.child);
      }
    };
    // Warm the compile cache: one start and stop.
    writeFileSync(join(dir, 'warm.json'), JSON.stringify(singleRouteConfig(upstream.port)));
    await stop((await startGateway([], join(dir, 'warm.json'), join(dir, 'warm.log'))).child);
    await runGateway('(c) portico gateway', singleRouteConfig(upstream.port), '/', GATEWAY_NODE_FLAGS);
    const many = manyTablesConfig(upstream.port, TABLES);
    await runGateway(`(d) gateway, ${TABLES} route tables`, many.config, many.path, GATEWAY_NODE_FLAGS);
    await runGateway(`(e) = (d), default V8 heap`, many.config, many.path, []);

    // (g), (h), (i): N gateway workers, nginx with N workers, the minimal proxy with N processes — side by side,
    // measured in interleaved rounds (h, g, i, h, g, i, …). On a shared VM whose speed drifts between minutes
    // (nginx alone varied 2–4× here), sequential rows compared different machines; each round's ratios compare
    // figures taken seconds apart, and the rows show the medians of the rounds.
    if (WORKERS > 1 && (runs('g') || runs('h') || runs('i'))) {
      const started: { letter: string; target: string; child: ChildProcess; url: string; pids: () => number[]; rssPid: () => number | null }[] = [];
      try {
        if (runs('h')) {
          const port = await freePort();
          const nginxN = await startNginx(join(dir, 'nginx-n'), port, upstream.port, WORKERS);
          started.push({ letter: 'h', target: `(h) nginx, ${WORKERS} workers`, child: nginxN, url: `http://127.0.0.1:${port}/`, pids: () => childPids(nginxN.pid!), rssPid: () => null });
        }
        if (runs('g')) {
          writeFileSync(join(dir, 'g.json'), JSON.stringify(singleRouteConfig(upstream.port)));
          const gw = await startGateway(GATEWAY_NODE_FLAGS, join(dir, 'g.json'), join(dir, 'g-access.log'), WORKERS);
          const pid = gw.child.pid!;
          // CPU is the primary's plus every worker's; the RSS shown is the largest worker's peak.
          started.push({ letter: 'g', target: `(g) gateway, ${WORKERS} workers`, child: gw.child, url: `http://127.0.0.1:${gw.port}/`, pids: () => [pid, ...childPids(pid)], rssPid: () => childPids(pid)[0] ?? null });
        }
        if (runs('i')) {
          const bareN = await startListening(process.execPath, [...GATEWAY_NODE_FLAGS, join(here, 'bare-proxy.ts'), String(upstream.port)], { ...env, BENCH_WORKERS: String(WORKERS) });
          const pid = bareN.child.pid!;
          started.push({ letter: 'i', target: `(i) minimal proxy, ${WORKERS} workers`, child: bareN.child, url: `http://127.0.0.1:${bareN.port}/`, pids: () => [pid, ...childPids(pid)], rssPid: () => null });
        }
        for (const t of started) runWrk(t.url, { connections: CONNECTIONS, seconds: WARMUP, host: HOST });
        const perRound = started.map(() => [] as Row[]);
        for (let round = 0; round < ROUNDS; round++) {
          started.forEach((t, j) => perRound[j]!.push(measureOnce(t.target, t.url, t.pids, ROUND_SECONDS)));
        }
        started.forEach((t, j) => {
          const rs = perRound[j]!;
          const rss = t.rssPid();
          push({
            target: t.target,
            ...medianRow(rs),
            rssMiB: rss === null ? null : Math.round(peakRssMiB(rss) * 10) / 10,
            rounds: rs.map((r) => ({ requestsPerSecond: r.requestsPerSecond, p99Ms: r.p99Ms, requestsPerCpuSecond: r.requestsPerCpuSecond })),
          });
        });
      } finally {
        for (const t of started) await stop(t.child);
      }
    }

    if (runs('churn')) churn = await runConfigChurn({ upstreamPort: upstream.port, workers: WORKERS, connections: CONNECTIONS, seconds: SECONDS, tables: TABLES });

    if (runs('f')) {
      const bare = await startListening(process.execPath, [...GATEWAY_NODE_FLAGS, join(here, 'bare-proxy.ts'), String(upstream.port)], env);
      try {
        push(measure('(f) minimal node+undici proxy', `http://127.0.0.1:${bare.port}/`, () => [bare.child.pid!], bare.child.pid!));
      } finally {
        await stop(bare.child);
      }
    }
  } finally {
    await stop(upstream.child);
    rmSync(dir, { recursive: true, force: true });
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (n: number, d = 0) => n.toFixed(d).padStart(10);
  process.stdout.write(`\nwrk -t1 -c${CONNECTIONS} -d${SECONDS}s (after ${WARMUP}s warm-up), loopback, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}\n`);
  const mallocEnv = Object.entries(GATEWAY_MALLOC_ENV).map(([k, v]) => `${k}=${v}`).join(' ') || 'glibc malloc defaults';
  process.stdout.write(`gateway: ${mallocEnv} node ${GATEWAY_NODE_FLAGS.join(' ') || '(no flags)'}, NODE_COMPILE_CACHE warmed, access log to a file\n`);
  process.stdout.write(`${pad('target', 34)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'errors'.padStart(8)}${'req/CPU-s'.padStart(11)}${'peak RSS MiB'.padStart(14)}\n`);
  for (const r of rows) {
    process.stdout.write(
      `${pad(r.target, 34)}${num(r.requestsPerSecond)}${num(r.p50Ms, 2)}${num(r.p99Ms, 2)}${String(r.errors).padStart(8)}` +
        `${String(r.requestsPerCpuSecond ?? '-').padStart(11)}${(r.rssMiB === null ? '-' : r.rssMiB.toFixed(1)).padStart(14)}\n`,
    );
  }
  if (churn) {
    const c = churn;
    process.stdout.write(
      `\nportico up --workers ${WORKERS}: steady p99 ${c.steady.p99Ms.toFixed(2)} ms (${c.steady.requestsPerSecond.toFixed(0)} req/s); while ${c.changes} RouteTables were applied ` +
        `(${c.changesPerSecond.toFixed(0)}/s): p99 ${c.churn.p99Ms.toFixed(2)} ms (${c.churn.requestsPerSecond.toFixed(0)} req/s), ratio ${(c.churn.p99Ms / c.steady.p99Ms).toFixed(2)}, ` +
        `non-2xx/errors ${c.churn.errors}; largest worker peak RSS ${c.workerPeakRssMiB} MiB (peak PSS, pages shared with the other processes divided among them: ${c.workerPeakPssMiB ?? 'n/a'} MiB)\n` +
        `  snapshot applications in the workers: ${c.apply.count}, mean ${c.apply.meanMs.toFixed(2)} ms, 99% ≤ ${c.apply.p99AtMostMs} ms, all ≤ ${c.apply.maxAtMostMs} ms (request loop blocked that long)\n` +
        `  CPU per change while under load: primary ${c.cpuMsPerChange.primary.toFixed(1)} ms (its main thread ${c.cpuMsPerChange.primaryMainThread.toFixed(1)}), workers ${c.cpuMsPerChange.workers.map((w) => w.toFixed(1)).join(' + ')} ms (serving included)\n`,
    );
  }
  // The summary compares equal worker counts: N gateway workers with N nginx workers when N > 1, else 1 with 1.
  const row = (letter: string) => rows.find((r) => r.target.startsWith(`(${letter})`)) ?? null;
  const gN = row('g');
  const nN = row('h');
  const nginxRow = nN ?? row('b');
  const gwRow = gN ?? row('c');
  // Interleaved rows: the median of the rounds' own ratios (each compares figures taken seconds apart).
  type RoundFigures = NonNullable<Row['rounds']>[number];
  const perRound = (a: Row | null, b: Row | null, f: (r: RoundFigures) => number): number[] | null =>
    a?.rounds && b?.rounds ? a.rounds.map((r, k) => f(r) / f(b.rounds![k]!)) : null;
  const gRps = perRound(gwRow, nginxRow, (r) => r.requestsPerSecond);
  const gP99 = perRound(gwRow, nginxRow, (r) => r.p99Ms);
  const ratio = gRps ? median(gRps) : gwRow && nginxRow ? gwRow.requestsPerSecond / nginxRow.requestsPerSecond : NaN;
  const p99Ratio = gP99 ? median(gP99) : gwRow && nginxRow ? gwRow.p99Ms / nginxRow.p99Ms : NaN;
  const results = join(here, '..', 'results');
  mkdirSync(results, { recursive: true });
  const file = join(results, `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, loadAverage: loadavg()[0], gatewayNodeFlags: GATEWAY_NODE_FLAGS, seconds: SECONDS, connections: CONNECTIONS, tables: TABLES, only: ONLY && [...ONLY], rows, churn, ratio, p99Ratio }, null, 2),
  );
  const cpuRatio = gwRow?.requestsPerCpuSecond && nginxRow?.requestsPerCpuSecond ? gwRow.requestsPerCpuSecond / nginxRow.requestsPerCpuSecond : NaN;
  process.stdout.write(`\ntargets: req/s ratio ≥ 0.5, p99 ratio ≤ 2, RSS with ${TABLES} tables ≤ 150 MiB, (d) within ~10% of (c), p99 during changes ≤ 1.5 × steady with 0 errors\n`);
  const [b, c, d] = [row('b'), row('c'), row('d')];
  if (b && c) process.stdout.write(`1 gateway process vs 1 nginx worker: requests/s ratio ${(c.requestsPerSecond / b.requestsPerSecond).toFixed(2)}, p99 ratio ${(c.p99Ms / b.p99Ms).toFixed(2)}\n`);
  // The floor: what a Node.js proxy with no routing reaches against the same nginx, and the gateway's share of it.
  const [f, i] = [row('f'), row('i')];
  if (b && c && f) process.stdout.write(`Node's floor, 1 process (f): ${(f.requestsPerSecond / b.requestsPerSecond).toFixed(2)} × nginx; the gateway reaches ${(c.requestsPerSecond / f.requestsPerSecond).toFixed(2)} of it\n`);
  const list = (xs: number[] | null) => (xs ? ` (rounds ${xs.map((x) => x.toFixed(2)).join(', ')})` : '');
  if (gN && nN) process.stdout.write(`${WORKERS} gateway workers vs ${WORKERS} nginx workers, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s: requests/s ${ratio.toFixed(2)}${list(gRps)}, p99 ${p99Ratio.toFixed(2)}${list(gP99)}\n`);
  if (nN && gN && i) {
    const floor = perRound(i, nN, (r) => r.requestsPerSecond);
    const share = perRound(gN, i, (r) => r.requestsPerSecond);
    // The p99 target measured on the floor itself: above 2× there, no Node.js proxy meets it on this host.
    const floorP99 = perRound(i, nN, (r) => r.p99Ms);
    const shareP99 = perRound(gN, i, (r) => r.p99Ms);
    process.stdout.write(`Node's floor, ${WORKERS} processes (i): ${(floor ? median(floor) : i.requestsPerSecond / nN.requestsPerSecond).toFixed(2)} × nginx${list(floor)}; the gateway reaches ${(share ? median(share) : gN.requestsPerSecond / i.requestsPerSecond).toFixed(2)} of it${list(share)}\n`);
    process.stdout.write(`Node's floor p99 vs nginx: ${(floorP99 ? median(floorP99) : i.p99Ms / nN.p99Ms).toFixed(2)}${list(floorP99)}; the gateway's p99 vs the floor's ${(shareP99 ? median(shareP99) : gN.p99Ms / i.p99Ms).toFixed(2)}${list(shareP99)}\n`);
  }
  if (c && d) process.stdout.write(`${TABLES} route tables vs 1 (d/c): requests/s ${(d.requestsPerSecond / c.requestsPerSecond).toFixed(2)}, per CPU-second ${((d.requestsPerCpuSecond ?? NaN) / (c.requestsPerCpuSecond ?? NaN)).toFixed(2)}\n`);
  process.stdout.write(`gateway vs nginx per CPU-second (${gN ? WORKERS : 1} vs ${gN ? WORKERS : 1}): ${cpuRatio.toFixed(2)}\nresults: ${file}\n`);
  process.stdout.write(`load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  process.stdout.write(`gateway vs nginx: requests/s ratio ${ratio.toFixed(2)}, p99 ratio ${p99Ratio.toFixed(2)}\n`);
}

await main();
