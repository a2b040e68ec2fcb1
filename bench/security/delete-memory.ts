// Issue 11 item 9, measured (not in npm test: it takes a while and measures memory): apply 5,000 documents, delete
// them with the batch delete, and compare the control plane's heap after GC with the baseline before the apply.
// Run: node --expose-gc bench/security/delete-memory.ts [count]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDocuments, startControlPlane } from '@portico/control-plane';

const n = Number(process.argv[2] ?? 5000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};
const dir = await mkdtemp(join(tmpdir(), 'portico-delete-mem-'));
const cp = await startControlPlane({ stateDir: dir, admin: { port: 0 }, debounceMs: 5 });
const base = heap();
const doc = (i: number) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: rt-${i}, namespace: mem}
spec:
  hosts: ["h${i}.example.com"]
  http: [{name: r, directResponse: {status: 200, body: "${'x'.repeat(512)}"}}]`;
let t = performance.now();
await applyDocuments(cp.store, { documents: [{ file: 'many.yaml', content: Array.from({ length: n }, (_, i) => doc(i)).join('\n---\n') }] });
await cp.reconciler.waitFor(undefined, 600_000);
const applied = heap();
const applyS = (performance.now() - t) / 1000;
t = performance.now();
const res = await fetch(`${cp.admin!.url}/v1/delete`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ targets: Array.from({ length: n }, (_, i) => ({ kind: 'RouteTable', namespace: 'mem', name: `rt-${i}` })) }),
});
const body = (await res.json()) as { ok: boolean };
const deleteS = (performance.now() - t) / 1000;
await new Promise((r) => setTimeout(r, 100));
const after = heap();
console.log(JSON.stringify({ documents: n, ok: body.ok, heapMB: { baseline: +base.toFixed(1), applied: +applied.toFixed(1), afterDelete: +after.toFixed(1) }, seconds: { apply: +applyS.toFixed(1), batchDelete: +deleteS.toFixed(1) } }));
await cp.close();
await rm(dir, { recursive: true, force: true });
