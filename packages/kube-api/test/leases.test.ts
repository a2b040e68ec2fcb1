// coordination.k8s.io/v1 Lease as leader electors use it: discovery lists it; create, get, list, update with
// optimistic concurrency (a stale resourceVersion is a 409 Conflict); bad specs are 422 naming the field.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './support/server.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s?.close());

function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const u = new URL(s.kube.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, ca: s.kube.caPem, headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const base = '/apis/coordination.k8s.io/v1/namespaces/portico/leases';
const lease = (spec: Record<string, unknown>, resourceVersion?: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'ctl', namespace: 'portico', ...(resourceVersion ? { resourceVersion } : {}) }, spec });

test('discovery serves coordination.k8s.io/v1 leases', async () => {
  const groups = await call('GET', '/apis');
  assert.ok(groups.body.groups.some((g: { name: string }) => g.name === 'coordination.k8s.io'));
  const list = await call('GET', '/apis/coordination.k8s.io/v1');
  const r = list.body.resources.find((x: { name: string }) => x.name === 'leases');
  assert.deepEqual([r.kind, r.namespaced, [...r.verbs].sort()], ['Lease', true, ['create', 'delete', 'get', 'list', 'update']]);
});

test('create, get, list and update with resourceVersion conflicts', async () => {
  assert.equal((await call('GET', `${base}/ctl`)).status, 404);
  const created = await call('POST', base, lease({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 }));
  assert.equal(created.status, 201);
  assert.equal(created.body.spec.holderIdentity, 'a');
  const again = await call('POST', base, lease({ holderIdentity: 'b' }));
  assert.deepEqual([again.status, again.body.reason], [409, 'AlreadyExists']);
  const rv1 = created.body.metadata.resourceVersion as string;
  const updated = await call('PUT', `${base}/ctl`, lease({ holderIdentity: 'b', leaseDurationSeconds: 15, leaseTransitions: 1 }, rv1));
  assert.equal(updated.status, 200);
  assert.notEqual(updated.body.metadata.resourceVersion, rv1);
  assert.equal(updated.body.metadata.uid, created.body.metadata.uid);
  const stale = await call('PUT', `${base}/ctl`, lease({ holderIdentity: 'c' }, rv1));
  assert.deepEqual([stale.status, stale.body.reason], [409, 'Conflict'], 'a write based on an old resourceVersion loses');
  assert.equal((await call('GET', `${base}/ctl`)).body.spec.holderIdentity, 'b');
  const list = await call('GET', base);
  assert.deepEqual(list.body.items.map((l: { metadata: { name: string } }) => l.metadata.name), ['ctl']);
  assert.equal((await call('GET', '/apis/coordination.k8s.io/v1/namespaces/other/leases')).body.items.length, 0);
});

test('a bad spec is 422 naming the field; watch is not served', async () => {
  const bad = await call('POST', base, { ...lease({ leaseDurationSeconds: 'long' }), metadata: { name: 'bad' } });
  assert.equal(bad.status, 422);
  assert.match(bad.body.message, /spec\.leaseDurationSeconds/);
  const unknown = await call('POST', base, { ...lease({ holder: 'x' }), metadata: { name: 'bad' } });
  assert.match(unknown.body.message, /spec\.holder: unknown field/);
  assert.equal((await call('GET', `${base}?watch=true`)).status, 405);
});
