// The portico CLI end to end: real processes against a real control plane's admin API on an ephemeral port.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { startControlPlane, type ControlPlane } from '@portico/control-plane';
import { spawn } from 'node:child_process';
import { MAIN, portico, QUICKSTART } from './helpers.ts';

let cp: ControlPlane;
let dir: string;
let server: string[];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-cli-'));
  cp = await startControlPlane({ stateDir: join(dir, 'state'), admin: { port: 0 }, debounceMs: 5 });
  server = ['--server', cp.admin!.url];
  const r = await portico([...server, 'apply', '-f', join(QUICKSTART, '01-upstreams.yaml'), '-f', join(QUICKSTART, '02-route-tables.yaml')]);
  assert.equal(r.code, 0, r.stderr);
});

after(async () => {
  await cp.close();
  rmSync(dir, { recursive: true, force: true });
});

test('apply prints one kubectl-style line per document', async () => {
  const r = await portico([...server, 'apply', '-f', join(QUICKSTART, '02-route-tables.yaml')]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'routetable.networking.gloo.solo.io/api-example-com-rt unchanged',
    'routetable.networking.gloo.solo.io/petstore-rt unchanged',
    'routetable.networking.gloo.solo.io/tracks-rt unchanged',
  ]);
});

test("the seed's route-label query prints the seed's three lines", async () => {
  const r = await portico([...server, 'get', 'rt', '-n', 'gloo-mesh-gateways', '-o=jsonpath={range .items[*]}[{.metadata.name}, {.spec.http[*].name}, {.spec.http[*].labels}]{"\\n"}{end}']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[api-example-com-rt, , ]\n[petstore-rt, pets-api users-api store-api, ]\n[tracks-rt, tracks-api, {"usagePlans":"dev-portal"}]\n');
});

test("the seed's apiProductId query prints the seed's three lines", async () => {
  const r = await portico([...server, 'get', 'rt', '-n', 'gloo-mesh-gateways', '-o', 'jsonpath={range .items[*]}[{.metadata.name}, {.spec.portalMetadata.apiProductId}]{"\\n"}{end}']);
  assert.equal(r.stdout, '[api-example-com-rt, ]\n[petstore-rt, petstore]\n[tracks-rt, tracks]\n');
});

test('get: table, wide, name, yaml, json, -A', async () => {
  const table = await portico([...server, 'get', 'routetables', '-n', 'gloo-mesh-gateways']);
  const lines = table.stdout.trim().split('\n');
  assert.match(lines[0]!, /^NAME\s+STATUS\s+AGE$/);
  assert.match(lines[3]!, /^tracks-rt\s+ACCEPTED\s+\d+s$/);
  const wide = await portico([...server, 'get', 'rt', '-A', '-o', 'wide']);
  assert.match(wide.stdout.split('\n')[0]!, /^NAMESPACE\s+NAME\s+STATUS\s+HOSTS\s+ROUTES\s+API PRODUCT\s+AGE$/);
  assert.match(wide.stdout, /gloo-mesh-gateways\s+petstore-rt\s+ACCEPTED\s+3\s+petstore/);
  const name = await portico([...server, 'get', 'externalservice', '-n', 'gloo-mesh-gateways', '-o', 'name']);
  assert.equal(name.stdout, 'externalservice.networking.gloo.solo.io/petstore\nexternalservice.networking.gloo.solo.io/tracks\n');
  const y = parse((await portico([...server, 'get', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways', '-o', 'yaml'])).stdout);
  assert.equal(y.spec.portalMetadata.apiProductId, 'tracks');
  assert.equal(y.metadata.generation, 1);
  const j = JSON.parse((await portico([...server, 'get', 'rt', '-n', 'gloo-mesh-gateways', '-o', 'json'])).stdout);
  assert.equal(j.kind, 'List');
  assert.equal(j.items.length, 3);
  const none = await portico([...server, 'get', 'rt']);
  assert.equal(none.code, 0);
  assert.equal(none.stderr, 'No resources found in default namespace.\n');
});

test('describe shows metadata, spec, status and events', async () => {
  const r = await portico([...server, 'describe', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Name:\s+tracks-rt$/m);
  assert.match(r.stdout, /^Kind:\s+RouteTable$/m);
  assert.match(r.stdout, /^ {2}Generation:\s+1$/m);
  assert.match(r.stdout, /approval: ACCEPTED/);
  assert.match(r.stdout, /^Events:\n\s+Type\s+Reason\s+Age\s+Count\s+Message\n/m);
  assert.match(r.stdout, /Normal\s+ACCEPTED/);
});

test('apply errors name file, document, field path and rule; the good documents still apply; exit 1', async () => {
  const file = join(dir, 'mixed.yaml');
  writeFileSync(
    file,
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok-cm, namespace: team}\ndata: {a: b}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: bad-rt, namespace: team}\nspec:\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: 200}, colour: red}]\n',
  );
  const r = await portico([...server, 'apply', '-f', file]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'configmap/ok-cm created\n');
  assert.ok(
    r.stderr.includes(
      `error: ${file}: document 1 (routetable.networking.gloo.solo.io/bad-rt): spec.virtualGateways: The virtualGateways field must be empty or unset for delegated RouteTables. (rule: has(self.hosts) || !has(self.virtualGateways))`,
    ),
    r.stderr,
  );
  assert.ok(r.stderr.includes(`Warning: ${file}: document 1: unknown field "spec.http[0].colour" ignored`), r.stderr);
  assert.match(r.stderr, /error: 1 of 2 document\(s\) were not applied/);
  assert.equal((await portico([...server, 'get', 'cm', 'ok-cm', '-n', 'team', '-o', 'jsonpath={.data.a}'])).stdout, 'b');
});

test('apply -f - reads stdin; delete removes; a missing object is NotFound', async () => {
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-stdin}\ndata: {k: v}\n';
  const a = await portico([...server, 'apply', '-f', '-'], { stdin: yaml });
  assert.equal(a.stdout, 'configmap/from-stdin created\n');
  const d = await portico([...server, 'delete', 'cm', 'from-stdin']);
  assert.equal(d.stdout, 'configmap "from-stdin" deleted\n');
  const g = await portico([...server, 'get', 'configmap', 'from-stdin']);
  assert.equal(g.code, 1);
  assert.equal(g.stderr, 'Error from server (NotFound): configmaps "from-stdin" not found\n');
  const again = await portico([...server, 'delete', '-f', '-'], { stdin: yaml });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /NotFound/);
});

