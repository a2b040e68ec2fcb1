// Summarises a sampling heap profile (alloc-sampler.ts) of a proxy: bytes allocated per request by owner (the
// same areas as the CPU summary) and the top allocation sites. The profiler attributes an allocation to the
// innermost *non-inlined* frame, so a site may stand for functions the optimiser inlined into it.
import { area } from './profile-summary.ts';

export interface HeapProfileNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapProfileNode[] }

export function summariseAllocations(head: HeapProfileNode, requests: number, top = 25): string {
  const byArea = new Map<string, number>();
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (n: HeapProfileNode): void => {
    const { functionName, url, lineNumber } = n.callFrame;
    total += n.selfSize;
    const owner = area(url, functionName);
    byArea.set(owner, (byArea.get(owner) ?? 0) + n.selfSize);
    const site = `${functionName || '(anonymous)'} ${url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(packages|bench)\//, '$1/')}:${lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(head);
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${(v / requests).toFixed(0).padStart(6)} B  ${k}`).join('\n');
  return `allocated per request (sampled, freed objects included): ${(total / requests / 1024).toFixed(1)} KiB\nby owner:\n${rows(byArea, 12)}\ntop allocation sites:\n${rows(bySite, top)}`;
}
