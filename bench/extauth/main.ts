// `npm run bench:extauth` — ext-auth decision cost in process and the gRPC Check latency at 1k req/s, each next
// to a baseline measured in the same run. Prints figures and ratios; asserts nothing (not part of npm test).
import { benchDecision } from './decision.ts';
import { benchGrpc } from './grpc-check.ts';
import { benchGatewayAuth } from './gateway-auth.ts';

// ONLY=grpc runs just the gRPC Check part (for profiling runs).
const only = process.env.ONLY;
if (!only || only === 'decision') {
const d = await benchDecision();
console.log('in-process decision (JWT with cached key + seed OPA policy), per check:');
console.log(`  median ${d.medianUs.toFixed(1)} µs   p99 ${d.p99Us.toFixed(1)} µs   (target ≤ 30 µs median${d.medianUs <= 30 ? ', met' : ', NOT met'})`);
console.log(`  with a fresh CheckRequest object per call (as from the gateway): median ${d.freshMedianUs.toFixed(1)} µs   p99 ${d.freshP99Us.toFixed(1)} µs`);
console.log(`  baseline (same decision hand-written, no pipeline/engine): median ${d.baselineMedianUs.toFixed(2)} µs   ratio ${(d.medianUs / d.baselineMedianUs).toFixed(1)}×`);
console.log('  published anchors: Authorino JWT + pattern 364 µs/op; OPA-Envoy gRPC handler 0.35 ms median at 1k rps');

}

if (!only || only === 'grpc') {
const rps = Number(process.env.RPS ?? 1000);
// GRPC_GENERATORS=h2load|grpc-js picks one generator (default both).
const generators = (process.env.GRPC_GENERATORS ?? 'h2load,grpc-js').split(',') as ('h2load' | 'grpc-js')[];
const g = await benchGrpc(rps, Number(process.env.SECONDS ?? 10), Number(process.env.ROUNDS ?? 2), generators);
const met = (ok: boolean) => (ok ? ', met' : ', NOT met');
console.log(`gRPC Check on loopback at ${rps} checks/s; servers run with node ${g.serverFlags.join(' ') || '(V8 defaults)'}`);
if (g.native) {
  const n = g.native;
  const row = (name: string, f: typeof n.portico) => console.log(`    ${name.padEnd(44)} p50 ${f.p50.toFixed(2)} ms   p90 ${f.p90.toFixed(2)} ms   p99 ${f.p99.toFixed(2)} ms   max ${f.max.toFixed(1)} ms   checks ${f.checks} errors ${f.errors}`);
  console.log('  native generator (h2load, one HTTP/2 connection, latency from the send):');
  row('Portico (seed config)', n.portico);
  row('no-decision server (same transport)', n.baseline);
  row("Node's HTTP/2 floor (node:http2, fixed answer)", n.http2);
  console.log(`    Portico p99 ${n.portico.p99.toFixed(2)} ms (target ≤ 3 ms${met(n.portico.p99 <= 3)}); / no-decision ${(n.portico.p99 / n.baseline.p99).toFixed(2)}× (target ≤ 1.5×${met(n.portico.p99 / n.baseline.p99 <= 1.5)}); / Node's HTTP/2 floor ${(n.portico.p99 / n.http2.p99).toFixed(2)}×`);
}
if (g.real && g.base) {
  const grpcRatio = g.real.p99 / g.base.p99;
  console.log('  grpc-js generator (its own Node process, open loop, latency from the intended send time):');
  console.log(`    Portico (seed config): p50 ${g.real.p50.toFixed(2)} ms   p99 ${g.real.p99.toFixed(2)} ms   max ${g.real.max.toFixed(1)} ms   checks ${g.real.checks} errors ${g.real.errors}   generator send lag p50 ${g.real.sendLagP50.toFixed(2)} p99 ${g.real.sendLagP99.toFixed(2)} ms`);
  console.log(`    no-decision server (same transport, answers OK): p50 ${g.base.p50.toFixed(2)} ms   p99 ${g.base.p99.toFixed(2)} ms   max ${g.base.max.toFixed(1)} ms   checks ${g.base.checks} errors ${g.base.errors}   generator send lag p50 ${g.base.sendLagP50.toFixed(2)} p99 ${g.base.sendLagP99.toFixed(2)} ms`);
  console.log(`    p99 ratio Portico / no-decision ${grpcRatio.toFixed(2)}× (target ≤ 1.5×${met(grpcRatio <= 1.5)})`);
  console.log(`    from the actual send (transport + server only): Portico p50 ${g.real.serviceP50.toFixed(2)} ms p99 ${g.real.serviceP99.toFixed(2)} ms; no-decision p50 ${g.base.serviceP50.toFixed(2)} ms p99 ${g.base.serviceP99.toFixed(2)} ms`);
  console.log(`    closed loop (one call at a time): Portico p50 ${g.real.seqP50.toFixed(2)} ms p99 ${g.real.seqP99.toFixed(2)} ms; no-decision p50 ${g.base.seqP50.toFixed(2)} ms p99 ${g.base.seqP99.toFixed(2)} ms`);
}
console.log(`  load average before ${g.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${g.loadAfter.map((l) => l.toFixed(2)).join(' ')} on ${(await import('node:os')).availableParallelism()} CPUs — open-loop figures are only meaningful on an idle host`);

}

if (!only || only === 'gateway') {
const rows = await benchGatewayAuth(Number(process.env.BENCH_SECONDS ?? 8), Number(process.env.BENCH_CONNECTIONS ?? 50));
console.log(`gateway with auth vs nginx (wrk -t1 -c${process.env.BENCH_CONNECTIONS ?? 50}, same run, same upstream):`);
for (const r of rows) {
  console.log(`  ${r.target.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   errors ${r.errors}   ${r.requestsPerCpuSecond ?? '-'} req/CPU-s`);
}
const [nginxRow, , authRow] = rows;
const ratio = authRow!.requestsPerSecond / nginxRow!.requestsPerSecond;
console.log(`  gateway JWT + OPA / nginx: requests/s ratio ${ratio.toFixed(2)} (target ≥ 0.40${ratio >= 0.4 ? ', met' : ', NOT met'}); per CPU-second ${((authRow!.requestsPerCpuSecond ?? NaN) / (nginxRow!.requestsPerCpuSecond ?? NaN)).toFixed(2)}`);
}