test('usage errors: unknown kind, bad output format, bad jsonpath, unreachable server', async () => {
  const k = await portico([...server, 'get', 'widgets']);
  assert.deepEqual([k.code, k.stderr], [1, 'error: the server doesn\'t have a resource type "widgets"\n']);
  const o = await portico([...server, 'get', 'rt', '-o', 'xml']);
  assert.equal(o.code, 1);
  assert.match(o.stderr, /unable to match a printer suitable for the output format "xml"/);
  const jp = await portico([...server, 'get', 'rt', '-A', '-o', 'jsonpath={range .items[*]}{.x}']);
  assert.equal(jp.code, 1);
  assert.match(jp.stderr, /error parsing jsonpath/);
  const down = await portico(['--server', 'http://127.0.0.1:9', 'get', 'rt']);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /cannot reach the Portico control plane at http:\/\/127\.0\.0\.1:9/);
});

test('get accepts KIND/NAME and comma-separated kinds', async () => {
  const slash = await portico([...server, 'get', 'rt/tracks-rt', '-n', 'gloo-mesh-gateways', '-o', 'jsonpath={.metadata.name}']);
  assert.equal(slash.stdout, 'tracks-rt');
  const multi = await portico([...server, 'get', 'rt,es', '-n', 'gloo-mesh-gateways', '-o', 'name']);
  assert.equal(
    multi.stdout,
    [
      'routetable.networking.gloo.solo.io/api-example-com-rt',
      'routetable.networking.gloo.solo.io/petstore-rt',
      'routetable.networking.gloo.solo.io/tracks-rt',
      'externalservice.networking.gloo.solo.io/petstore',
      'externalservice.networking.gloo.solo.io/tracks',
      '',
    ].join('\n'),
  );
  const tables = await portico([...server, 'get', 'rt,es', '-n', 'gloo-mesh-gateways']);
  assert.equal(tables.stdout.split('\n\n').length, 2);
});

