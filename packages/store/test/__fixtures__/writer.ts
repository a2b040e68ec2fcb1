// Child process for the crash-safety test: applies large resources in a loop and reports each committed write
// on stdout, until the parent kills it with SIGKILL.
import { createHash } from 'node:crypto';
import { openSqliteStore } from '@portico/store';

const dir = process.argv[2]!;
const store = openSqliteStore({ dir });
const big = 'x'.repeat(200_000);
for (let i = 0; ; i++) {
  const payload = `${i}:${big}`;
  const spec = { hosts: ['api.example.com'], http: [{ name: `r${i}`, directResponse: { status: 200, body: payload } }] };
  const sum = createHash('sha256').update(payload).digest('hex');
  // Alternate creating new objects and rewriting one hot object, so a kill can land in either kind of write.
  const name = i % 2 === 0 ? `rt-${i}` : 'hot';
  const r = await store.apply({ apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name, namespace: 'crash', annotations: { sum } }, spec });
  if (!r.ok) throw new Error(r.message);
  process.stdout.write(`${name} ${i}\n`);
}
