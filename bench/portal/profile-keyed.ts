// Profiles one keyed gateway process (node --cpu-prof) under wrk, to see where the keyed path spends its CPU
// beyond the no-auth gateway. Usage: node bench/portal/profile-keyed.ts sqlite|redis|jwt|noauth OUT_DIR [SECONDS]
// Prints the wrk result, the load average, the gateway process's CPU over the measured run (requests per CPU-second,
// µs of CPU per request: all its threads, as bench/portal/main.ts counts it) and the profile summary (self time by
// area, top functions). PROFILE_KEYED_NO_PROF=1 runs without --cpu-prof (the profiler's own cost off the figures).
// PROFILE_KEYED_GC=1 runs with --trace-gc-nvp instead and prints the collector's work per 10,000 requests (bytes
// promoted, scavenges, mark-compacts and their pauses) — counts that a busy host barely moves, unlike requests/s.
// PROFILE_NODE_FLAGS='… --import @portico/ext-auth/service' gives the no-auth gateway a worker's old generation.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSharedState } from '@portico/cli/shared-state';
import { summarise } from '../extauth/cpu-profile-summary.ts';
import { summariseAllocations, type HeapProfileNode } from '../gateway/alloc-summary.ts';
import { singleRouteConfig } from '../gateway/configs.ts';
import { cpuSeconds, runWrkAsync, startListening, stop, waitForFile } from '../gateway/tools.ts';
import { WORKER_HEAP_FLAGS } from '../../packages/cli/src/up/workers/heap-flags.ts';

const here = dirname(fileURLToPath(import.meta.url));
const [mode = 'sqlite', out = tmpdir(), secs = '8'] = process.argv.slice(2);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dir = mkdtempSync(join(tmpdir(), 'portico-profile-keyed-'));
const profDir = join(out, `prof-${mode}`);
rmSync(profDir, { recursive: true, force: true });
mkdirSync(profDir, { recursive: true });
const upstream = await startListening(process.execPath, [join(here, '..', 'gateway', 'upstream.ts'), '0']);
const redisUrl = mode === 'redis' ? REDIS_URL : null;
const shared = await openSharedState({ stateDir: dir, redisUrl });
const made = await shared.apiKeys.create({ name: `profile-${Date.now()}`, owner: 'bench@example.com', usagePlan: 'gold' });
if (!made.ok) throw new Error(made.message);
// PROFILE_KEYED_ALLOC=all|promoted runs V8's sampling heap profiler instead of the CPU profiler (bench/gateway/
// alloc-sampler.ts): bytes allocated per request by site, or only those that outlived a scavenge.
const allocMode = process.env.PROFILE_KEYED_ALLOC ?? null;
const gcTrace = process.env.PROFILE_KEYED_GC === '1';
const profiling = process.env.PROFILE_KEYED_NO_PROF !== '1' && allocMode === null && !gcTrace;
// The workers' heap flags, as the portal bench runs its gateways (PROFILE_NODE_FLAGS overrides them, '' for V8's defaults).
const heapFlags = process.env.PROFILE_NODE_FLAGS !== undefined ? process.env.PROFILE_NODE_FLAGS.split(' ').filter(Boolean) : WORKER_HEAP_FLAGS;
const sampler = allocMode ? ['--import', join(here, '..', 'gateway', 'alloc-sampler.ts')] : [];
const prof = [...heapFlags, ...sampler, ...(gcTrace ? ['--trace-gc-nvp'] : []), ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])];
process.env.ALLOC_PROFILE_DIR = profDir;
if (allocMode) process.env.ALLOC_PROFILE_MODE = allocMode;
const cfg = join(dir, 'config.json');
writeFileSync(cfg, JSON.stringify(singleRouteConfig(upstream.port)));
const gw = mode === 'noauth'
  ? await startListening(process.execPath, [...prof, join(here, '..', 'gateway', 'gateway-server.ts'), cfg, join(dir, 'access.log')])
  : mode === 'jwt'
    ? await startListening(process.execPath, [...prof, join(here, '..', 'extauth', 'gateway-auth-server.ts'), cfg, join(dir, 'token'), join(dir, 'access.log')])
    : await startListening(process.execPath, [...prof, join(here, 'keyed-gateway.ts'), String(upstream.port), dir, redisUrl ?? '']);
