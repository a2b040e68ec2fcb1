// Summarises a V8 .cpuprofile (node --cpu-prof): self time by area (Portico ext-auth, @grpc/grpc-js,
// protobufjs/proto-loader, node internals, GC, idle) and the top functions by self time.
// Usage: node bench/extauth/cpu-profile-summary.ts file.cpuprofile [topN] [lastMs]
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export function area(url: string, fn: string): string {
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return 'V8/native (program)';
  if (url.includes('@grpc/grpc-js')) return '@grpc/grpc-js';
  if (url.includes('protobufjs') || url.includes('@grpc/proto-loader')) return 'protobufjs / proto-loader';
  if (url.includes('packages/ext-auth') || url.includes('packages/rego')) return 'Portico (ext-auth, rego)';
  if (url.includes('node_modules')) return 'other node_modules';
  if (url.startsWith('node:') || url === '') return 'node internals / builtins';
  return 'other';
}

/** `lastMs` > 0 keeps only the samples of the final `lastMs` of the profile (the load phase, not start-up). */
export function summarise(p: Profile, top = 15, lastMs = 0): string {
  const self = new Map<number, number>();
  let t = p.startTime;
  const from = lastMs > 0 ? p.endTime - lastMs * 1000 : -Infinity;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t >= from) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    if (a === 'idle') continue;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(packages|bench)\//, '$1/')}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const busy = total - (byArea.get('idle') ?? 0);
  const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1)}%`;
  const lines = [`wall ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(2)} s (${pct(busy, total)})`, 'self time by area (share of busy):'];
  for (const [a, us] of [...byArea].sort((x, y) => y[1] - x[1])) if (a !== 'idle') lines.push(`  ${a.padEnd(28)} ${(us / 1e3).toFixed(0).padStart(6)} ms  ${pct(us, busy)}`);
  lines.push(`top ${top} functions by self time:`);
  for (const [f, us] of [...byFn].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${pct(us, busy).padStart(6)}  ${f}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(summarise(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile, Number(process.argv[3] ?? 15), Number(process.argv[4] ?? 0)));
}
