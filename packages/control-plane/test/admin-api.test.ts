// The admin HTTP API over real HTTP on an ephemeral port, backed by the real SQLite store and reconciler.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startControlPlane, type ControlPlane } from '@portico/control-plane';
import { aliasBomb } from '../../api/test/support/alias-bomb.ts';

async function start(t: { after: (f: () => unknown) => void }): Promise<{ cp: ControlPlane; url: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cp-'));
  const cp = await startControlPlane({ stateDir: dir, admin: { port: 0 }, debounceMs: 5 });
  t.after(async () => {
    await cp.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { cp, url: cp.admin!.url, dir };
}

async function call(url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, json: await res.json() };
}

const batch = `
apiVersion: v1
kind: ConfigMap
metadata: {name: opa, namespace: ns1}
data: {policy.rego: "package test"}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: broken, namespace: ns1}
spec:
  hosts: ["*"]
  http: [{name: r, directResponse: {status: 200}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: good, namespace: ns1}
spec:
  hosts: ["api.example.com"]
  http: [{name: r, directResponse: {status: 200, body: ok}}]
`;

test('apply: a failing document does not stop the rest; per-document results name file, index, path and rule', async (t) => {
  const { url } = await start(t);
  const r = await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'batch.yaml', content: batch }] }));
  assert.equal(r.status, 422);
  assert.equal(r.json.code, 'CP_INVALID_MANIFEST');
  assert.deepEqual(r.json.results.map((x: any) => [x.index, x.ok, x.kind, x.name, x.action ?? x.code]), [
    [0, true, 'ConfigMap', 'opa', 'created'],
    [1, false, 'RouteTable', 'broken', 'API_INVALID'],
    [2, true, 'RouteTable', 'good', 'created'],
  ]);
  assert.deepEqual(r.json.results[1].issues, [{ path: 'spec.hosts[0]', rule: 'host syntax', message: 'a bare "*" host is not allowed; use a left-most wildcard such as "*.example.com"' }]);
  assert.equal(r.json.results[1].file, 'batch.yaml');

  const list = await call(url, 'GET', '/v1/resources/rt/ns1');
  assert.deepEqual(list.json.items.map((i: any) => i.metadata.name), ['good']);
  const again = await call(url, 'POST', '/v1/apply?file=again.yaml', batch.split('---')[2]!, { 'content-type': 'application/yaml' });
  assert.equal(again.status, 200);
  assert.deepEqual(again.json.results.map((x: any) => [x.file, x.action]), [['again.yaml', 'unchanged']]);
});

