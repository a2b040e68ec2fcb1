// What a controller in another process (`portico up --kubernetes`) writes, served as kube-apiserver serves it:
// derived AuthConfigs (only when the server's control plane is external), metadata.ownerReferences kept and
// validated, core v1 Events created about stored objects, and an audit log of every write naming its fieldManager.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensureToken, startKubeApi, type KubeApi } from '@portico/kube-api';
import { openSqliteStore, type Store } from '@portico/store';
import { caller } from './support/call.ts';

interface Server {
  kube: KubeApi;
  store: Store;
  token: string;
}
let dir: string;
let external: Server;
let embedded: Server;
const auditLog = () => join(dir, 'external', 'audit.log');

async function start(name: string, controller: 'embedded' | 'external'): Promise<Server> {
  const stateDir = join(dir, name);
  const store = openSqliteStore({ dir: stateDir });
  const token = ensureToken(join(stateDir, 'token'));
  const kube = await startKubeApi({ store, token, stateDir, port: 0, kubeconfigPath: null, controller, ...(controller === 'external' ? { auditLogPath: join(stateDir, 'audit.log') } : {}) });
  return { kube, store, token };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-kube-controller-'));
  external = await start('external', 'external');
  embedded = await start('embedded', 'embedded');
});
after(async () => {
  for (const s of [external, embedded]) {
    await s?.kube.close();
    await s?.store.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const call = caller(() => external.kube, () => external.token);
const callEmbedded = caller(() => embedded.kube, () => embedded.token);
const RT = '/apis/networking.gloo.solo.io/v2/namespaces/ctl/routetables';
const AC = '/apis/extauth.solo.io/v1/namespaces/ctl/authconfigs';
const EVENTS = '/api/v1/namespaces/ctl/events';
const rt = (name: string, metadata: object = {}) => ({ apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name, namespace: 'ctl', ...metadata }, spec: { hosts: [`${name}.example.com`], http: [{ name: 'r', directResponse: { status: 200 } }] } });
const ac = (name: string, metadata: object = {}) => ({ apiVersion: 'extauth.solo.io/v1', kind: 'AuthConfig', metadata: { name, namespace: 'ctl', ...metadata }, spec: { configs: [{ apiKeyAuth: { headerName: 'api-key' } }] } });

test('AuthConfig is written by an external controller only; discovery says so', async () => {
  const refused = await callEmbedded('POST', AC, ac('derived'));
  assert.equal(refused.status, 405, JSON.stringify(refused.body));
  assert.equal(refused.body.reason, 'MethodNotAllowed');
  const created = await call('POST', `${AC}?fieldManager=portico-controller`, ac('derived'));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const status = await call('PUT', `${AC}/derived/status`, { ...created.body, status: { state: 'ACCEPTED', observedGeneration: 1 } });
  assert.equal(status.status, 200, JSON.stringify(status.body));
  assert.equal((await call('GET', `${AC}/derived`)).body.status.state, 'ACCEPTED');
  const verbs = async (c: typeof call) => (await c('GET', '/apis/extauth.solo.io/v1')).body.resources.find((r: { name: string }) => r.name === 'authconfigs').verbs as string[];
  assert.ok((await verbs(call)).includes('create'));
  assert.deepEqual(await verbs(callEmbedded), ['get', 'list', 'watch']);
});

test('ownerReferences are kept, shown, validated, carried over by a patch and replaced by a PUT', async () => {
  const owner = await call('POST', RT, rt('owner'));
  assert.equal(owner.status, 201);
  const ref = { apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', name: 'owner', uid: owner.body.metadata.uid, controller: true, blockOwnerDeletion: false };
  const owned = await call('POST', AC, ac('owned', { ownerReferences: [ref] }));
  assert.equal(owned.status, 201, JSON.stringify(owned.body));
  assert.deepEqual(owned.body.metadata.ownerReferences, [ref]);
  assert.equal(owned.body.metadata.annotations, undefined, 'kept out of sight: no annotation on the wire');
  const patched = await call('PATCH', `${AC}/owned`, { metadata: { labels: { a: 'b' } } }, { 'content-type': 'application/merge-patch+json' });
  assert.deepEqual(patched.body.metadata.ownerReferences, [ref]);
  const { ownerReferences: _dropped, ...metadata } = patched.body.metadata;
  const put = await call('PUT', `${AC}/owned`, { ...patched.body, metadata });
  assert.equal(put.status, 200);
  assert.equal(put.body.metadata.ownerReferences, undefined, 'a PUT without ownerReferences removes them');

  const two = await call('POST', RT, rt('two-controllers', { ownerReferences: [ref, { ...ref, name: 'other', uid: 'u2' }] }));
  assert.equal(two.status, 422);
  assert.match(two.body.details.causes[0].message, /Only one reference can have Controller set to true/);
  const noUid = await call('POST', RT, rt('no-uid', { ownerReferences: [{ ...ref, uid: '' }] }));
  assert.equal(noUid.status, 422);
  assert.deepEqual(noUid.body.details.causes.map((c: { field: string }) => c.field), ['metadata.ownerReferences[0].uid']);
});

test('core v1 Events about stored objects are created, counted and listed', async () => {
  await call('POST', RT, rt('evented'));
  const event = { apiVersion: 'v1', kind: 'Event', metadata: { generateName: 'evented.', namespace: 'ctl' }, involvedObject: { kind: 'RouteTable', namespace: 'ctl', name: 'evented' }, type: 'Normal', reason: 'ACCEPTED', message: 'accepted', source: { component: 'portico-controller' } };
  const first = await call('POST', `${EVENTS}?fieldManager=portico-controller`, event);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.match(first.body.metadata.name, /^evented\./);
  assert.equal(first.body.count, 1);
  assert.equal((await call('POST', EVENTS, event)).body.count, 2, 'a repeat counts');
  const listed = await call('GET', `${EVENTS}?fieldSelector=involvedObject.kind=RouteTable,involvedObject.name=evented`);
  assert.deepEqual(listed.body.items.map((e: { reason: string; count: number }) => [e.reason, e.count]), [['ACCEPTED', 2]]);

  const missing = await call('POST', EVENTS, { ...event, involvedObject: { kind: 'RouteTable', name: 'nowhere' } });
  assert.equal(missing.status, 422);
  assert.equal(missing.body.details.causes[0].field, 'involvedObject');
  assert.equal((await call('PUT', `${EVENTS}/${first.body.metadata.name}`, first.body)).status, 405, 'events are not updated');
  const badType = await call('POST', EVENTS, { ...event, type: 'Loud' });
  assert.equal(badType.status, 422);
  assert.equal(badType.body.details.causes[0].field, 'type');
});

test('every write is audited (verb, objectRef with subresource, fieldManager in requestURI); reads are not', async () => {
  await call('GET', RT);
  await external.kube.close(); // flushes the log
  const lines = readFileSync(auditLog(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { apiVersion: string; verb: string; requestURI: string; objectRef: { resource: string; name?: string; subresource?: string }; responseStatus: { code: number } });
  assert.ok(lines.every((l) => l.apiVersion === 'audit.k8s.io/v1' && l.verb !== 'get' && l.verb !== 'list'));
  const statusWrite = lines.find((l) => l.objectRef.subresource === 'status');
  assert.deepEqual(statusWrite && [statusWrite.verb, statusWrite.objectRef.resource, statusWrite.objectRef.name, statusWrite.responseStatus.code], ['update', 'authconfigs', 'derived', 200]);
  assert.ok(lines.some((l) => l.verb === 'create' && l.objectRef.resource === 'events' && /fieldManager=portico-controller/.test(l.requestURI)));
  assert.ok(lines.some((l) => l.verb === 'create' && l.objectRef.resource === 'routetables' && l.responseStatus.code === 422), 'refused writes too');
  assert.ok(lines.some((l) => l.verb === 'update' && l.objectRef.resource === 'events' && l.responseStatus.code === 405), 'and writes the resource does not serve');
});
