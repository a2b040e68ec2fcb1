// The orchestrator and reconciler with explicit stage lists: ordering, failure isolation, default statuses,
// derived resources (upsert with status, prune when no longer produced).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeGlooStatus } from '@portico/api';
import { buildResourceIndex, DERIVED_FROM_ANNOTATION, emptyStageResult, Reconciler, runTranslation, type StageEntry } from '@portico/control-plane';
import { tempStore } from './support/temp-store.ts';

const policy = (name: string) => ({ apiVersion: 'security.policy.gloo.solo.io/v2', kind: 'ExtAuthPolicy', metadata: { name, namespace: 'ns' }, spec: { config: { glooAuth: { configs: [{ apiKeyAuth: {} }] } } } });

test('stages run in order and see earlier parts; a throwing stage keeps the previous parts and is reported', async (t) => {
  const store = tempStore(t);
  await store.apply(policy('p1'));
  const index = buildResourceIndex(await store.list(), await store.revision());
  const order: string[] = [];
  const stages: StageEntry[] = [
    { name: 'routes', run: () => (order.push('routes'), { ...emptyStageResult(), parts: { gateway: { revision: 0, virtualHosts: [{ name: 'vh', domains: ['a'], routes: [] }] } } }) },
    { name: 'extauth', run: (ctx) => (order.push(`extauth saw ${ctx.parts.gateway.virtualHosts.length}`), (() => { throw new Error('boom'); })()) },
  ];
  const out = runTranslation(stages, index, null, new Date().toISOString());
  assert.deepEqual(order, ['routes', 'extauth saw 1']);
  assert.equal(out.failures.length, 1);
  assert.equal(out.failures[0]!.code, 'CP_STAGE_FAILED');
  assert.match(out.failures[0]!.message, /stage extauth failed: Error: boom/);
  assert.equal(out.parts.gateway.virtualHosts.length, 1);
});

test('kinds of a stage that ran and said nothing about them get ACCEPTED; no stage, no status', async (t) => {
  const store = tempStore(t);
  await store.apply(policy('p1'));
  const index = buildResourceIndex(await store.list(), await store.revision());
  const without = runTranslation([], index, null, '');
  assert.equal(without.statuses.length, 0);
  const withStage = runTranslation([{ name: 'extauth', run: () => emptyStageResult() }], index, null, '');
  assert.equal((withStage.statuses[0]!.status as any).common.State.approval, 'ACCEPTED');
});

test('derived resources are stored with their owner and status, and pruned when no longer produced', async (t) => {
  const store = tempStore(t);
  await store.apply(policy('p1'));
  await store.apply(policy('p2'));
  const derive: StageEntry = {
    name: 'extauth',
    run: (ctx) => ({
      ...emptyStageResult(),
      derivedKinds: ['AuthConfig'],
      statuses: ctx.index.list('ExtAuthPolicy').map((p) => ({ ref: { kind: 'ExtAuthPolicy', namespace: 'ns', name: p.metadata.name }, status: makeGlooStatus('ACCEPTED', p.metadata.generation, 'ok', 'Reconciled') })),
      derived: ctx.index.list('ExtAuthPolicy').map((p) => ({
        owner: { kind: 'ExtAuthPolicy', namespace: 'ns', name: p.metadata.name },
        resource: { apiVersion: 'extauth.solo.io/v1', kind: 'AuthConfig', metadata: { name: `${p.metadata.name}-ac`, namespace: 'ns' }, spec: (p.spec as any).config.glooAuth },
        status: { state: 'ACCEPTED', reason: '', observedGeneration: 0 },
      })),
    }),
  };
  const rec = new Reconciler({ store, stages: [derive], debounceMs: 5 });
  t.after(() => rec.stop());
  await rec.start();
  await rec.waitFor();
  const acs = await store.list('AuthConfig');
  assert.deepEqual(acs.map((a) => a.metadata.name), ['p1-ac', 'p2-ac']);
  assert.equal(acs[0]!.metadata.annotations[DERIVED_FROM_ANNOTATION], 'ExtAuthPolicy/ns/p1');
  assert.deepEqual(acs[0]!.status, { state: 'ACCEPTED', reason: '', observedGeneration: 1 });
  await store.delete('ExtAuthPolicy', 'ns', 'p2');
  await rec.waitFor();
  assert.deepEqual((await store.list('AuthConfig')).map((a) => a.metadata.name), ['p1-ac']);
  assert.equal(((await store.get('ExtAuthPolicy', 'ns', 'p1'))!.status as any).common.State.approval, 'ACCEPTED');
});

