// CPU profile of one proxy under the gateway bench's load, summarised: starts the bench upstream, one proxy with
// `--cpu-prof` (the Portico gateway with one route, the gateway with BENCH_TABLES route tables, or the minimal
// node:http + undici proxy), warms it up, runs wrk, stops the proxy and prints requests/s with the self-time
// summary of the measured window (profile-summary.ts). One case per run, so a shared machine pays ~20 s of load.
// With --alloc, the proxy runs V8's sampling heap profiler instead (alloc-sampler.ts) and the summary is bytes
// *allocated* per request by owner and site (alloc-summary.ts) — what drives the young-generation GC.
// Usage: node bench/gateway/profile.ts single|tables|bare [--alloc] [--keep DIR]
// Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_TABLES (default 1000),
// GATEWAY_NODE_FLAGS (default: WORKER_HEAP_FLAGS, as main.ts); the proxy runs with the workers' malloc settings
// (workerMallocEnv), as main.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manyTablesConfig, singleRouteConfig } from './configs.ts';
import { summariseAllocations, type HeapProfileNode } from './alloc-summary.ts';
import { summariseProxyProfile, type CpuProfile } from './profile-summary.ts';
import { runWrk, startListening, stop, waitForFile } from './tools.ts';
import { WORKER_HEAP_FLAGS } from '../../packages/cli/src/up/workers/heap-flags.ts';
import { workerMallocEnv } from '../../packages/cli/src/up/workers/malloc-env.ts';

/** Seconds of user and kernel CPU (every thread), seconds the main thread waited on the run queue, context switches. */
function schedFigures(pid: number): { user: number; system: number; runqueue: number; switches: number; involuntary: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const sched = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const voluntary = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)![1]);
  const involuntary = Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)![1]);
  return { user: Number(f[11]) / 100, system: Number(f[12]) / 100, runqueue: Number(sched[1]) / 1e9, switches: voluntary + involuntary, involuntary };
}

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? '10');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const TABLES = Number(process.env.BENCH_TABLES ?? '1000');
const FLAGS = process.env.GATEWAY_NODE_FLAGS?.split(' ').filter(Boolean) ?? WORKER_HEAP_FLAGS;
const HOST = 'api.example.com';

const which = process.argv[2];
if (which !== 'single' && which !== 'tables' && which !== 'bare') throw new Error('usage: profile.ts single|tables|bare [--alloc] [--keep DIR]');
const alloc = process.argv.includes('--alloc');
const keepAt = process.argv.indexOf('--keep');
const keep = keepAt > 0 ? process.argv[keepAt + 1]! : null;

const dir = keep ?? mkdtempSync(join(tmpdir(), 'portico-profile-'));
const upstream = await startListening(process.execPath, [join(here, 'upstream.ts'), '0']);
try {
  let args: string[];
  let path = '/';
  if (which === 'bare') {
    args = [join(here, 'bare-proxy.ts'), String(upstream.port)];
  } else {
      const many = which === 'tables' ? manyTablesConfig(upstream.port, TABLES) : null;
      writeFileSync(join(dir, 'config.json'), JSON.stringify(many?.config ?? singleRouteConfig(upstream.port)));
      path = many?.path ?? '/';
      args = [join(here, 'gateway-server.ts'), join(dir, 'config.json'), join(dir, 'access.log')];
  }
  const env = { ...process.env, ...workerMallocEnv(), NODE_COMPILE_CACHE: join(tmpdir(), 'portico-profile-compile-cache'), ALLOC_PROFILE_DIR: dir };
  const profiler = alloc ? ['--import', join(here, 'alloc-sampler.ts')] : ['--cpu-prof', '--cpu-prof-dir', dir];
  const proxy = await startListening(process.execPath, [...FLAGS, ...profiler, ...args], env);
  const url = `http://127.0.0.1:${proxy.port}${path}`;
  runWrk(url, { connections: CONNECTIONS, seconds: 2, host: HOST });
  if (alloc) {
    proxy.child.kill('SIGUSR1');
    const r = runWrk(url, { connections: CONNECTIONS, seconds: SECONDS, host: HOST });
    proxy.child.kill('SIGUSR2');
    const file = await waitForFile(dir, '.heapprofile');
    await stop(proxy.child);
    process.stdout.write(`${which}: ${r.requestsPerSecond.toFixed(0)} req/s, p99 ${r.p99Ms} ms; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    const head = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { head: HeapProfileNode }).head;
    process.stdout.write(`${summariseAllocations(head, r.requestsPerSecond * SECONDS)}\n`);
  } else {
  // V8's profile clock is CLOCK_MONOTONIC in µs, as process.hrtime: keep only the measured window's samples.
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const before = schedFigures(proxy.child.pid!);
  const r = runWrk(url, { connections: CONNECTIONS, seconds: SECONDS, host: HOST });
  const after = schedFigures(proxy.child.pid!);
  const toUs = Number(process.hrtime.bigint() / 1000n);
  await stop(proxy.child);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  process.stdout.write(`${which}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const requests = r.requestsPerSecond * SECONDS;
  const per = (a: number, b: number) => `${((1e6 * (b - a)) / requests).toFixed(1)} µs`;
  // The profiler samples wall-clock time: a thread preempted inside a syscall (waking wrk or the upstream on the
  // shared core) is charged to that syscall's frame. /proc's own counters separate CPU from waiting.
  process.stdout.write(
    `per request (/proc, all threads): CPU ${per(before.user + before.system, after.user + after.system)} (user ${per(before.user, after.user)}, kernel ${per(before.system, after.system)}), ` +
      `main thread waiting to run ${per(before.runqueue, after.runqueue)}; context switches ${((after.switches - before.switches) / requests).toFixed(2)}/request (${((after.involuntary - before.involuntary) / requests).toFixed(2)} involuntary)\n`,
  );
  process.stdout.write(`${summariseProxyProfile(profile, { fromUs, toUs, requests })}\n`);
  if (keep) process.stdout.write(`profile: ${join(dir, file)}\n`);
  }
} finally {
  await stop(upstream.child);
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