const auth = mode === 'jwt' ? `Authorization: Bearer ${readFileSync(join(dir, 'token'), 'utf8')}` : `api-key: ${made.value.apiKey}`;
// wrk without blocking this loop: with PROFILE_KEYED_GC the gateway's stdout (its GC trace) must keep being read.
const wrk = (s: number) => runWrkAsync(`http://127.0.0.1:${gw.port}/`, { connections: 50, seconds: s, host: 'api.example.com', headers: [auth] });
await wrk(2);
let trace = '';
gw.child.stdout!.on('data', (d: Buffer) => (trace += d.toString()));
const cpu0 = cpuSeconds(gw.child.pid!);
const threads0 = threadCpu(gw.child.pid!);
if (allocMode) gw.child.kill('SIGUSR1');
const r = await wrk(Number(secs));
const cpu = cpuSeconds(gw.child.pid!) - cpu0;
const threads = threadCpu(gw.child.pid!);
const requests = r.requestsPerSecond * Number(secs);
let allocSummary = '';
if (allocMode) {
  gw.child.kill('SIGUSR2');
  const file = await waitForFile(profDir, '.heapprofile');
  allocSummary = summariseAllocations((JSON.parse(readFileSync(join(profDir, file), 'utf8')) as { head: HeapProfileNode }).head, requests);
}
await stop(gw.child);
await stop(upstream.child);
await shared.apiKeys.delete('bench@example.com', made.value.record.id);
await shared.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${mode}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
process.stdout.write(`${mode}: process CPU ${cpu.toFixed(2)} s: ${Math.round(requests / cpu)} req/CPU-s, ${((cpu * 1e6) / requests).toFixed(1)} µs CPU per request\n`);
const byThread = new Map<string, number>();
for (const [tid, t] of threads) byThread.set(t.name, (byThread.get(t.name) ?? 0) + t.seconds - (threads0.get(tid)?.seconds ?? 0));
process.stdout.write(`${mode}: µs CPU per request by thread: ${[...byThread].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]).map(([n, s]) => `${n} ${((s * 1e6) / requests).toFixed(1)}`).join(', ')}\n`);
if (allocSummary) process.stdout.write(`${mode}: ${allocMode === 'promoted' ? 'bytes that outlived a scavenge' : 'bytes allocated'}:\n${allocSummary}\n`);
if (gcTrace) process.stdout.write(`${mode}: ${summariseGcTrace(trace, requests)}\n`);
if (!profiling) process.exit(0);
// The main thread's profile (the key feed and counter persistence run in worker threads with profiles of their own).
const file = readdirSync(profDir).find((f) => /\.0\.\d+\.cpuprofile$/.test(f))!;
const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile;
process.stdout.write(summarise(profile, 30, Number(secs) * 1000) + '\n');
process.stdout.write(byOwner(profile, Number(secs) * 1000) + '\n');
process.stdout.write(perRequest(profile, Number(secs) * 1000, requests) + '\n');

/** CPU seconds per thread (main, libuv pool, V8 GC helpers, worker threads), by thread id, with the thread's name. */
function threadCpu(pid: number): Map<string, { name: string; seconds: number }> {
  const out = new Map<string, { name: string; seconds: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, 'N');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, seconds: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      /* the thread ended */
    }
  }
  return out;
}

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Self time per request (µs) of the top functions, to compare two modes in absolute terms. */
function perRequest(p: Profile, lastMs: number, requests: number): string {
  const self = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t >= p.endTime - lastMs * 1000) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const byFn = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (n.callFrame.functionName === '(idle)') continue;
    busy += us;
    const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(packages|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    byFn.set(k, (byFn.get(k) ?? 0) + us);
  }
  const lines = [`busy CPU per request ${(busy / requests).toFixed(1)} µs; top functions, µs per request:`];
  for (const [f, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 40)) lines.push(`  ${(us / requests).toFixed(2).padStart(6)}  ${f}`);
  return lines.join('\n');
}

