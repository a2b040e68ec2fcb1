import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

// Processes the benchmark drives: installing Debian packages when missing, starting servers and waiting
// for them, running wrk and parsing its report, reading a process's peak RSS.

export function ensureDebianPackage(binary: string, pkg: string): void {
  if (spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0) return;
  process.stdout.write(`installing ${pkg} with apt-get…\n`);
  // Another apt (unattended upgrades, a neighbour's install) may hold the lock: wait for it, up to 10 minutes.
  const wait = ['-o', 'DPkg::Lock::Timeout=600'];
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync('apt-get', [...wait, 'update', '-qq'], { stdio: 'inherit' });
    if (r.status === 0) break;
    if (attempt === 60) throw new Error('apt-get update kept failing (is another apt holding /var/lib/apt/lists/lock?)');
    process.stdout.write('apt-get update failed (lock held?), retrying in 10 s…\n');
    execFileSync('sleep', ['10']);
  }
  execFileSync('apt-get', [...wait, 'install', '-y', '-qq', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Starts a child that prints "listening PORT" once ready; resolves with the process and its port. */
export function startListening(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(' ')} did not start within 30 s`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code} before listening`));
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

/** `portico up`'s banner: its stdout until "Press Ctrl+C to stop."; the rest (the access log) then flows unread. */
export function upBanner(up: ChildProcess): Promise<string> {
  let out = '';
  return new Promise<string>((resolve, reject) => {
    up.stdout!.on('data', (d: Buffer) => {
      if (out.length < 1 << 16) out += d.toString();
      if (out.includes('Press Ctrl+C to stop.')) {
        up.stdout!.removeAllListeners('data');
        up.stdout!.resume();
        resolve(out);
      }
    });
    up.once('exit', (code) => reject(new Error(`portico up exited with ${code}`)));
  });
}

/** Peak resident set size of a process, in MiB (Linux VmHWM). */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Proportional set size (MiB): the process's private pages plus its share of pages it shares with others — for N
 *  workers of one binary, what each costs the host (RSS counts the ~55–64 MiB of shared node binary pages in
 *  full for every worker). Null when the kernel has no smaps_rollup. */
export function pssMiB(pid: number): number | null {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

type WrkOptions = { connections: number; seconds: number; host?: string; headers?: string[] };

function wrkArgs(url: string, opts: WrkOptions): string[] {
  const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', '--timeout', '5s'];
  if (opts.host) args.push('-H', `Host: ${opts.host}`);
  for (const h of opts.headers ?? []) args.push('-H', h);
  args.push(url);
  return args;
}

/** wrk -t1 -cC -dDs --latency; durations are bounded by the caller. Blocks this process's event loop. */
export function runWrk(url: string, opts: WrkOptions): WrkResult {
  const r = spawnSync('wrk', wrkArgs(url, opts), { encoding: 'utf8', timeout: (opts.seconds + 30) * 1000 });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  return parseWrk(r.stdout);
}

/** runWrk without blocking the event loop: for a bench that must keep reading a child's output meanwhile. */
export function runWrkAsync(url: string, opts: WrkOptions): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs(url, opts), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (opts.seconds + 30) * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`wrk failed: ${err || out}`));
      else resolve(parseWrk(out));
    });
  });
}

/**
 * wrk for exactly as long as `during` takes (changes applied under load, say): started open-ended, given a second
 * to reach its pace, stopped with SIGINT (on which wrk prints its report) once `during` settles.
 */
export async function runWrkDuring(url: string, opts: Omit<WrkOptions, 'seconds'>, during: () => Promise<void>): Promise<WrkResult> {
  const wrk = spawn('wrk', wrkArgs(url, { ...opts, seconds: 600 }), { stdio: ['ignore', 'pipe', 'inherit'] });
  let report = '';
  wrk.stdout.on('data', (d: Buffer) => (report += d.toString()));
  const exited = new Promise((resolve) => wrk.once('exit', resolve));
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await during();
  } finally {
    wrk.kill('SIGINT');
    await exited;
  }
  return parseWrk(report);
}

export function parseWrk(out: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p50 = /\s50%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  if (!rps || !p50 || !p99) throw new Error(`cannot parse wrk output:\n${out}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = (non2xx ? Number(non2xx[1]) : 0) + (sockErr ? sockErr.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { requestsPerSecond: Number(rps[1]), p50Ms: toMs(p50[1]!, p50[2]!), p99Ms: toMs(p99[1]!, p99[2]!), errors };
}

function toMs(v: string, unit: string): number {
  const n = Number(v);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** CPU seconds (user + system) a process has used so far (Linux /proc/PID/stat, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number, thread?: number): number {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Direct children of a process (nginx's workers under its master). */
export function childPids(pid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number);
}

/** A loopback port that was free a moment ago (for servers such as nginx that cannot report an ephemeral port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The name of the first file in `dir` ending with `suffix`, once a process has written it (a profile; bounded: 10 s). */
export async function waitForFile(dir: string, suffix: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const f = readdirSync(dir).find((n) => n.endsWith(suffix));
    if (f) return f;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${suffix} written in ${dir}`);
}

/** The middle value (of an even count, the upper one of the two middle values). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measurements of one proxy over interleaved rounds as one row: the median of each figure, the errors summed. */
export function medianRow(rs: readonly (WrkResult & { requestsPerCpuSecond: number | null })[]): WrkResult & { requestsPerCpuSecond: number | null } {
  return {
    requestsPerSecond: median(rs.map((r) => r.requestsPerSecond)),
    p50Ms: median(rs.map((r) => r.p50Ms)),
    p99Ms: median(rs.map((r) => r.p99Ms)),
    errors: rs.reduce((a, r) => a + r.errors, 0),
    requestsPerCpuSecond: median(rs.map((r) => r.requestsPerCpuSecond ?? NaN)),
  };
}
