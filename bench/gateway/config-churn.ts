// p99 while the configuration changes: `portico up --workers N` (the real process: control plane in the primary,
// gateways in workers) under wrk load, first steady, then while 1,000 RouteTables are applied one by one through
// the admin API (each apply is a new table on its own host, so every snapshot is larger than the last and every
// worker recompiles). Reports both p99s, their ratio (target ≤ 1.5) and the non-2xx count (target 0), plus the
// peak RSS of the largest worker with the 1,000 tables loaded (target ≤ 150 MiB), and how long the workers' request
// loops waited on snapshot applications (their own histogram, a figure the machine's load barely moves).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childPids, cpuSeconds, peakRssMiB, pssMiB, runWrkAsync, runWrkDuring, stop, upBanner, type WrkResult } from './tools.ts';

const MAIN = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));

export interface ChurnResult {
  steady: WrkResult;
  churn: WrkResult;
  changes: number;
  changesPerSecond: number;
  workerPeakRssMiB: number;
  /** The largest PSS a worker reached, sampled every 250 ms during the changes (null without smaps_rollup). */
  workerPeakPssMiB: number | null;
  /** The workers' snapshot applications during the changes (their request loops wait that long, whatever the load). */
  apply: ApplyFigures;
  /** CPU per change during the changes, ms: the primary (admin API, store, translation, feeds) and each worker. On a
   *  host with as many cores as workers, the primary's share is taken from the workers' request loops. */
  cpuMsPerChange: { primary: number; primaryMainThread: number; workers: number[] };
}

export interface ApplyFigures {
  /** Snapshots applied, summed over the workers (fewer than changes × workers: the feed skips superseded ones). */
  count: number;
  meanMs: number;
  /** Upper bound of the histogram bucket holding the 99th percentile / the largest observation. */
  p99AtMostMs: number;
  maxAtMostMs: number;
}

/** portico_gateway_snapshot_apply_seconds from the admin /metrics (summed over the workers), minus `since`. */
function applyFigures(text: string, since: { buckets: Map<number, number>; sum: number; count: number } | null) {
  const buckets = new Map<number, number>();
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    const b = /^portico_gateway_snapshot_apply_seconds_bucket\{le="([^"]+)"\} (\S+)/.exec(line);
    if (b) buckets.set(b[1] === '+Inf' ? Infinity : Number(b[1]), Number(b[2]) - (since?.buckets.get(b[1] === '+Inf' ? Infinity : Number(b[1])) ?? 0));
    const s = /^portico_gateway_snapshot_apply_seconds_sum (\S+)/.exec(line);
    if (s) sum = Number(s[1]) - (since?.sum ?? 0);
    const c = /^portico_gateway_snapshot_apply_seconds_count (\S+)/.exec(line);
    if (c) count = Number(c[1]) - (since?.count ?? 0);
  }
  return { buckets, sum, count };
}

function summariseApply(f: ReturnType<typeof applyFigures>): ApplyFigures {
  const les = [...f.buckets.keys()].sort((a, b) => a - b);
  const at = (q: number) => (les.find((le) => f.buckets.get(le)! >= q * f.count) ?? Infinity) * 1000;
  const max = les.find((le) => f.buckets.get(le)! >= f.count) ?? Infinity;
  return { count: f.count, meanMs: f.count > 0 ? (f.sum / f.count) * 1000 : 0, p99AtMostMs: at(0.99), maxAtMostMs: max * 1000 };
}

