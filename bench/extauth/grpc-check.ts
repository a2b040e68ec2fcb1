// ext_authz gRPC Check on loopback at a fixed offered rate (issue 14 target: p99 ≤ 3 ms at 1,000 checks/s and
// ≤ 1.5× the no-decision server). Three processes per measurement: the server under test (grpc-server.ts), a load
// generator and this orchestrator, which only spawns and collects. Two generators:
//  - grpc-load.ts: grpc-js in its own Node process, open loop, latency from the *intended* send time (a late
//    generator or a stalled server shows up: no coordinated omission); its own send lag is printed beside it.
//  - h2load (grpc-h2load.ts): nghttp2's C client, as Envoy is a C++ client — the client's GC and timers are out
//    of the figures, which are then the transport and server alone (latency from the actual send).
// Servers: Portico on the seed config; the same Portico gRPC transport with a check() that answers OK without
// deciding ("no decision"); and node:http2 alone answering a fixed OK frame ("Node's HTTP/2 floor") — what any
// Node.js gRPC server on this host costs at least. Measured in alternating rounds (B P P B …) so a change in host
// load during the run hits all alike. Servers run with GRPC_SERVER_NODE_FLAGS (default EXT_AUTHZ_HEAP_FLAGS);
// GRPC_CPU_PROF=dir runs the servers and the grpc-js load generator with --cpu-prof into that directory.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import * as grpc from '@grpc/grpc-js';
import { authorizationService } from '../../packages/ext-auth/src/transport/grpc/protos.ts';
import { runH2load } from './grpc-h2load.ts';
import { percentile, wireCheckRequest } from './setup.ts';

/** Heap flags for a process serving ext_authz. Young-generation cap: V8's default young generation under this load
 *  grows to 16 MiB and more, and each scavenge then copies the survivors of hundreds of in-flight-at-the-time calls —
 *  10–13 ms pauses every ~1.5 s at 1,000 checks/s, which is the p99. With 2 MiB semi-spaces a scavenge takes ~0.5 ms.
 *  No allocation-site pretenuring: with small semi-spaces V8 soon decides that per-call allocation sites survive
 *  and allocates them in the old generation, which then fills with dead calls and is mark-compacted (the 11–31 ms
 *  maxima); off, p99 2.2 ms median of four runs against 3.1 with it on (packages/ext-auth/README.md, 2026-12-04). */
export const EXT_AUTHZ_HEAP_FLAGS = ['--max-semi-space-size=2', '--no-allocation-site-pretenuring'];
const SERVER_FLAGS = process.env.GRPC_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? EXT_AUTHZ_HEAP_FLAGS;

type Mode = 'portico' | 'baseline' | 'http2';
type Generator = 'grpc-js' | 'h2load';
interface LoadResult { latency: number[]; sendLag: number[]; service: number[]; errors: number; seq: number[] }
export interface GrpcFigures { p50: number; p99: number; max: number; errors: number; checks: number; sendLagP50: number; sendLagP99: number; serviceP50: number; serviceP99: number; seqP50: number; seqP99: number }
export interface H2Figures { p50: number; p90: number; p99: number; max: number; errors: number; checks: number }

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

const profArgs = (who: string, mode: Mode) => {
  const prof = process.env.GRPC_CPU_PROF;
  return prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=grpc-${who}-${mode}-${Date.now()}.cpuprofile`] : [];
};

/** Starts the server for `mode`, runs `load` against it, stops it. */
async function withServer<T>(mode: Mode, load: (port: number, token: string) => Promise<T>): Promise<T> {
  let ready!: (l: string) => void;
  const line = new Promise<string>((r) => (ready = r));
  const server = runNode([...SERVER_FLAGS, ...profArgs('server', mode), new URL('./grpc-server.ts', import.meta.url).pathname, mode], (l) => ready(l));
  try {
    const [, port, , token] = (await Promise.race([line, server.done.then(() => { throw new Error('bench server exited before listening'); })])).trim().split(' ');
    return await load(Number(port), token!);
  } finally {
    server.kill();
    await server.done.catch(() => undefined);
  }
}

function grpcJsLoad(mode: Mode, rps: number, seconds: number) {
  return async (port: number, token: string): Promise<LoadResult> => {
    let result: LoadResult | undefined;
    const load = runNode([...profArgs('load', mode), new URL('./grpc-load.ts', import.meta.url).pathname, JSON.stringify({ port, token, rps, seconds })], (l) => (result = JSON.parse(l) as LoadResult));
    await load.done;
    if (!result) throw new Error('load generator printed no result');
    return result;
  };
}

/** h2load cannot read gRPC trailers: one real Check first proves the request it will repeat is answered OK. */
async function checkAnsweredOk(port: number, token: string): Promise<void> {
  const Client = authorizationService();
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as { Check(r: unknown, cb: (e: Error | null, r: { status?: { code?: number } }) => void): void; close(): void };
  const code = await new Promise<number>((resolve, reject) => client.Check(wireCheckRequest(token, 'tracks'), (e, r) => (e ? reject(e) : resolve(r.status?.code ?? 0))));
  client.close();
  if (code !== 0) throw new Error(`the bench's Check request is not allowed (status ${code}): the figures would measure denials`);
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

function h2Figures(runs: { latency: number[]; errors: number }[]): H2Figures {
  const ms = runs.flatMap((r) => r.latency).sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p90: percentile(ms, 90), p99: percentile(ms, 99), max: ms[ms.length - 1]!, checks: ms.length, errors: runs.reduce((n, r) => n + r.errors, 0) };
}

/** `rounds` alternating measurements per server of `seconds / rounds` each, for the generators asked for. */
export async function benchGrpc(rps = 1000, seconds = 10, rounds = 2, generators: Generator[] = ['h2load', 'grpc-js']): Promise<{
  real: GrpcFigures | null; base: GrpcFigures | null; native: Record<Mode, H2Figures> | null; serverFlags: string[]; loadBefore: number[]; loadAfter: number[];
}> {
  const loadBefore = loadavg();
  const slice = seconds / rounds;
  let native: Record<Mode, H2Figures> | null = null;
  if (generators.includes('h2load')) {
    const runs: Record<Mode, { latency: number[]; errors: number }[]> = { portico: [], baseline: [], http2: [] };
    for (let r = 0; r < rounds; r++) {
      const order: Mode[] = r % 2 === 0 ? ['http2', 'baseline', 'portico'] : ['portico', 'baseline', 'http2'];
      for (const mode of order) {
        runs[mode].push(await withServer(mode, async (port, token) => {
          await checkAnsweredOk(port, token);
          return runH2load(port, token, rps, slice);
        }));
      }
    }
    native = { portico: h2Figures(runs.portico), baseline: h2Figures(runs.baseline), http2: h2Figures(runs.http2) };
  }
  let real: GrpcFigures | null = null;
  let base: GrpcFigures | null = null;
  if (generators.includes('grpc-js')) {
    const runs: Record<'portico' | 'baseline', LoadResult[]> = { portico: [], baseline: [] };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['baseline', 'portico'] as const) : (['portico', 'baseline'] as const);
      for (const mode of order) runs[mode].push(await withServer(mode, grpcJsLoad(mode, rps, slice)));
    }
    real = figures(runs.portico);
    base = figures(runs.baseline);
  }
  return { real, base, native, serverFlags: SERVER_FLAGS, loadBefore, loadAfter: loadavg() };
}
