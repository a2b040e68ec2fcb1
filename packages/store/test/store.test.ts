import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteStore, type WatchEvent } from '@portico/store';
import { routeTable, tempDir } from './helpers.ts';

const spec = { hosts: ['api.example.com'], http: [{ name: 'a', directResponse: { status: 200 } }] };

test('apply creates with uid, generation 1, resourceVersion and creationTimestamp; persists across close/reopen', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  const r = await store.apply(routeTable('rt1', spec, { team: 'a' }));
  assert.equal(r.ok, true);
  assert.ok(r.ok);
  assert.equal(r.action, 'created');
  const m = r.resource.metadata;
  assert.match(m.uid, /^[0-9a-f-]{36}$/);
  assert.equal(m.generation, 1);
  assert.equal(m.namespace, 'ns1');
  assert.ok(Number(m.resourceVersion) > 0);
  assert.ok(!Number.isNaN(Date.parse(m.creationTimestamp)));
  await store.updateStatus('RouteTable', 'ns1', 'rt1', { common: { State: { approval: 'ACCEPTED', observedGeneration: 1 } } });
  await store.close();

  const reopened = openSqliteStore({ dir });
  t.after(() => reopened.close());
  const got = await reopened.get('RouteTable', 'ns1', 'rt1');
  assert.deepEqual(got?.spec, spec);
  assert.equal(got?.metadata.uid, m.uid);
  assert.deepEqual(got?.metadata.labels, { team: 'a' });
  assert.deepEqual(got?.status, { common: { State: { approval: 'ACCEPTED', observedGeneration: 1 } } });
  assert.equal((await reopened.list('RouteTable')).length, 1);
});

test('generation bumps only on spec change; labels change resourceVersion only; same spec with other key order is unchanged', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  const first = await store.apply(routeTable('rt1', spec));
  assert.ok(first.ok);
  const reordered = await store.apply(routeTable('rt1', { http: spec.http, hosts: spec.hosts }));
  assert.ok(reordered.ok);
  assert.equal(reordered.action, 'unchanged');
  assert.equal(reordered.resource.metadata.resourceVersion, first.resource.metadata.resourceVersion);
  const relabel = await store.apply(routeTable('rt1', spec, { x: 'y' }));
  assert.ok(relabel.ok);
  assert.equal(relabel.action, 'configured');
  assert.equal(relabel.resource.metadata.generation, 1);
  assert.ok(Number(relabel.resource.metadata.resourceVersion) > Number(first.resource.metadata.resourceVersion));
  const changed = await store.apply(routeTable('rt1', { ...spec, weight: 5 }, { x: 'y' }));
  assert.ok(changed.ok);
  assert.equal(changed.resource.metadata.generation, 2);
  await store.updateStatus('RouteTable', 'ns1', 'rt1', { common: { State: { approval: 'ACCEPTED', observedGeneration: 2 } } });
  const afterStatus = await store.get('RouteTable', 'ns1', 'rt1');
  assert.equal(afterStatus?.metadata.generation, 2, 'updateStatus never bumps generation');
  assert.equal(afterStatus?.metadata.uid, first.resource.metadata.uid);
  assert.equal(await store.updateStatus('RouteTable', 'ns1', 'missing', {}), false);
});

test('delete then re-create gives a new uid and generation 1', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  const a = await store.apply(routeTable('rt1', spec));
  assert.equal(await store.delete('RouteTable', 'ns1', 'rt1'), true);
  assert.equal(await store.delete('RouteTable', 'ns1', 'rt1'), false);
  assert.equal(await store.get('RouteTable', 'ns1', 'rt1'), undefined);
  const b = await store.apply(routeTable('rt1', { ...spec, weight: 1 }));
  assert.ok(a.ok && b.ok);
  assert.notEqual(a.resource.metadata.uid, b.resource.metadata.uid);
  assert.equal(b.resource.metadata.generation, 1);
});