test('after a burst of writes the reconciler catches up with the last revision', async (t) => {
  const store = tempStore(t);
  let runs = 0;
  const rec = new Reconciler({ store, stages: [{ name: 'routes', run: () => (runs++, emptyStageResult()) }], debounceMs: 30 });
  t.after(() => rec.stop());
  await rec.start();
  const startRuns = runs;
  for (let i = 0; i < 20; i++) await store.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'ns' }, data: {} });
  await rec.waitFor();
  assert.ok(runs > startRuns);
  assert.equal(rec.stats.lastStoreRevision, await store.revision());
});

test('a store refusing status writes does not hold a new snapshot back from the data planes', async (t) => {
  const real = tempStore(t);
  // The real store, with its status writes failing (as when the disk is full or the API server refuses them).
  const store = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'updateStatuses') return () => Promise.reject(new Error('disk full'));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const errors: string[] = [];
  const routes: StageEntry = {
    name: 'routes',
    run: (ctx) => ({
      ...emptyStageResult(),
      statuses: ctx.index.list('ExtAuthPolicy').map((p) => ({ ref: { kind: 'ExtAuthPolicy', namespace: 'ns', name: p.metadata.name }, status: makeGlooStatus('ACCEPTED', 1, 'ok', 'Reconciled') })),
      parts: { gateway: { revision: 0, virtualHosts: ctx.index.list('ExtAuthPolicy').map((p) => ({ name: p.metadata.name, domains: ['a'], routes: [] })) } },
    }),
  };
  const rec = new Reconciler({ store, stages: [routes], debounceMs: 5, onError: (e) => errors.push(e.code) });
  t.after(() => rec.stop());
  const seen: string[][] = [];
  rec.subscribe((s) => seen.push(s.gateway.virtualHosts.map((v) => v.name)));
  await rec.start();
  await real.apply(policy('p1'));
  assert.equal(await rec.waitFor(), true);
  assert.deepEqual(seen.at(-1), ['p1']);
  assert.ok(errors.includes('CP_STATUS_WRITE_FAILED'), errors.join());
  assert.equal((await real.get('ExtAuthPolicy', 'ns', 'p1'))!.status, undefined);
});

test('an unchanged virtual host keeps its object across snapshots; a changed one is new; duplicates are never shared', async (t) => {
  const store = tempStore(t);
  // One virtual host per ConfigMap (its data is the host's domain), plus two hosts that share a name.
  const routes: StageEntry = {
    name: 'routes',
    run: (ctx) => ({
      ...emptyStageResult(),
      parts: {
        gateway: {
          revision: 0,
          virtualHosts: [
            ...ctx.index.list('ConfigMap').map((c) => ({ name: c.metadata.name, domains: [String(c.data?.domain)], routes: [] })),
            { name: 'twin', domains: ['t1'], routes: [] },
            { name: 'twin', domains: ['t2'], routes: [] },
          ],
        },
      },
    }),
  };
  const cm = (name: string, domain: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: { domain } });
  await store.apply(cm('a', 'a.example.com'));
  await store.apply(cm('b', 'b.example.com'));
  const rec = new Reconciler({ store, stages: [routes], debounceMs: 5 });
  t.after(() => rec.stop());
  await rec.start();
  await rec.waitFor();
  const first = rec.current()!.gateway.virtualHosts;
  await store.apply(cm('b', 'b2.example.com'));
  await rec.waitFor();
  const second = rec.current()!.gateway.virtualHosts;
  assert.notEqual(rec.current()!.revision, 1);
  assert.equal(second[0], first[0], 'unchanged host a is the same object');
  assert.notEqual(second[1], first[1], 'changed host b is a new object');
  assert.deepEqual(second[1]!.domains, ['b2.example.com']);
  assert.notEqual(second[2], first[2], 'a duplicated name is never shared');
  assert.ok(Object.isFrozen(second[1]));
});
