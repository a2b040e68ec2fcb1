// Batched writes: applyMany commits the good items together and reports a bad one alone; updateStatuses and
// recordEvents write many in one transaction; watchers see exactly the committed changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteStore, type WatchEvent } from '@portico/store';
import { routeTable, tempDir } from './helpers.ts';

const spec = { hosts: ['a.example.com'], http: [{ name: 'r', directResponse: { status: 200 } }] };

test('applyMany: one result per input, a bad item does not stop the others', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  const seen: WatchEvent[] = [];
  store.watch((e) => seen.push(e));
  const results = await store.applyMany([
    routeTable('a', spec),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' } },
    routeTable('b', spec),
    routeTable('a', spec),
  ]);
  assert.deepEqual(results.map((r) => (r.ok ? r.action : r.code)), ['created', 'STORE_INVALID_INPUT', 'created', 'unchanged']);
  assert.deepEqual((await store.list('RouteTable')).map((r) => r.metadata.name), ['a', 'b']);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'a'], ['ADDED', 'b']]);
});

test('updateStatuses and recordEvents write batches; a missing resource reports false', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  await store.applyMany([routeTable('a', spec), routeTable('b', spec)]);
  const status = { common: { State: { approval: 'ACCEPTED', observedGeneration: 1 } } };
  const written = await store.updateStatuses([
    { kind: 'RouteTable', namespace: 'ns1', name: 'a', status },
    { kind: 'RouteTable', namespace: 'ns1', name: 'gone', status },
    { kind: 'RouteTable', namespace: 'ns1', name: 'b', status },
  ]);
  assert.deepEqual(written, [true, false, true]);
  assert.deepEqual((await store.get('RouteTable', 'ns1', 'b'))?.status, status);
  const ref = { kind: 'RouteTable', namespace: 'ns1', name: 'a' };
  await store.recordEvents([
    { ref, event: { type: 'Normal', reason: 'ACCEPTED', message: 'ok' } },
    { ref, event: { type: 'Normal', reason: 'ACCEPTED', message: 'ok' } },
  ]);
  assert.deepEqual((await store.events(ref)).map((e) => e.count), [2]);
});
