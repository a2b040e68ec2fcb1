// The Lease elector against Portico's Kubernetes API in another process, on an injected clock: one of two replicas
// leads; a leader that cannot renew stops leading after the renew deadline (before the lease expires); another
// replica takes over only after a whole lease duration with an unchanged record, counting the transition; a
// replica that stops releases the lease so the other takes it at once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { CoordinationV1Api, KubeConfig } from '@kubernetes/client-node';
import { DEFAULT_LEASE_DURATION_MS, DEFAULT_RENEW_DEADLINE_MS, DEFAULT_RETRY_PERIOD_MS, LeaderElector, openKubeStore } from '../src/index.ts';

let dir: string;
let server: ChildProcess;
const kc = new KubeConfig();
let kubeconfig: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-leader-'));
  server = spawn(process.execPath, [join(import.meta.dirname, 'support/api-server.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`API server exited ${code}`)));
  });
  kubeconfig = (JSON.parse(line) as { kubeconfig: string }).kubeconfig;
  kc.loadFromFile(kubeconfig);
});

after(() => {
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('defaults are client-go\'s: 15 s lease, 10 s renew deadline, 2 s retry; inconsistent timings are refused', () => {
  assert.deepEqual([DEFAULT_LEASE_DURATION_MS, DEFAULT_RENEW_DEADLINE_MS, DEFAULT_RETRY_PERIOD_MS], [15_000, 10_000, 2_000]);
  assert.throws(() => new LeaderElector(kc, { namespace: 'x', name: 'y', leaseDurationMs: 5_000, renewDeadlineMs: 5_000 }), /renew deadline/);
});

test('one leader; a silent leader stops leading within the lease; the other takes over after a lease duration', async () => {
  let t = 1_000_000;
  const now = () => t;
  const started: string[] = [];
  const stopped: string[] = [];
  const elector = (identity: string) => new LeaderElector(kc, { namespace: 'election', name: 'ctl', identity, now, onStartedLeading: () => started.push(identity), onStoppedLeading: () => stopped.push(identity) });
  const a = elector('a');
  const b = elector('b');
  assert.equal(await a.tryAcquireOrRenew(), true);
  assert.equal(await b.tryAcquireOrRenew(), false);
  assert.deepEqual([a.isLeader(), b.isLeader(), started], [true, false, ['a']]);
  const api = kc.makeApiClient(CoordinationV1Api);
  const lease = await api.readNamespacedLease({ namespace: 'election', name: 'ctl' });
  assert.deepEqual([lease.spec?.holderIdentity, lease.spec?.leaseDurationSeconds, lease.spec?.leaseTransitions], ['a', 15, 0]);

  t += 2_000;
  assert.equal(await a.tryAcquireOrRenew(), true, 'the leader renews');
  const renewed = await api.readNamespacedLease({ namespace: 'election', name: 'ctl' });
  assert.notEqual(renewed.metadata?.resourceVersion, lease.metadata?.resourceVersion);

  // a stops renewing (a stalled process): it stops leading after the renew deadline, before the lease runs out.
  t += DEFAULT_RENEW_DEADLINE_MS;
  assert.equal(a.isLeader(), false, 'no writes after the renew deadline without a renewal');
  assert.equal(await b.tryAcquireOrRenew(), false, 'b saw this record only now: it waits a whole lease duration');
  t += DEFAULT_LEASE_DURATION_MS;
  assert.equal(await b.tryAcquireOrRenew(), true, 'the record did not change for a lease duration: b takes it');
  const taken = await api.readNamespacedLease({ namespace: 'election', name: 'ctl' });
  assert.deepEqual([taken.spec?.holderIdentity, taken.spec?.leaseTransitions], ['b', 1]);
  assert.equal(await a.tryAcquireOrRenew(), false, 'a comes back and finds b holding a fresh lease');
  assert.deepEqual([started, stopped], [['a', 'b'], ['a']]);

  // b shuts down gracefully: it releases the lease and a takes it without waiting for expiry.
  await b.stop();
  assert.equal(b.isLeader(), false);
  assert.equal(await a.tryAcquireOrRenew(), true);
  assert.equal((await api.readNamespacedLease({ namespace: 'election', name: 'ctl' })).spec?.leaseTransitions, 2);
});

test('a follower store writes no status and no derived resource; user writes pass; once leader it writes', async () => {
  const other = new LeaderElector(kc, { namespace: 'election', name: 'gate', identity: 'other' });
  assert.equal(await other.tryAcquireOrRenew(), true);
  const store = await openKubeStore({ kubeconfig, leaderElection: { namespace: 'election', name: 'gate', identity: 'follower', leaseDurationMs: 1_500, renewDeadlineMs: 1_000, retryPeriodMs: 100 } });
  try {
    assert.equal(store.isLeader(), false);
    const rt = { apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name: 'rt', namespace: 'gate' }, spec: { hosts: ['gate.example.com'], http: [{ name: 'r', directResponse: { status: 204 } }] } };
    const user = await store.apply(rt as never);
    assert.equal(user.ok, true, 'a user write (not derived) goes through on a follower');
    const derived = await store.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'derived', namespace: 'gate', annotations: { 'portico.dev/derived-from': 'RouteTable/gate/rt' } }, data: { a: 'b' } } as never);
    assert.deepEqual([derived.ok, !derived.ok && derived.code], [false, 'STORE_CONFLICT']);
    assert.equal(await store.updateStatus('RouteTable', 'gate', 'rt', { state: 'ACCEPTED' }), false, 'a follower writes no status');
    assert.equal((await store.get('RouteTable', 'gate', 'rt'))?.status, undefined);
    assert.equal(await store.get('ConfigMap', 'gate', 'derived'), undefined, 'the derived resource was not created');

    let leading = false;
    store.onLeading(() => (leading = true));
    await other.stop(); // releases: the follower takes it at its next retry
    const end = Date.now() + 10_000;
    while (!store.isLeader() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(store.isLeader(), true, 'the follower took the released lease');
    assert.equal(leading, true, 'onLeading was called');
    assert.equal(await store.updateStatus('RouteTable', 'gate', 'rt', { state: 'ACCEPTED' }), true, 'the leader writes statuses');
  } finally {
    await store.close();
  }
});