test('get / list across namespaces / label selector / delete', async (t) => {
  const { url } = await start(t);
  const docs = ['a', 'b'].map((ns) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ${ns}, labels: {team: ${ns}}}\ndata: {k: v}\n`).join('---\n');
  assert.equal((await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'x', content: docs }] }))).status, 200);
  assert.equal((await call(url, 'GET', '/v1/resources/configmaps')).json.items.length, 2);
  assert.deepEqual((await call(url, 'GET', '/v1/resources/cm?labelSelector=team%3Db')).json.items.map((i: any) => i.metadata.namespace), ['b']);
  const one = await call(url, 'GET', '/v1/resources/ConfigMap/a/cm');
  assert.deepEqual(one.json.resource.data, { k: 'v' });
  assert.equal(one.json.resource.metadata.generation, 1);
  assert.equal((await call(url, 'DELETE', '/v1/resources/cm/a/cm')).status, 200);
  const gone = await call(url, 'GET', '/v1/resources/cm/a/cm');
  assert.deepEqual([gone.status, gone.json.code], [404, 'CP_NOT_FOUND']);
  assert.equal((await call(url, 'DELETE', '/v1/resources/cm/a/cm')).status, 404);
});

test('bad requests get 4xx JSON errors with codes', async (t) => {
  const { url } = await start(t);
  const cases: [string, string, string | undefined, number, string][] = [
    ['GET', '/v1/resources/widgets', undefined, 404, 'CP_UNKNOWN_KIND'],
    ['POST', '/v1/apply', '{not json', 400, 'CP_BAD_REQUEST'],
    ['POST', '/v1/apply', '{"documents":[{"file":"x"}]}', 400, 'CP_BAD_REQUEST'],
    ['GET', '/v1/apply', undefined, 405, 'CP_METHOD_NOT_ALLOWED'],
    ['PUT', '/v1/resources/rt/ns/x', '{}', 405, 'CP_METHOD_NOT_ALLOWED'],
    ['GET', '/v2/whatever', undefined, 404, 'CP_NOT_FOUND'],
    ['GET', '/v1/resources', undefined, 400, 'CP_BAD_REQUEST'],
  ];
  for (const [method, path, body, status, code] of cases) {
    const r = await call(url, method, path, body);
    assert.deepEqual([r.status, r.json.ok, r.json.code], [status, false, code], `${method} ${path}`);
    assert.ok(r.json.message.length > 0);
  }
  const big = await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'x', content: 'x'.repeat(9 * 1024 * 1024) }] }));
  assert.deepEqual([big.status, big.json.code], [413, 'CP_PAYLOAD_TOO_LARGE']);
  const ro = await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'ac.yaml', content: 'apiVersion: extauth.solo.io/v1\nkind: AuthConfig\nmetadata: {name: a}\nspec: {configs: [{jwt: {}}]}\n' }] }));
  assert.deepEqual([ro.status, ro.json.results[0].code], [422, 'API_READ_ONLY']);
});

test('statuses carry observedGeneration, follow spec changes, and events explain them', async (t) => {
  const { url } = await start(t);
  const rt = (status: number) =>
    JSON.stringify({ documents: [{ file: 'rt.yaml', content: `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: rt, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http: [{name: r, directResponse: {status: ${status}}}]\n` }] });
  await call(url, 'POST', '/v1/apply', rt(200));
  const first = (await call(url, 'GET', '/v1/resources/rt/ns/rt')).json.resource;
  assert.equal(first.status.common.State.approval, 'ACCEPTED');
  assert.equal(first.status.common.State.observedGeneration, 1);
  await call(url, 'POST', '/v1/apply', rt(201));
  const second = (await call(url, 'GET', '/v1/resources/rt/ns/rt')).json.resource;
  assert.equal(second.metadata.generation, 2);
  assert.equal(second.status.common.State.observedGeneration, 2);
  // An unrelated change re-translates, but an unchanged status is not rewritten (resourceVersion stays).
  await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'cm', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: ns}\n' }] }));
  const third = (await call(url, 'GET', '/v1/resources/rt/ns/rt')).json.resource;
  assert.equal(third.metadata.resourceVersion, second.metadata.resourceVersion);
  const events = (await call(url, 'GET', '/v1/resources/rt/ns/rt/events')).json.events;
  assert.ok(events.length >= 1);
  assert.equal(events[0].reason, 'ACCEPTED');
  assert.equal(events[0].type, 'Normal');
  const status = (await call(url, 'GET', '/v1/status')).json;
  assert.ok(status.translations >= 3);
  assert.equal(status.resources.RouteTable, 1);
  assert.deepEqual(status.stages.loaded, ['routes', 'extauth', 'ratelimit', 'security', 'trafficcontrol', 'resilience', 'portal']);
});

test('snapshots are deep-frozen and published only when their content changes', async (t) => {
  const { cp, url } = await start(t);
  const seen: number[] = [];
  cp.subscribe((s) => seen.push(s.revision));
  const before = seen.length;
  await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'cm', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: ns}\n' }] }));
  assert.equal(seen.length, before, 'a ConfigMap nobody references does not change the snapshot');
  await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'rt', content: 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: rt, namespace: ns}\nspec: {hosts: [a.example.com], http: [{name: r, directResponse: {status: 200}}]}\n' }] }));
  const snap = cp.current()!;
  assert.equal(seen.length, before + 1);
  assert.ok(Object.isFrozen(snap) && Object.isFrozen(snap.gateway) && Object.isFrozen(snap.gateway.virtualHosts));
  assert.throws(() => (snap.authConfigs as Map<string, unknown>).set('x', 1), TypeError);
  assert.equal(snap.gateway.revision, snap.revision);
});

test('GET /v1/watch streams changes as NDJSON from a revision, filtered by kind and namespace', async (t) => {
  const { url } = await start(t);
  const cm = (name: string, ns: string) => JSON.stringify({ documents: [{ file: 'x', content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\n` }] });
  await call(url, 'POST', '/v1/apply', cm('before', 'ns'));
  const list = (await call(url, 'GET', '/v1/resources/cm/ns')).json;
  assert.equal(typeof list.revision, 'number');
  const ac = new AbortController();
  t.after(() => ac.abort());
  const res = await fetch(`${url}/v1/watch?kind=cm&namespace=ns&fromRevision=${list.revision}`, { signal: ac.signal });
  assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
  await call(url, 'POST', '/v1/apply', cm('other-ns', 'elsewhere'));
  await call(url, 'POST', '/v1/apply', cm('after', 'ns'));
  await call(url, 'DELETE', '/v1/resources/cm/ns/after');
  const lines: any[] = [];
  let buf = '';
  const reader = res.body!.getReader();
  while (lines.length < 2) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += new TextDecoder().decode(value);
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts.filter(Boolean).map((l) => JSON.parse(l)));
  }
  assert.deepEqual(lines.map((l) => [l.type, l.object.metadata.name]), [['ADDED', 'after'], ['DELETED', 'after']]);
  ac.abort();
  const bad = await call(url, 'GET', '/v1/watch?kind=widgets');
  assert.deepEqual([bad.status, bad.json.code], [404, 'CP_UNKNOWN_KIND']);
});