/** GET / with a Host header (fetch does not let a caller set Host). */
function get(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** The i-th RouteTable of a churn: a new host with one direct-response route (also used by bench/portal/up-keyed.ts). */
export const churnTable = (i: number) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: churn-${i}, namespace: bench }
spec: { hosts: [h${i}.churn.example.com], http: [{ name: r, directResponse: { status: 200, body: "t${i}" } }] }`;

export async function runConfigChurn(o: { upstreamPort: number; workers: number; connections: number; seconds: number; tables: number }): Promise<ChurnResult> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-churn-'));
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const up = spawn(process.execPath, [MAIN, 'up', '--workers', String(o.workers), '--no-idp', '--no-demo', '--state-dir', join(dir, 'state'), ...ports], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_COMPILE_CACHE: join(dir, 'compile-cache') },
  });
  try {
    const out = await upBanner(up);
    const admin = /admin API\s+(http:\/\/\S+)/.exec(out)![1]!;
    const port = Number(/gateway\s+https?:\/\/[^\s:]+:(\d+)/.exec(out)![1]);
    const token = readFileSync(join(dir, 'state', 'token'), 'utf8').trim();
    // A keep-alive connection the admin server closed while this process was busy may still be pooled, and the
    // next request on it fails with "other side closed". Admin requests are idempotent here (apply is
    // create-or-update), so a network failure is retried.
    const admin$ = async (path: string, init: RequestInit = {}): Promise<Response> => {
      for (let attempt = 1; ; attempt++) {
        const r = await fetch(`${admin}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }).catch((err: Error) => (attempt < 3 ? null : Promise.reject(err)));
        if (r !== null) return r;
      }
    };
    const apply = async (content: string) => {
      const r = await admin$('/v1/apply', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ documents: [{ file: 'b.yaml', content }] }) });
      if (r.status !== 200) throw new Error(`apply: ${r.status} ${await r.text()}`);
    };
    await apply(`apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: upstream, namespace: bench }
spec: { hosts: [upstream.local], addresses: [127.0.0.1], ports: [{ name: http, number: ${o.upstreamPort}, protocol: HTTP }] }
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: api, namespace: bench }
spec:
  hosts: [api.example.com]
  http: [{ name: all, forwardTo: { destinations: [{ ref: { name: upstream, namespace: bench }, kind: EXTERNAL_SERVICE, port: { number: ${o.upstreamPort} } }] } }]`);
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; ; i++) {
      const r = await get(port, 'api.example.com').catch(() => null);
      if (r?.status === 200) break;
      if (i > 500) throw new Error('the gateway never served the bench route');
      await new Promise((res) => setTimeout(res, 20));
    }
    // wrk runs asynchronously so that this process keeps reading portico up's stdout (the access log) meanwhile: a
    // blocked reader made the workers hold every unwritten line (tens of MiB each), which was then measured as
    // their peak RSS. (The data plane now bounds that backlog and counts drops, access-log.ts.)
    // A long warm-up: the steady p99 is what the changes are compared with, and a worker that is still tiering up
    // its code and growing its heap (10 % at a time, heap-flags.ts) measured 19–28 ms after 2 s against 10–13 ms
    // after 10 s on the same host — a ratio flattered by a slow steady phase.
    await runWrkAsync(url, { connections: o.connections, seconds: 10, host: 'api.example.com' });
    const steady = await runWrkAsync(url, { connections: o.connections, seconds: o.seconds, host: 'api.example.com' });

    const metrics = async () => (await admin$('/metrics')).text();
    const before = applyFigures(await metrics(), null);
    const workers = childPids(up.pid!);
    const pids = [up.pid!, ...workers];
    let seconds = 0;
    let cpuMs: number[] = [];
    let mainMs = 0;
    let workerPeakPssMiB: number | null = null;
    const samplePss = setInterval(() => {
      for (const p of workers) {
        const pss = pssMiB(p);
        if (pss !== null) workerPeakPssMiB = Math.max(workerPeakPssMiB ?? 0, pss);
      }
    }, 250).unref();
    const churn = await runWrkDuring(url, { connections: o.connections, host: 'api.example.com' }, async () => {
      const t0 = performance.now();
      const cpu0 = pids.map((p) => cpuSeconds(p));
      // The primary's main thread (its thread id is the process id): what is left there with translation on its
      // own thread — the admin API, the store's writes, the feeds to the workers and their new connections.
      const main0 = cpuSeconds(up.pid!, up.pid!);
      for (let i = 0; i < o.tables; i++) await apply(churnTable(i));
      // The last table served by the gateway: every change has reached the workers.
      for (let i = 0; ; i++) {
        const r = await get(port, `h${o.tables - 1}.churn.example.com`);
        if (r.body === `t${o.tables - 1}`) break;
        if (i > 3000) throw new Error('the last table never reached the gateway');
        await new Promise((res) => setTimeout(res, 10));
      }
      seconds = (performance.now() - t0) / 1000;
      cpuMs = pids.map((p, i) => ((cpuSeconds(p) - cpu0[i]!) * 1000) / o.tables);
      mainMs = ((cpuSeconds(up.pid!, up.pid!) - main0) * 1000) / o.tables;
    });
    clearInterval(samplePss);
    const applied = summariseApply(applyFigures(await metrics(), before));
    const workerPeakRssMiB = Math.max(...childPids(up.pid!).map((p) => peakRssMiB(p)));
    return { steady, churn, changes: o.tables, changesPerSecond: o.tables / seconds, workerPeakRssMiB: Math.round(workerPeakRssMiB * 10) / 10, workerPeakPssMiB: workerPeakPssMiB === null ? null : Math.round(workerPeakPssMiB * 10) / 10, apply: applied, cpuMsPerChange: { primary: cpuMs[0]!, primaryMainThread: mainMs, workers: cpuMs.slice(1) } };
  } finally {
    await stop(up);
    rmSync(dir, { recursive: true, force: true });
  }
}