/** Self time by owner (Portico package, npm package, node internals, GC) and the inclusive time of the hooks. */
function byOwner(p: Profile, lastMs: number): string {
  const self = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t >= p.endTime - lastMs * 1000) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const owner = (n: Node) => {
    const { url, functionName } = n.callFrame;
    if (functionName === '(idle)') return 'idle';
    if (functionName.startsWith('(')) return functionName;
    const pk = /\/packages\/([^/]+)\//.exec(url);
    if (pk && !url.includes('node_modules')) return `@portico/${pk[1]}`;
    const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (nm) return nm[1]!;
    return url.startsWith('node:') || url === '' ? 'node' : url;
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const incl = new Map<string, number>();
  const walk = (id: number, stack: Set<string>): number => {
    const n = byId.get(id)!;
    let sum = self.get(id) ?? 0;
    const name = n.callFrame.functionName;
    const tracked = ['runExtAuth', 'runRateLimit', 'check', 'shouldRateLimit', 'incrementAll', 'lookup', 'hashApiKey', 'observe', 'buildCheckRequest', 'forward', 'accessLog', 'evaluate', 'run', 'record', 'withTimeout'].includes(name) && !stack.has(name);
    if (tracked) stack.add(name);
    for (const c of n.children ?? []) sum += walk(c, stack);
    if (tracked) {
      stack.delete(name);
      incl.set(name, (incl.get(name) ?? 0) + sum);
    }
    return sum;
  };
  walk(p.nodes[0]!.id, new Set());
  const by = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    const o = owner(n);
    by.set(o, (by.get(o) ?? 0) + us);
    if (o !== 'idle') busy += us;
  }
  const lines = ['self time by owner (share of busy):'];
  for (const [o, us] of [...by].sort((a, b) => b[1] - a[1])) if (o !== 'idle' && us / busy > 0.003) lines.push(`  ${o.padEnd(36)} ${((100 * us) / busy).toFixed(1).padStart(5)}%`);
  lines.push('inclusive time of tracked functions (share of busy):');
  for (const [f, us] of [...incl].sort((a, b) => b[1] - a[1])) lines.push(`  ${f.padEnd(36)} ${((100 * us) / busy).toFixed(1).padStart(5)}%`);
  return lines.join('\n');
}

/** V8's --trace-gc-nvp lines (one per collection) as the collector's work per 10,000 requests. */
function summariseGcTrace(text: string, requests: number): string {
  const lines = text.split('\n');
  const field = (l: string, k: string) => Number(new RegExp(` ${k}=([0-9.]+)`).exec(l)?.[1] ?? 0);
  const sum = (ls: string[], k: string) => ls.reduce((a, l) => a + field(l, k), 0);
  const per10k = (x: number) => (x * 10_000) / requests;
  const scavenges = lines.filter((l) => / gc=s /.test(l));
  const majors = lines.filter((l) => / gc=(mc|ms|mmc) /.test(l));
  return `per 10,000 requests: ${per10k(sum(scavenges, 'promoted') / 1024).toFixed(0)} KiB promoted, ${per10k(scavenges.length).toFixed(1)} scavenges (${per10k(sum(scavenges, 'pause')).toFixed(1)} ms), ${per10k(majors.length).toFixed(1)} mark-compacts (${per10k(sum(majors, 'pause')).toFixed(1)} ms of pauses; concurrent marking runs beside them)`;
}