test('apply: a YAML alias bomb is 422 with a result naming the alias rule, not a 500 (issue 11)', async (t) => {
  const { url } = await start(t);
  const r = await call(url, 'POST', '/v1/apply', JSON.stringify({ documents: [{ file: 'bomb.yaml', content: aliasBomb() }] }));
  assert.equal(r.status, 422);
  assert.equal(r.json.code, 'CP_INVALID_MANIFEST');
  assert.equal(r.json.results[0].issues[0].rule, 'YAML alias limit');
  assert.match(r.json.results[0].message, /more than 100 alias expansions/);
});

// Issue 11, item 1: a web page the operator visits could POST a text/plain "simple request" (no CORS preflight) that
// the admin API read as YAML and applied. Only JSON/YAML bodies, no browser Origin, only the admin Host, and a token.
const openingPolicy = `apiVersion: v1
kind: ConfigMap
metadata: {name: planted, namespace: ns1}
data: {a: b}
`;

test('admin API refuses text/plain bodies, browser Origins and foreign Hosts; nothing is stored', async (t) => {
  const { cp, url } = await start(t);
  const plain = await call(url, 'POST', '/v1/apply', openingPolicy, { 'content-type': 'text/plain' });
  assert.equal(plain.status, 415);
  assert.equal(plain.json.code, 'CP_UNSUPPORTED_MEDIA_TYPE');
  const origin = await call(url, 'POST', '/v1/apply', openingPolicy, { 'content-type': 'application/yaml', origin: 'https://evil.example' });
  assert.equal(origin.status, 403);
  assert.equal(origin.json.code, 'CP_FORBIDDEN');
  const originRead = await call(url, 'GET', '/v1/resources/secret', undefined, { origin: 'null' });
  assert.equal(originRead.status, 403);
  const { request } = await import('node:http');
  const rebound = await new Promise<number>((resolve, reject) => {
    const u = new URL(url);
    request({ host: u.hostname, port: u.port, path: '/v1/resources/secret', headers: { host: `rebind.evil.example:${u.port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });
  assert.equal(rebound, 403);
  assert.equal(await cp.store.get('ConfigMap', 'ns1', 'planted'), undefined);
  const yaml = await call(url, 'POST', '/v1/apply', openingPolicy, { 'content-type': 'application/yaml' });
  assert.equal(yaml.status, 200, 'the CLI path still works');
});

test('admin API with a token: 401 without it, 200 with it; /healthz stays open', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cp-'));
  const cp = await startControlPlane({ stateDir: dir, admin: { port: 0, guard: { token: 's3cret-token' } }, debounceMs: 5 });
  t.after(async () => {
    await cp.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = cp.admin!.url;
  const none = await call(url, 'GET', '/v1/resources/secret');
  assert.equal(none.status, 401);
  assert.equal(none.json.code, 'CP_UNAUTHORIZED');
  assert.equal((await call(url, 'GET', '/v1/resources/secret', undefined, { authorization: 'Bearer wrong-token!' })).status, 401);
  assert.equal((await call(url, 'GET', '/v1/resources/secret', undefined, { authorization: 'Bearer s3cret-token' })).status, 200);
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
});

// Issue 11, item 2: --admin-host 0.0.0.0 served config writes and Secrets to the network with no warning.
test('admin API refuses a non-loopback bind without a token, unless told it is insecure', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await assert.rejects(startControlPlane({ stateDir: dir, admin: { host: '0.0.0.0', port: 0 }, debounceMs: 5 }), (err: Error & { code?: string }) => err.code === 'CP_INSECURE_BIND' && /without a token/.test(err.message));
  const withToken = await startControlPlane({ stateDir: dir, admin: { host: '0.0.0.0', port: 0, guard: { token: 'tok-tok-tok' } }, debounceMs: 5 });
  await withToken.close();
  const insecure = await startControlPlane({ stateDir: dir, admin: { host: '0.0.0.0', port: 0, guard: { token: null, insecure: true } }, debounceMs: 5 });
  await insecure.close();
});
