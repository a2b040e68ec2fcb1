// Idle memory of `portico up` gateway processes and what they loaded (docs/data-plane.md, "Memory of a gateway
// worker"). Not part of `npm run bench`: one `portico up --workers 2` and one `--workers 0` (the data plane in the
// single process), each on a fresh state directory (sqlite stores, no Redis, sqlite portal DB), no demo, no IdP.
// Each gets one route (directResponse) and 40 requests, then 3 s to settle; then, per process: VmRSS, VmHWM,
// RssAnon, RssFile (/proc/PID/status), process.memoryUsage(), V8's code statistics, and the packages it loaded
// (a resolve-hook preload from @portico/testing, passed in NODE_OPTIONS so the workers inherit it).
//
//   node bench/gateway/worker-memory.ts [--root <checkout>] [--json <file>]
//
// --root measures another checkout (e.g. a worktree of the commit before a change), same method, same session.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importChain, LOADED_MODULES_DIR_ENV, LOADED_MODULES_PRELOAD, modulesOfPackage, packagesOf, readLoadedModulesReport, type LoadedModulesReport } from '@portico/testing';
import { childPids, stop, upBanner } from './tools.ts';

const { values } = parseArgs({ options: { root: { type: 'string' }, json: { type: 'string' } } });
const ROOT = resolve(values.root ?? new URL('../..', import.meta.url).pathname);
const MAIN = join(ROOT, 'packages/cli/src/main.ts');
const MiB = 1024 * 1024;

interface ProcessMemory {
  role: string;
  pid: number;
  /** /proc/PID/status, MiB. */
  vmRss: number;
  vmHwm: number;
  rssAnon: number;
  rssFile: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  code: number;
  bytecode: number;
  scriptSource: number;
  modules: number;
  packages: string[];
  /** For each WATCHED package loaded: the chain of first importers that brought it in. */
  why: Record<string, string[]>;
}

/** Why these are loaded, when they are: the backends a gateway without --redis and with the sqlite portal database
 *  has no use for, and the largest packages it still loads. */
const WATCHED = ['@grpc/grpc-js', 'protobufjs', 'ioredis', 'pg', 'kysely', 'zod', 'yaml'];

function statusMiB(pid: number): Record<'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile', number> {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)![1]) / 1024;
  return { VmRSS: kb('VmRSS'), VmHWM: kb('VmHWM'), RssAnon: kb('RssAnon'), RssFile: kb('RssFile') };
}

function get(port: number, host: string): Promise<number> {
  return new Promise((res, rej) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (r) => {
      r.resume();
      res(r.statusCode ?? 0);
    })
      .on('error', rej)
      .end();
  });
}

async function poll<T>(what: string, f: () => Promise<T | null> | T | null, tries = 500): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await f();
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function measure(workers: number): Promise<ProcessMemory[]> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-worker-memory-'));
  const reports = join(dir, 'reports');
  mkdirSync(reports);
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const up = spawn(process.execPath, [MAIN, 'up', '--workers', String(workers), '--no-idp', '--no-demo', '--state-dir', join(dir, 'state'), ...ports], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: `--import=${LOADED_MODULES_PRELOAD}`, [LOADED_MODULES_DIR_ENV]: reports, NODE_COMPILE_CACHE: join(dir, 'compile-cache') },
  });
  try {
    const out = await upBanner(up);
    const admin = /admin API\s+(http:\/\/\S+)/.exec(out)![1]!;
    const port = Number(/gateway\s+https?:\/\/[^\s:]+:(\d+)/.exec(out)![1]);
    const token = readFileSync(join(dir, 'state', 'token'), 'utf8').trim();
    const route = 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: { name: one, namespace: m }\nspec: { hosts: [one.example.com], http: [{ name: r, directResponse: { status: 200, body: "one" } }] }';
    const applied = await fetch(`${admin}/v1/apply`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ documents: [{ file: 'm.yaml', content: route }] }) });
    if (applied.status !== 200) throw new Error(`apply: ${applied.status} ${await applied.text()}`);
    // 40 answered requests in a row: the route is in every worker (the cluster hands connections round-robin).
    let served = 0;
    await poll('the route in every worker', async () => ((served = (await get(port, 'one.example.com')) === 200 ? served + 1 : 0) >= 40 ? true : null));
    await new Promise((r) => setTimeout(r, 3000));
    const pids = workers > 0 ? childPids(up.pid!) : [up.pid!];
    const result: ProcessMemory[] = [];
    for (const pid of pids) {
      process.kill(pid, 'SIGUSR2');
      const file = join(reports, `${pid}.json`);
      const report: LoadedModulesReport = await poll(`the report of ${pid}`, () => (existsSync(file) ? readLoadedModulesReport(file) : null));
      const s = statusMiB(pid);
      const m = report.memoryUsage;
      result.push({
        role: workers > 0 ? `worker (--workers ${workers})` : 'single process (--workers 0)',
        pid,
        vmRss: s.VmRSS,
        vmHwm: s.VmHWM,
        rssAnon: s.RssAnon,
        rssFile: s.RssFile,
        heapUsed: m.heapUsed / MiB,
        heapTotal: m.heapTotal / MiB,
        external: m.external / MiB,
        code: report.heapCode.code_and_metadata_size / MiB,
        bytecode: report.heapCode.bytecode_and_metadata_size / MiB,
        scriptSource: report.heapCode.external_script_source_size / MiB,
        modules: report.modules.filter((u) => u.startsWith('file:')).length,
        packages: packagesOf(report.modules),
        why: Object.fromEntries(WATCHED.filter((p) => modulesOfPackage(report, p).length > 0).map((p) => [p, importChain(report, modulesOfPackage(report, p)[0]!, `${ROOT}/`)])),
      });
    }
    return result;
  } finally {
    await stop(up);
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = loadavg()[0]!.toFixed(2);
const rows = [...(await measure(2)), ...(await measure(0))];
const f = (n: number) => n.toFixed(1);
process.stdout.write(`${ROOT} — ${new Date().toISOString()}, load ${load} → ${loadavg()[0]!.toFixed(2)} (MiB)\n\n`);
process.stdout.write('| process | VmRSS | VmHWM | RssAnon | RssFile | heapUsed | heapTotal | external | code | bytecode | script source | modules |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.role} | ${f(r.vmRss)} | ${f(r.vmHwm)} | ${f(r.rssAnon)} | ${f(r.rssFile)} | ${f(r.heapUsed)} | ${f(r.heapTotal)} | ${f(r.external)} | ${f(r.code)} | ${f(r.bytecode)} | ${f(r.scriptSource)} | ${r.modules} |\n`);
for (const r of rows) {
  process.stdout.write(`\n${r.role}, pid ${r.pid}: ${r.packages.length} packages: ${r.packages.join(' ')}\n`);
  for (const [p, chain] of Object.entries(r.why)) process.stdout.write(`  ${p}: ${chain.join(' → ')}\n`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ root: ROOT, date: new Date().toISOString(), loadAverage: Number(load), rows }, null, 2));
