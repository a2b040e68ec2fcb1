// `npm run bench:extauth` — ext-auth decision cost in process and the gRPC Check latency at 1k req/s, each next
// to a baseline measured in the same run. Prints figures and ratios; asserts nothing (not part of npm test).
import { benchDecision } from './decision.ts';
import { benchGrpc } from './grpc-check.ts';
import { benchGatewayAuth } from './gateway-auth.ts';

const d = await benchDecision();
console.log('in-process decision (JWT with cached key + seed OPA policy), per check:');
console.log(`  median ${d.medianUs.toFixed(1)} µs   p99 ${d.p99Us.toFixed(1)} µs   (target ≤ 30 µs median${d.medianUs <= 30 ? ', met' : ', NOT met'})`);
console.log(`  with a fresh CheckRequest object per call (as from the gateway): median ${d.freshMedianUs.toFixed(1)} µs   p99 ${d.freshP99Us.toFixed(1)} µs`);
console.log(`  baseline (same decision hand-written, no pipeline/engine): median ${d.baselineMedianUs.toFixed(2)} µs   ratio ${(d.medianUs / d.baselineMedianUs).toFixed(1)}×`);
console.log('  published anchors: Authorino JWT + pattern 364 µs/op; OPA-Envoy gRPC handler 0.35 ms median at 1k rps');

const g = await benchGrpc(Number(process.env.RPS ?? 1000), Number(process.env.SECONDS ?? 5));
console.log(`gRPC Check on loopback, open loop at ${process.env.RPS ?? 1000} req/s:`);
console.log(`  Portico (seed config): p50 ${g.real.p50.toFixed(2)} ms   p99 ${g.real.p99.toFixed(2)} ms   max ${g.real.max.toFixed(1)} ms   allowed ${g.real.allowed} errors ${g.real.errors}   (target p99 ≤ 3 ms${g.real.p99 <= 3 ? ', met' : ', NOT met'})`);
console.log(`  baseline (same protos, answers OK without deciding): p50 ${g.base.p50.toFixed(2)} ms   p99 ${g.base.p99.toFixed(2)} ms   ratio p99 ${(g.real.p99 / g.base.p99).toFixed(2)}×`);
console.log(`  closed loop (one call at a time): Portico p50 ${g.real.seqP50.toFixed(2)} ms p99 ${g.real.seqP99.toFixed(2)} ms; baseline p50 ${g.base.seqP50.toFixed(2)} ms p99 ${g.base.seqP99.toFixed(2)} ms`);
const load = (await import('node:os')).loadavg()[0]!;
console.log(`  host load average ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} CPUs — open-loop figures are only meaningful on an idle host`);

const rows = await benchGatewayAuth(Number(process.env.BENCH_SECONDS ?? 8), Number(process.env.BENCH_CONNECTIONS ?? 50));
console.log(`gateway with auth vs nginx (wrk -t1 -c${process.env.BENCH_CONNECTIONS ?? 50}, same run, same upstream):`);
for (const r of rows) {
  console.log(`  ${r.target.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   errors ${r.errors}   ${r.requestsPerCpuSecond ?? '-'} req/CPU-s`);
}
const [nginxRow, , authRow] = rows;
const ratio = authRow!.requestsPerSecond / nginxRow!.requestsPerSecond;
console.log(`  gateway JWT + OPA / nginx: requests/s ratio ${ratio.toFixed(2)} (target ≥ 0.40${ratio >= 0.4 ? ', met' : ', NOT met'}); per CPU-second ${((authRow!.requestsPerCpuSecond ?? NaN) / (nginxRow!.requestsPerCpuSecond ?? NaN)).toFixed(2)}`);