test('get -w prints the list, then each change', async () => {
  const child = spawn(process.execPath, [MAIN, ...server, 'get', 'cm', '-n', 'watched', '-w', '-o', 'name'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const lines = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (out.split('\n').filter(Boolean).length >= n ? resolve() : undefined);
      child.stdout.on('data', (d: Buffer) => ((out += d.toString()), check()));
      check();
    });
  try {
    await portico([...server, 'apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w1, namespace: watched}\n' });
    await lines(1);
    await portico([...server, 'delete', 'cm', 'w1', '-n', 'watched']);
    await lines(2);
    assert.deepEqual(out.trim().split('\n'), ['configmap/w1', 'configmap/w1']);
  } finally {
    child.kill();
  }
});

test('portico crds prints one CRD per Gloo kind', async () => {
  const r = await portico(['crds']);
  assert.equal(r.code, 0);
  const docs = r.stdout.split(/^---$/m).map((d) => parse(d));
  assert.ok(docs.length >= 13);
  assert.ok(docs.some((d) => d.metadata.name === 'extauthpolicies.security.policy.gloo.solo.io' && d.spec.names.shortNames.includes('eap')));
});

test('apply -f examples/quickstart/ applies every manifest and skips the IdP config next to them', async () => {
  const r = await portico([...server, 'apply', '-f', QUICKSTART]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^Skipping .*idp\.yaml: no document in it has apiVersion\/kind \(not a resource manifest\)$/m);
  assert.match(r.stdout, /routetable\.networking\.gloo\.solo\.io\/tracks-rt unchanged/);
});

test('apply reports a resource whose status says it is not (fully) served: a route with an invalid regex (issue 11)', async () => {
  const file = join(dir, 'bad-regex.yaml');
  writeFileSync(file, `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: bad-regex, namespace: gloo-mesh-gateways}
spec:
  hosts: ["bad-regex.example.com"]
  http:
    - name: broken
      matchers: [{uri: {regex: "/x/(unclosed"}}]
      directResponse: {status: 200, body: ok}
    - name: fine
      directResponse: {status: 200, body: ok}
`);
  const r = await portico([...server, 'apply', '-f', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'routetable.networking.gloo.solo.io/bad-regex created');
  assert.match(r.stderr, /Warning: routetable\.networking\.gloo\.solo\.io\/bad-regex is WARNING: route broken: .*not valid RE2.*\(route not served\)/);
});

test('delete -f of many documents reconciles once for the batch, not once per document (issue 11)', async () => {
  const n = 60;
  const file = join(dir, 'many.yaml');
  writeFileSync(file, Array.from({ length: n }, (_, i) => `apiVersion: v1
kind: ConfigMap
metadata: {name: many-${i}, namespace: batch}
data: {k: v}`).join('\n---\n'));
  assert.equal((await portico([...server, 'apply', '-f', file])).code, 0);
  const before = cp.reconciler.stats.translations;
  const r = await portico([...server, 'delete', '-f', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, n);
  const translations = cp.reconciler.stats.translations - before;
  assert.ok(translations <= 2, `${translations} translations for ${n} deletes`);
  assert.equal((await cp.store.list('ConfigMap', 'batch')).length, 0);
  // A missing object in a batch is reported and makes the exit code 1; --ignore-not-found forgives it.
  const again = await portico([...server, 'delete', '-f', file]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /Error from server \(NotFound\): configmaps "many-0" not found in namespace "batch"/);
  assert.equal((await portico([...server, 'delete', '-f', file, '--ignore-not-found'])).code, 0);
});