test('watch delivers live changes in order, replays from a revision, and flags status-only changes', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  await store.apply(routeTable('rt0', spec));
  const start = await store.revision();
  const live: WatchEvent[] = [];
  const stop = store.watch((e) => live.push(e));
  await store.apply(routeTable('rt1', spec));
  await store.updateStatus('RouteTable', 'ns1', 'rt1', { common: { State: { approval: 'ACCEPTED', observedGeneration: 1 } } });
  await store.delete('RouteTable', 'ns1', 'rt1');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(live.map((e) => [e.type, e.object.metadata.name, e.statusOnly]), [
    ['ADDED', 'rt1', false],
    ['MODIFIED', 'rt1', true],
    ['DELETED', 'rt1', false],
  ]);
  assert.deepEqual(live.map((e) => e.revision), [start + 1, start + 2, start + 3]);
  stop();
  await store.apply(routeTable('rt2', spec));
  await new Promise((r) => setImmediate(r));
  assert.equal(live.length, 3, 'no delivery after unsubscribe');

  const replayed: WatchEvent[] = [];
  const stop2 = store.watch((e) => replayed.push(e), start);
  await new Promise((r) => setImmediate(r));
  stop2();
  assert.deepEqual(replayed.map((e) => e.revision), [start + 1, start + 2, start + 3, start + 4]);
});

test('events: repeats bump count; deleting the resource removes its events', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  await store.apply(routeTable('rt1', spec));
  const ref = { kind: 'RouteTable', namespace: 'ns1', name: 'rt1' };
  await store.recordEvent(ref, { type: 'Normal', reason: 'Accepted', message: 'ok' });
  await store.recordEvent(ref, { type: 'Normal', reason: 'Accepted', message: 'ok' });
  await store.recordEvent(ref, { type: 'Warning', reason: 'Invalid', message: 'bad' });
  const ev = await store.events(ref);
  assert.deepEqual(ev.map((e) => [e.type, e.reason, e.count]), [['Normal', 'Accepted', 2], ['Warning', 'Invalid', 1]]);
  await store.delete('RouteTable', 'ns1', 'rt1');
  assert.deepEqual(await store.events(ref), []);
});

test('ConfigMap/Secret keep data; generation bumps on data change', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'opa', namespace: 'ns1' }, data: { 'policy.rego': 'package test' } };
  const a = await store.apply(cm);
  const b = await store.apply({ ...cm, data: { 'policy.rego': 'package test2' } });
  assert.ok(a.ok && b.ok);
  assert.equal(b.resource.metadata.generation, 2);
  assert.deepEqual(b.resource.data, { 'policy.rego': 'package test2' });
  assert.equal('spec' in b.resource, false);
});

test('invalid input and a closed store are reported with codes', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  const bad = await store.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' } });
  assert.deepEqual(bad.ok ? null : bad.code, 'STORE_INVALID_INPUT');
  await store.close();
  await assert.rejects(store.get('ConfigMap', 'a', 'b'), { code: 'STORE_CLOSED' });
});

test('apply preconditions: create refuses an existing object, update a missing one, a stale resourceVersion conflicts', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const store = openSqliteStore({ dir });
  t.after(() => store.close());
  const missing = await store.apply(routeTable('rt1', spec), { mode: 'update' });
  assert.deepEqual(missing.ok ? null : missing.code, 'STORE_NOT_FOUND');
  const created = await store.apply(routeTable('rt1', spec), { mode: 'create' });
  assert.ok(created.ok);
  const again = await store.apply(routeTable('rt1', spec), { mode: 'create' });
  assert.equal(again.ok ? null : again.code, 'STORE_ALREADY_EXISTS');
  const rv = created.resource.metadata.resourceVersion;
  const changed = { ...spec, hosts: ['b.example.com'] };
  const fresh = await store.apply(routeTable('rt1', changed), { resourceVersion: rv });
  assert.ok(fresh.ok && fresh.action === 'configured');
  const stale = await store.apply(routeTable('rt1', spec), { resourceVersion: rv });
  assert.equal(stale.ok ? null : stale.code, 'STORE_CONFLICT');
  assert.deepEqual((await store.get('RouteTable', 'ns1', 'rt1'))?.spec, changed, 'the stale write changed nothing');
  assert.ok((await store.oldestRevision()) <= Number(rv));
});
