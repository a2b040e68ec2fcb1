// ext_authz gRPC Check on loopback at a fixed offered rate (issue 14 target: p99 ≤ 3 ms at 1,000 checks/s and
// ≤ 1.5× the no-decision server). Three processes per measurement: the server under test (grpc-server.ts), the
// open-loop load generator (grpc-load.ts, latency from the intended send time) and this orchestrator, which only
// spawns and collects. Baseline in the same run: the same Portico gRPC transport with a check() that answers OK
// without deciding. The two servers are measured in alternating rounds (B P P B …) so a change in host load
// during the run hits both alike. GRPC_CPU_PROF=dir runs the servers and the load generator with --cpu-prof into that directory.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { percentile } from './setup.ts';

type Mode = 'portico' | 'baseline';
interface LoadResult { latency: number[]; sendLag: number[]; service: number[]; errors: number; seq: number[] }
export interface GrpcFigures { p50: number; p99: number; max: number; errors: number; checks: number; sendLagP50: number; sendLagP99: number; serviceP50: number; serviceP99: number; seqP50: number; seqP99: number }

function runNode(args: string[], onLine: (line: string) => void): { done: Promise<void>; kill(): void } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) { onLine(out.slice(0, nl)); out = out.slice(nl + 1); }
  });
  const done = new Promise<void>((resolve, reject) => child.once('exit', (c, s) => (c === 0 || s === 'SIGTERM' ? resolve() : reject(new Error(`${args[args.length - 2] ?? args[0]} exited ${c ?? s}`)))));
  return { done, kill: () => child.kill('SIGTERM') };
}

async function measure(mode: Mode, rps: number, seconds: number): Promise<LoadResult> {
  const prof = process.env.GRPC_CPU_PROF;
  const profArgs = (who: string) => (prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=grpc-${who}-${mode}-${Date.now()}.cpuprofile`] : []);
  const serverArgs = [...profArgs('server'), new URL('./grpc-server.ts', import.meta.url).pathname, mode];
  let ready!: (l: string) => void;
  const line = new Promise<string>((r) => (ready = r));
  const server = runNode(serverArgs, (l) => ready(l));
  try {
    const [, port, , token] = (await Promise.race([line, server.done.then(() => { throw new Error('bench server exited before listening'); })])).trim().split(' ');
    let result: LoadResult | undefined;
    const load = runNode([...profArgs('load'), new URL('./grpc-load.ts', import.meta.url).pathname, JSON.stringify({ port: Number(port), token, rps, seconds })], (l) => (result = JSON.parse(l) as LoadResult));
    await load.done;
    if (!result) throw new Error('load generator printed no result');
    return result;
  } finally {
    server.kill();
    await server.done.catch(() => undefined);
  }
}

function figures(runs: LoadResult[]): GrpcFigures {
  const ms = runs.flatMap((r) => r.latency).sort((a, b) => a - b);
  const lag = runs.flatMap((r) => r.sendLag).sort((a, b) => a - b);
  const service = runs.flatMap((r) => r.service).sort((a, b) => a - b);
  const seq = runs.flatMap((r) => r.seq).sort((a, b) => a - b);
  return {
    p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1]!, checks: ms.length,
    errors: runs.reduce((n, r) => n + r.errors, 0), sendLagP50: percentile(lag, 50), sendLagP99: percentile(lag, 99), serviceP50: percentile(service, 50), serviceP99: percentile(service, 99),
    seqP50: percentile(seq, 50), seqP99: percentile(seq, 99),
  };
}

/** `rounds` alternating measurements per server of `seconds / rounds` each. */
export async function benchGrpc(rps = 1000, seconds = 10, rounds = 2): Promise<{ real: GrpcFigures; base: GrpcFigures; loadBefore: number[]; loadAfter: number[] }> {
  const loadBefore = loadavg();
  const runs: Record<Mode, LoadResult[]> = { portico: [], baseline: [] };
  for (let r = 0; r < rounds; r++) {
    const order: Mode[] = r % 2 === 0 ? ['baseline', 'portico'] : ['portico', 'baseline'];
    for (const mode of order) runs[mode].push(await measure(mode, rps, seconds / rounds));
  }
  return { real: figures(runs.portico), base: figures(runs.baseline), loadBefore, loadAfter: loadavg() };
}
