// The reconciler translates from its own view of the store, kept by the watch (reconciler/resource-cache.ts), not
// from a list per change: what the stages see must be exactly what the store holds, whatever the mix of creates,
// updates, deletes and status writes, and the store's callers must keep mutable objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeGlooStatus, type Resource } from '@portico/api';
import { emptyStageResult, Reconciler, type StageEntry } from '@portico/control-plane';
import type { Store } from '@portico/store';
import { tempStore } from './support/temp-store.ts';

const cm = (name: string, value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: { value } });
const policy = (name: string, header: string) => ({
  apiVersion: 'security.policy.gloo.solo.io/v2',
  kind: 'ExtAuthPolicy',
  metadata: { name, namespace: 'ns' },
  spec: { config: { glooAuth: { configs: [{ apiKeyAuth: { headerName: header } }] } } },
});

/** A stage that records every resource it was shown (as JSON, by key) and gives each policy an ACCEPTED status. */
function recordingStage(seen: { revision: number; resources: Map<string, string> }[]): StageEntry {
  return {
    name: 'extauth',
    run: (ctx) => {
      const resources = new Map<string, string>();
      for (const kind of ['ConfigMap', 'ExtAuthPolicy']) for (const r of ctx.index.list(kind)) resources.set(`${kind}/${r.metadata.name}`, JSON.stringify(r));
      seen.push({ revision: ctx.index.revision, resources });
      return {
        ...emptyStageResult(),
        statuses: ctx.index.list('ExtAuthPolicy').map((p) => ({ ref: { kind: 'ExtAuthPolicy', namespace: 'ns', name: p.metadata.name }, status: makeGlooStatus('ACCEPTED', p.metadata.generation, 'ok', 'Reconciled') })),
      };
    },
  };
}

async function stored(store: Store): Promise<Map<string, string>> {
  return new Map((await store.list()).map((r: Resource) => [`${r.kind}/${r.metadata.name}`, JSON.stringify(r)]));
}

test('the stages see exactly what the store holds after creates, updates, deletes and status writes', async (t) => {
  const store = tempStore(t);
  await store.apply(cm('before-start', 'x'));
  const seen: { revision: number; resources: Map<string, string> }[] = [];
  const rec = new Reconciler({ store, stages: [recordingStage(seen)], debounceMs: 5 });
  t.after(() => rec.stop());
  await rec.start();
  assert.deepEqual(seen.at(-1)!.resources, await stored(store));

  await store.apply(policy('p1', 'x-key'));
  await store.apply(cm('a', '1'));
  await store.apply(cm('a', '2'));
  await store.apply(policy('p2', 'x-key'));
  await store.delete('ConfigMap', 'ns', 'before-start');
  await store.apply({ ...cm('a', '2'), metadata: { ...cm('a', '2').metadata, labels: { team: 'x' } } });
  await store.updateStatus('ConfigMap', 'ns', 'a', { note: 'written by someone else' });
  await store.apply(policy('p1', 'x-other'));
  assert.equal(await rec.waitFor(), true);
  const last = seen.at(-1)!;
  assert.equal(last.revision, rec.stats.lastStoreRevision);
  // The policies' statuses were written after that translation; the ConfigMap's status write before it is seen.
  const now = await stored(store);
  for (const [key, json] of last.resources) if (key.startsWith('ConfigMap/')) assert.equal(json, now.get(key), key);
  assert.deepEqual([...last.resources.keys()].sort(), [...now.keys()].sort());
  assert.equal(JSON.parse(last.resources.get('ConfigMap/a')!).status.note, 'written by someone else');
  assert.equal(JSON.parse(last.resources.get('ExtAuthPolicy/p1')!).spec.config.glooAuth.configs[0].apiKeyAuth.headerName, 'x-other');

  // One more translation sees the statuses the reconciler wrote, exactly as stored.
  await store.apply(cm('b', '1'));
  assert.equal(await rec.waitFor(), true);
  assert.deepEqual(seen.at(-1)!.resources, await stored(store));
});

test('an unchanged status is not written again; a waitFor on a status-only revision resolves', async (t) => {
  const store = tempStore(t);
  const seen: { revision: number; resources: Map<string, string> }[] = [];
  const rec = new Reconciler({ store, stages: [recordingStage(seen)], debounceMs: 5 });
  t.after(() => rec.stop());
  await rec.start();
  await store.apply(policy('p1', 'x-key'));
  assert.equal(await rec.waitFor(), true);
  const written = (await store.get('ExtAuthPolicy', 'ns', 'p1'))!;
  assert.equal((written.status as { common: { State: { approval: string } } }).common.State.approval, 'ACCEPTED');
  // Two more translations (other resources change): p1's status is the same, so it is not rewritten.
  await store.apply(cm('a', '1'));
  assert.equal(await rec.waitFor(), true);
  await store.apply(cm('a', '2'));
  assert.equal(await rec.waitFor(), true);
  assert.equal((await store.get('ExtAuthPolicy', 'ns', 'p1'))!.metadata.resourceVersion, written.metadata.resourceVersion);
  // A changed status after those unchanged ones is written.
  await store.apply(policy('p1', 'x-other'));
  assert.equal(await rec.waitFor(), true);
  assert.equal(((await store.get('ExtAuthPolicy', 'ns', 'p1'))!.status as { common: { State: { observedGeneration: number } } }).common.State.observedGeneration, 2);
  // A status-only write (no translation input) still lets a waiter for its revision through.
  await store.updateStatus('ConfigMap', 'ns', 'a', { note: 'x' });
  assert.equal(await rec.waitFor(undefined, 2000), true);
  assert.equal(rec.stats.lastStoreRevision, await store.revision());
});

test("the store's callers keep mutable objects: the reconciler freezes its own copies", async (t) => {
  const store = tempStore(t);
  const rec = new Reconciler({ store, stages: [recordingStage([])], debounceMs: 5 });
  t.after(() => rec.stop());
  await rec.start();
  const applied = await store.apply(cm('a', '1'));
  assert.ok(applied.ok);
  const watched: Resource[] = [];
  const unwatch = store.watch((e) => watched.push(e.object));
  t.after(unwatch);
  await store.apply(cm('a', '2'));
  assert.equal(await rec.waitFor(), true);
  assert.equal(Object.isFrozen(applied.resource), false);
  applied.resource.metadata.labels.touched = 'yes';
  assert.equal(watched.length, 1);
  assert.equal(Object.isFrozen(watched[0]), false);
  assert.equal(Object.isFrozen(watched[0]!.metadata), false);
});
