// The Kubernetes API at the protocol level, for what kubectl does not show: metav1.Status bodies (Invalid causes
// naming each field, AlreadyExists, Conflict, NotFound, Unauthorized), the /status subresource, dryRun, watch from a
// resourceVersion with bookmarks, 410 Gone for a compacted one, limit/continue, and Table responses.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, test } from 'node:test';
import { caller } from './support/call.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s?.close());

const call = caller(() => s.kube, () => s.token);

/** Opens a watch and collects its events until `done(events)` or the deadline. */
function watch(path: string, done: (events: any[]) => boolean, ms = 10_000): Promise<any[]> {
  const u = new URL(s.kube.url);
  return new Promise((resolve, reject) => {
    const events: any[] = [];
    const req = request({ host: u.hostname, port: u.port, path, ca: s.kube.caPem, headers: { authorization: `Bearer ${s.token}` } }, (res) => {
      let buf = '';
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, nl)));
          buf = buf.slice(nl + 1);
          if (done(events)) {
            clearTimeout(timer);
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
      res.on('end', () => resolve(events));
    });
    const timer = setTimeout(() => (req.destroy(), reject(new Error(`watch timed out: ${JSON.stringify(events)}`))), ms);
    req.on('error', (e) => (events.length && done(events) ? undefined : reject(e)));
    req.end();
  });
}

const RT = '/apis/networking.gloo.solo.io/v2/namespaces/http/routetables';
const rt = (name: string, hosts: string[], extra: object = {}) => ({ apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name, namespace: 'http', labels: { team: name }, ...extra }, spec: { hosts, http: [{ name: 'r', directResponse: { status: 200 } }] } });

test('errors are metav1.Status with reason and code; Invalid lists a cause per field', async () => {
  const unauth = await call('GET', RT, undefined, { authorization: 'Bearer nope' });
  assert.equal(unauth.status, 401);
  assert.equal(unauth.body.reason, 'Unauthorized');
  assert.equal((await call('GET', '/healthz', undefined, { authorization: '' })).status, 200);
  const invalid = await call('POST', RT, { ...rt('bad', ['*']), spec: { hosts: ['*'], http: [{ name: 'r' }, { name: 'q', directResponse: { status: 200 } }] } });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.body.kind, 'Status');
  assert.equal(invalid.body.reason, 'Invalid');
  assert.ok(invalid.body.details.causes.length >= 2, JSON.stringify(invalid.body));
  assert.ok(invalid.body.details.causes.some((c: any) => c.field === 'spec.hosts[0]' && /\(rule: host syntax\)/.test(c.message)));
  assert.ok(invalid.body.details.causes.every((c: any) => typeof c.field === 'string' && c.field.startsWith('spec.')));
  const created = await call('POST', RT, rt('one', ['one.example.com']));
  assert.equal(created.status, 201);
  const dup = await call('POST', RT, rt('one', ['one.example.com']));
  assert.equal(dup.status, 409);
  assert.equal(dup.body.reason, 'AlreadyExists');
  const stale = await call('PUT', `${RT}/one`, rt('one', ['two.example.com'], { resourceVersion: '1' }));
  assert.equal(stale.status, 409);
  assert.equal(stale.body.reason, 'Conflict');
  const missing = await call('GET', `${RT}/nope`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.reason, 'NotFound');
  const readOnly = await call('POST', '/apis/extauth.solo.io/v1/namespaces/http/authconfigs', { apiVersion: 'extauth.solo.io/v1', kind: 'AuthConfig', metadata: { name: 'x' }, spec: {} });
  assert.equal(readOnly.status, 405);
});

