// A Kubernetes client library's informer (@kubernetes/client-node's list-watch) against the Kubernetes API: it sees
// add, update and delete in order, and after the server drops its connection it resumes from its resourceVersion
// without missing a change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CustomObjectsApi, KubeConfig, makeInformer, type KubernetesObject } from '@kubernetes/client-node';
import { startTestServer, type TestServer } from './support/server.ts';
import { until as poll } from '@portico/testing';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s?.close());

const rt = (name: string, host: string) => ({
  apiVersion: 'networking.gloo.solo.io/v2',
  kind: 'RouteTable',
  metadata: { name, namespace: 'informer' },
  spec: { hosts: [host], http: [{ name: 'r', directResponse: { status: 200 } }] },
});

/** Resolves when `cond()` holds, polling every 20 ms, failing after 10 s. */
const until = (cond: () => boolean, what: () => string) => poll(() => (cond() ? true : undefined), what, 10_000, 20);

test('informer: add, update, delete in order; resumes after a dropped connection', async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(s.kubeconfig);
  const api = kc.makeApiClient(CustomObjectsApi);
  const group = 'networking.gloo.solo.io';
  const list = () => api.listNamespacedCustomObject({ group, version: 'v2', namespace: 'informer', plural: 'routetables' }) as Promise<{ metadata: { resourceVersion: string }; items: KubernetesObject[] }>;
  const informer = makeInformer(kc, `/apis/${group}/v2/namespaces/informer/routetables`, list);
  const seen: string[] = [];
  let connects = 0;
  let errors = 0;
  informer.on('add', (o) => seen.push(`add ${o.metadata!.name}`));
  informer.on('update', (o) => seen.push(`update ${o.metadata!.name} ${(o as unknown as { spec: { hosts: string[] } }).spec.hosts[0]}`));
  informer.on('delete', (o) => seen.push(`delete ${o.metadata!.name}`));
  informer.on('connect', () => connects++);
  // client-node stops on a watch error; restarting resumes from the last resourceVersion (its documented pattern).
  let stopped = false;
  informer.on('error', () => {
    errors++;
    if (!stopped) setTimeout(() => void informer.start(), 20);
  });
  await informer.start();
  try {
    const created = await api.createNamespacedCustomObject({ group, version: 'v2', namespace: 'informer', plural: 'routetables', body: rt('a', 'a.example.com') });
    assert.equal((created as { metadata: { name: string } }).metadata.name, 'a');
    await api.replaceNamespacedCustomObject({ group, version: 'v2', namespace: 'informer', plural: 'routetables', name: 'a', body: { ...rt('a', 'b.example.com'), metadata: { ...rt('a', '').metadata, resourceVersion: (created as { metadata: { resourceVersion: string } }).metadata.resourceVersion } } });
    await api.deleteNamespacedCustomObject({ group, version: 'v2', namespace: 'informer', plural: 'routetables', name: 'a' });
    await until(() => seen.includes('delete a'), () => seen.join(', '));
    // Status writes by the control plane are updates too; collapsed, the changes arrive in the order they were made.
    assert.deepEqual(seen.filter((e, i) => e !== seen[i - 1]), ['add a', 'update a a.example.com', 'update a b.example.com', 'delete a']);

    // Drop every connection (the watch included); a change made while the informer reconnects is still delivered.
    const before = connects + errors;
    s.kube.server.closeAllConnections();
    await s.cp.store.apply(rt('b', 'c.example.com'));
    await until(() => seen.includes('add b'), () => `${seen.join(', ')} (connects ${connects}, errors ${errors})`);
    assert.ok(connects + errors > before, 'the informer reconnected');
    assert.equal(informer.get('b', 'informer')?.metadata?.name, 'b');
    assert.equal(informer.get('a', 'informer'), undefined);
  } finally {
    stopped = true;
    await informer.stop();
  }
});
