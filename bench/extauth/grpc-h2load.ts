// The native load generator for the gRPC Check bench: nghttp2's h2load (Debian package nghttp2-client), a C
// HTTP/2 client like Envoy's, so the client's own garbage collector and timers are not in the figures. It sends
// one serialized CheckRequest (gRPC length-prefixed frame) at a fixed rate over one HTTP/2 connection and logs
// every request's duration; h2load's rate timer releases requests in small bursts (about ten every 10 ms at
// 1,000/s), which the figures include. Latency here is from the actual send. h2load cannot read gRPC trailers, so
// the caller checks once with a real gRPC client that the request is answered OK before loading the server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizationService } from '../../packages/ext-auth/src/transport/grpc/protos.ts';
import { ensureDebianPackage } from '../gateway/tools.ts';
import { grpcFrame, wireCheckRequest } from './setup.ts';

export interface H2loadResult { latency: number[]; errors: number }

/** The length-prefixed gRPC message h2load posts: the seed's allowed request (product "tracks", scope holds it). */
export function checkRequestFrame(token: string): Buffer {
  const svc = authorizationService().service as unknown as { Check: { requestSerialize(v: unknown): Buffer } };
  return grpcFrame(svc.Check.requestSerialize(wireCheckRequest(token, 'tracks')));
}

export function runH2load(port: number, token: string, rps: number, seconds: number): H2loadResult {
  ensureDebianPackage('h2load', 'nghttp2-client');
  const dir = mkdtempSync(join(tmpdir(), 'portico-h2load-'));
  try {
    writeFileSync(join(dir, 'body'), checkRequestFrame(token));
    const request = ['-d', join(dir, 'body'), '-H', 'content-type: application/grpc', '-H', 'te: trailers', `http://127.0.0.1:${port}/envoy.service.auth.v3.Authorization/Check`];
    // Warm-up (JIT) in its own h2load run, not logged: 20,000 checks (GRPC_WARMUP), 20 s of the target's traffic —
    // a fresh server per round otherwise measures V8 compiling its hot paths (with 2,000, the rounds' p99 ran
    // 1.5–4× that of the same server a few runs later). An ext_authz server in service is warm.
    spawnSync('h2load', ['-n', process.env.GRPC_WARMUP ?? '20000', '-c', '1', '-m', '10', ...request], { encoding: 'utf8' });
    const r = spawnSync('h2load', ['-n', String(Math.round(rps * seconds)), '-c', '1', '-m', '100', '--rps', String(rps), `--log-file=${join(dir, 'log')}`, ...request], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`h2load failed: ${r.stderr || r.stdout}`);
    const latency: number[] = [];
    let errors = 0;
    for (const line of readFileSync(join(dir, 'log'), 'utf8').split('\n')) {
      const [, status, us] = line.split('\t');
      if (us === undefined) continue;
      if (status !== '200') errors++;
      latency.push(Number(us) / 1000);
    }
    errors += Math.round(rps * seconds) - latency.length;
    return { latency, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