test('dryRun stores nothing; /status is its own subresource; merge and JSON patches', async () => {
  const dry = await call('POST', `${RT}?dryRun=All`, rt('dry', ['dry.example.com']));
  assert.equal(dry.status, 201);
  assert.equal(await s.cp.store.get('RouteTable', 'http', 'dry'), undefined);
  const st = await call('PUT', `${RT}/one/status`, { apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name: 'one' }, status: { custom: true } });
  assert.equal(st.status, 200);
  assert.deepEqual((await s.cp.store.get('RouteTable', 'http', 'one'))?.status, { custom: true });
  const merged = await call('PATCH', `${RT}/one`, { metadata: { labels: { extra: 'yes' } } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(merged.status, 200);
  assert.deepEqual(merged.body.metadata.labels, { team: 'one', extra: 'yes' });
  const json = await call('PATCH', `${RT}/one`, [{ op: 'replace', path: '/spec/hosts/0', value: 'three.example.com' }], { 'content-type': 'application/json-patch+json' });
  assert.deepEqual(json.body.spec.hosts, ['three.example.com']);
  const smp = await call('PATCH', `${RT}/one`, {}, { 'content-type': 'application/strategic-merge-patch+json' });
  assert.equal(smp.status, 415, 'strategic merge is for the core kinds, as for CRDs');
});

test('list: limit/continue and Table; watch from a resourceVersion with bookmarks; 410 for one older than the kept history', async () => {
  for (const n of ['a', 'b', 'c']) assert.equal((await call('POST', RT, rt(n, [`${n}.example.com`]))).status, 201);
  const page1 = await call('GET', `${RT}?limit=2`);
  assert.equal(page1.body.items.length, 2);
  assert.ok(page1.body.metadata.continue);
  const page2 = await call('GET', `${RT}?limit=2&continue=${encodeURIComponent(page1.body.metadata.continue)}`);
  assert.deepEqual([...page1.body.items, ...page2.body.items].map((i: any) => i.metadata.name), ['a', 'b', 'c', 'one']);
  assert.equal(page2.body.metadata.continue, undefined);
  const table = await call('GET', `${RT}?labelSelector=team%20in%20(a,b)`, undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
  assert.equal(table.body.kind, 'Table');
  assert.deepEqual(table.body.columnDefinitions.map((c: any) => c.name), ['Name', 'Status', 'Hosts', 'Routes', 'Api product', 'Age']);
  assert.deepEqual(table.body.rows.map((r: any) => r.cells[0]), ['a', 'b']);

  const rv = page1.body.metadata.resourceVersion;
  const events = watch(`${RT}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`, (ev) => ev.some((e) => e.type === 'DELETED') && ev.some((e) => e.type === 'BOOKMARK'));
  await call('DELETE', `${RT}/a`);
  const got = await events;
  const changes = got.filter((e) => e.type !== 'BOOKMARK');
  assert.equal(changes.at(-1).type, 'DELETED');
  assert.equal(changes.at(-1).object.metadata.name, 'a');
  assert.ok(got.find((e) => e.type === 'BOOKMARK').object.metadata.resourceVersion);

  const gone = await watch(`${RT}?watch=true&resourceVersion=0`.replace('=0', '=-5'), (ev) => ev.length > 0);
  assert.equal(gone[0].type, 'ERROR');
  assert.equal(gone[0].object.code, 410);
  assert.equal(gone[0].object.reason, 'Expired');
});

test('watch with a label selector: an object that stops matching is DELETED, one that starts matching ADDED', async () => {
  const list = await call('GET', `${RT}?labelSelector=team%3Db`);
  const events = watch(`${RT}?watch=true&labelSelector=team%3Db&resourceVersion=${list.body.metadata.resourceVersion}`, (ev) => ev.length >= 2);
  await call('PATCH', `${RT}/b`, { metadata: { labels: { team: 'x' } } }, { 'content-type': 'application/merge-patch+json' });
  await call('PATCH', `${RT}/c`, { metadata: { labels: { team: 'b' } } }, { 'content-type': 'application/merge-patch+json' });
  const got = (await events).map((e) => `${e.type} ${e.object.metadata.name}`);
  assert.deepEqual(got, ['DELETED b', 'ADDED c']);
});
