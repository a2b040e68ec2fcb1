// Real kubectl (the oldest and the newest build on the machine) against the Kubernetes API over a real control
// plane: the walkthroughs' commands verbatim, and the everyday kubectl verbs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { skipReason } from '@portico/testing';
import { kubectl, kubectlBuilds, type Run } from './support/kubectl.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const QUICKSTART = fileURLToPath(new URL('../../../examples/quickstart/', import.meta.url));
const quickstart = (f: string) => readFileSync(join(QUICKSTART, f), 'utf8');
const builds = [...new Set(kubectlBuilds())];
const skip = skipReason(builds.length > 0, 'kubectl is not installed');

const SEED_LABELS = `{range .items[*]}[{.metadata.name}, {.spec.http[*].name}, {.spec.http[*].labels}]{"\\n"}{end}`;
const SEED_PRODUCTS = `{range .items[*]}[{.metadata.name}, {.spec.portalMetadata.apiProductId}]{"\\n"}{end}`;

const badRouteTable = `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata:
  name: bad
  namespace: gloo-mesh-gateways
spec:
  hosts: ['*']
  http:
  - name: x
    directResponse: {status: 200}
`;

for (const bin of builds.length ? builds : ['kubectl']) {
  const version = /kubectl(\.1\.\d+)?$/.exec(bin)?.[0] ?? bin;
  describe(`${version}: the walkthroughs verbatim`, { skip }, () => {
    let s: TestServer;
    const k = (args: string[], opts: Parameters<typeof kubectl>[3] = {}): Promise<Run> => kubectl(bin, s.kubeconfig, args, opts);
    before(async () => {
      s = await startTestServer();
    });
    after(() => s?.close());

    test('kubectl apply -f - of the seed manifests, twice: created, then unchanged', async () => {
      const manifests = quickstart('01-upstreams.yaml') + '\n---\n' + quickstart('02-route-tables.yaml');
      const first = await k(['apply', '-f', '-'], { stdin: manifests });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^routetable\.networking\.gloo\.solo\.io\/tracks-rt created$/m);
      const second = await k(['apply', '-f', '-'], { stdin: manifests });
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual(second.stdout.trim().split('\n').filter((l) => !/ unchanged$/.test(l)), []);
    });

    test("the seed's two jsonpath queries print exactly the seed's lines", async () => {
      const labels = await k(['get', 'rt', '-n', 'gloo-mesh-gateways', `-o=jsonpath=${SEED_LABELS}`]);
      assert.equal(labels.stdout, '[api-example-com-rt, , ]\n[petstore-rt, pets-api users-api store-api, ]\n[tracks-rt, tracks-api, {"usagePlans":"dev-portal"}]\n', labels.stderr);
      const products = await k(['get', 'rt', '-n', 'gloo-mesh-gateways', `-o=jsonpath=${SEED_PRODUCTS}`]);
      assert.equal(products.stdout, '[api-example-com-rt, ]\n[petstore-rt, petstore]\n[tracks-rt, tracks]\n', products.stderr);
    });

    test('the ExtAuthPolicy walkthrough: configmap, server and policy applied; the derived AuthConfig is ACCEPTED', async () => {
      const r = await k(['apply', '-f', '-'], { stdin: quickstart('03-extauth-oidc.yaml') });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^configmap\/oauth-scope-apiproduct-opa-cm created$/m);
      assert.match(r.stdout, /^extauthpolicy\.security\.policy\.gloo\.solo\.io\/oauth-okta created$/m);
      const policy = await k(['get', 'extauthpolicy', 'oauth-okta', '-n', 'gloo-mesh-addons', '-o', 'yaml']);
      assert.match(policy.stdout, /approval: ACCEPTED/);
      const ac = await k(['get', 'authconfig', '-n', 'gloo-mesh-addons', '-o', 'yaml']);
      assert.equal(ac.code, 0, ac.stderr);
      assert.match(ac.stdout, /^kind: List$/m);
      assert.match(ac.stdout, /state: ACCEPTED/);
    });

    test('get rt -A -o wide prints the printer columns; api-resources lists short names', async () => {
      const wide = await k(['get', 'rt', '-A', '-o', 'wide']);
      assert.match(wide.stdout.split('\n')[0]!, /^NAMESPACE\s+NAME\s+STATUS\s+HOSTS\s+ROUTES\s+API PRODUCT\s+AGE$/);
      assert.match(wide.stdout, /^gloo-mesh-gateways\s+petstore-rt\s+ACCEPTED\s+3\s+petstore\s+\d+s$/m);
      const res = await k(['api-resources']);
      assert.match(res.stdout, /^routetables\s+rt\s+networking\.gloo\.solo\.io\/v2\s+true\s+RouteTable$/m);
      assert.match(res.stdout, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
      assert.match(res.stdout, /^authconfigs\s+ac\s+extauth\.solo\.io\/v1\s+true\s+AuthConfig$/m);
    });

    test('explain reads the zod schema through /openapi', async () => {
      const r = await k(['explain', 'routetable.spec.http']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /KIND:\s+RouteTable/);
      assert.match(r.stdout, /forwardTo\s+<Object>/);
    });

    test('a bad manifest: kubectl prints the field and the rule, nothing is stored', async () => {
      const r = await k(['apply', '-f', '-'], { stdin: badRouteTable });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /RouteTable "bad" is invalid: spec\.hosts\[0\]: .*a bare "\*" host is not allowed.*\(rule: host syntax\)/);
      assert.equal(await s.cp.store.get('RouteTable', 'gloo-mesh-gateways', 'bad'), undefined);
      const unknown = await k(['apply', '-f', '-'], { stdin: badRouteTable.replace("['*']", "['ok.example.com']").replace('    directResponse', '    colour: red\n    directResponse') });
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /unknown field "spec\.http\[0\]\.colour"/);
    });

    test('imperative creates: namespace, configmap and secret (protobuf or JSON bodies, as each kubectl sends them)', async () => {
      assert.equal((await k(['create', 'namespace', 'imperative'])).code, 0);
      const cm = await k(['create', 'configmap', 'c', '--from-literal=a=b', '-n', 'imperative']);
      assert.equal(cm.code, 0, cm.stderr);
      const secret = await k(['create', 'secret', 'generic', 's', '--from-literal=pw=hunter2', '-n', 'imperative']);
      assert.equal(secret.code, 0, secret.stderr);
      assert.equal((await k(['get', 'cm', 'c', '-n', 'imperative', '-o', 'jsonpath={.data.a}'])).stdout, 'b');
      assert.equal(Buffer.from((await k(['get', 'secret', 's', '-n', 'imperative', '-o', 'jsonpath={.data.pw}'])).stdout, 'base64').toString(), 'hunter2');
      assert.match((await k(['get', 'ns', 'imperative'])).stdout, /^imperative\s+Active\s+\d+s$/m);
      assert.equal((await k(['delete', 'ns', 'imperative'])).code, 0);
      assert.equal(await s.cp.store.get('ConfigMap', 'imperative', 'c'), undefined, 'a namespace goes with what is in it');
    });

    test('a stale update is refused with Conflict', async () => {
      const stale = (await k(['get', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways', '-o', 'yaml'])).stdout;
      assert.equal((await k(['label', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways', 'touched=yes'])).code, 0);
      const file = join(s.dir, 'stale.yaml');
      writeFileSync(file, stale);
      const r = await k(['replace', '-f', file]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Error from server \(Conflict\).*the object has been modified; please apply your changes to the latest version and try again/);
    });
  });
}

describe('kubectl verbs', { skip }, () => {
  let s: TestServer;
  const bin = builds.at(-1) ?? 'kubectl';
  const k = (args: string[], opts: Parameters<typeof kubectl>[3] = {}): Promise<Run> => kubectl(bin, s.kubeconfig, args, opts);
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: team\n  labels: {app: demo}\ndata:\n${data}`;
  before(async () => {
    s = await startTestServer();
    const r = await k(['apply', '-f', '-'], { stdin: quickstart('01-upstreams.yaml') + '\n---\n' + quickstart('02-route-tables.yaml') });
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => s?.close());

  test('apply --server-side and diff', async () => {
    const ssa = await k(['apply', '--server-side', '-f', '-'], { stdin: quickstart('02-route-tables.yaml') });
    assert.equal(ssa.code, 0, ssa.stderr);
    assert.match(ssa.stdout, /routetable\.networking\.gloo\.solo\.io\/petstore-rt serverside-applied/);
    const same = await k(['diff', '-f', '-'], { stdin: quickstart('02-route-tables.yaml') });
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const changed = await k(['diff', '-f', '-'], { stdin: quickstart('02-route-tables.yaml').replace('name: pets-api', 'name: pets-api-v2') });
    assert.equal(changed.code, 1, changed.stderr);
    assert.match(changed.stdout, /^-\s+name: pets-api$/m);
    assert.match(changed.stdout, /^\+\s+name: pets-api-v2$/m);
    assert.equal((await s.cp.store.get('RouteTable', 'gloo-mesh-gateways', 'petstore-rt'))?.spec && JSON.stringify((await s.cp.store.get('RouteTable', 'gloo-mesh-gateways', 'petstore-rt'))!.spec).includes('pets-api-v2'), false, 'diff is a dry run');
  });

  test('server-side apply: field owners conflict, --force-conflicts takes over, a dropped field is removed', async () => {
    const doc = (labels: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned\n  namespace: ssa\n${labels}data:\n  a: "1"\n`;
    assert.equal((await k(['apply', '--server-side', '-f', '-'], { stdin: doc('  labels: {tier: one}\n') })).code, 0);
    const clash = await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], { stdin: doc('  labels: {tier: two}\n') });
    assert.equal(clash.code, 1);
    assert.match(clash.stderr, /conflict with "kubectl".*\.metadata\.labels\.tier/s);
    const forced = await k(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'], { stdin: doc('  labels: {tier: two}\n') });
    assert.equal(forced.code, 0, forced.stderr);
    const managers = await k(['get', 'cm', 'owned', '-n', 'ssa', '-o', 'jsonpath={.metadata.managedFields[*].manager}', '--show-managed-fields']);
    assert.equal(managers.stdout, 'kubectl other');
    assert.equal((await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], { stdin: doc('') })).code, 0);
    assert.equal((await k(['get', 'cm', 'owned', '-n', 'ssa', '-o', 'jsonpath={.metadata.labels}'])).stdout, '', 'the label only "other" owned went with its apply');
    assert.equal((await k(['get', 'cm', 'owned', '-n', 'ssa', '-o', 'jsonpath={.data.a}'])).stdout, '1', 'fields both managers applied stay');
  });

  test('edit via KUBE_EDITOR, then describe shows status and events', async () => {
    const r = await k(['edit', 'rt', 'petstore-rt', '-n', 'gloo-mesh-gateways'], { env: { KUBE_EDITOR: `sed -i s/users-api/people-api/` } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /routetable\.networking\.gloo\.solo\.io\/petstore-rt edited/);
    const names = await k(['get', 'rt', 'petstore-rt', '-n', 'gloo-mesh-gateways', '-o', 'jsonpath={.spec.http[*].name}']);
    assert.equal(names.stdout, 'pets-api people-api store-api');
    const d = await k(['describe', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways']);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /Approval:\s+ACCEPTED/);
    assert.match(d.stdout, /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n[\s\S]*Normal\s+\S+\s+\S+\s+portico\s+/);
  });

  test('ConfigMap: strategic merge patch, label selectors, chunked lists, delete', async () => {
    assert.equal((await k(['apply', '-f', '-'], { stdin: cm('  a: "1"\n  b: "2"\n') })).code, 0);
    const again = await k(['apply', '-f', '-'], { stdin: cm('  a: "1"\n  c: "3"\n') });
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await k(['get', 'cm', 'settings', '-n', 'team', '-o', 'jsonpath={.data}'])).stdout, '{"a":"1","c":"3"}', 'the three-way patch removed b');
    assert.equal((await k(['patch', 'cm', 'settings', '-n', 'team', '-p', '{"data":{"d":"4"}}'])).code, 0);
    assert.equal((await k(['patch', 'cm', 'settings', '-n', 'team', '--type', 'json', '-p', '[{"op":"remove","path":"/data/a"}]'])).code, 0);
    assert.equal((await k(['get', 'cm', 'settings', '-n', 'team', '-o', 'jsonpath={.data}'])).stdout, '{"c":"3","d":"4"}');
    assert.equal((await k(['get', 'cm', '-A', '-l', 'app in (demo,other)', '-o', 'name'])).stdout, 'configmap/settings\n');
    assert.equal((await k(['get', 'cm', '-n', 'team', '-l', 'app!=demo', '-o', 'name'])).stdout, '');
    const chunked = await k(['get', 'externalservices', '-A', '--chunk-size=1', '-o', 'name']);
    assert.equal(chunked.stdout, 'externalservice.networking.gloo.solo.io/petstore\nexternalservice.networking.gloo.solo.io/tracks\n', chunked.stderr);
    const del = await k(['delete', 'cm', 'settings', '-n', 'team']);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, /configmap "settings" deleted/);
    const gone = await k(['get', 'cm', 'settings', '-n', 'team']);
    assert.match(gone.stderr, /Error from server \(NotFound\): configmaps "settings" not found/);
  });

  test('get -w streams changes', async () => {
    const child = spawn(bin, ['get', 'rt', '-n', 'gloo-mesh-gateways', '-w', '--output-watch-events'], { env: { ...process.env, KUBECONFIG: s.kubeconfig } });
    let out = '';
    const deleted = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/^DELETED\s+tracks-rt/m.test(out)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`kubectl get -w exited (${code}): ${out}`)));
    });
    try {
      // The watch starts after kubectl's first list: change tracks-rt until a MODIFIED line shows (bounded).
      for (let i = 0; i < 100 && !/^MODIFIED\s+tracks-rt/m.test(out); i++) {
        await k(['label', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways', `round=r${i}`, '--overwrite']);
        await new Promise((r) => setTimeout(r, 50));
      }
      await k(['delete', 'rt', 'tracks-rt', '-n', 'gloo-mesh-gateways']);
      await deleted;
    } finally {
      child.kill();
    }
    assert.match(out, /^EVENT\s+NAME\s+STATUS\s+AGE$/m);
    assert.match(out, /^ADDED\s+api-example-com-rt\s+ACCEPTED/m);
    assert.match(out, /^MODIFIED\s+tracks-rt\s+ACCEPTED/m);
  });

  test('no token, no service (except health)', async () => {
    const res = await fetch(`${s.kube.url}/api`, { dispatcher: undefined } as RequestInit).catch((e: Error) => e);
    assert.ok(res instanceof Error, 'the CA is not trusted by fetch; use kubectl with a kubeconfig that has no token');
    const cfg = readFileSync(s.kubeconfig, 'utf8').replace(/token: .*/, 'token: wrong');
    const file = join(s.dir, 'wrong-kubeconfig');
    writeFileSync(file, cfg);
    const r = await kubectl(bin, file, ['get', 'rt', '-A']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Unauthorized|must be logged in/);
  });
});
