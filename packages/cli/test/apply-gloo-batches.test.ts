// Gloo workshop batches as users paste them (issue 12 items 8, 9): Kubernetes and Istio kinds in the same file are
// skipped with one line each while the Portico kinds apply, the exit status counts only Portico kinds, and a
// directory whose manifests sit in sub-folders says -R is needed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startControlPlane, type ControlPlane } from '@portico/control-plane';
import { portico } from './helpers.ts';

let cp: ControlPlane;
let dir: string;
let server: string[];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-cli-batch-'));
  cp = await startControlPlane({ stateDir: join(dir, 'state'), admin: { port: 0 }, debounceMs: 5 });
  server = ['--server', cp.admin!.url];
});
after(async () => {
  await cp.close();
  rmSync(dir, { recursive: true, force: true });
});

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: keycloak, namespace: keycloak }
spec: { replicas: 1, selector: { matchLabels: { app: keycloak } }, template: { metadata: { labels: { app: keycloak } }, spec: { containers: [{ name: keycloak, image: quay.io/keycloak/keycloak }] } } }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: keycloak, namespace: keycloak }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: keycloak }
rules: []
---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: tweak, namespace: istio-system }
spec: { configPatches: [] }
---
apiVersion: admin.gloo.solo.io/v2
kind: KubernetesCluster
metadata: { name: cluster1, namespace: gloo-mesh }
spec: { clusterDomain: cluster.local }
`;

const TABLE = (name: string, host: string) => `
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: { name: ${name}, namespace: apps }
spec:
  hosts: [${host}]
  http: [{ name: hello, directResponse: { status: 200, body: hi } }]
`;

test('workloads in a Gloo batch are skipped with one line each; the Portico kinds apply; exit 0', async () => {
  const file = join(dir, 'mixed.yaml');
  writeFileSync(file, `${WORKLOADS}\n---\n${TABLE('mixed', 'mixed.example.com')}`);
  const r = await portico([...server, 'apply', '-f', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'apps/v1 Deployment keycloak: not a Portico resource, skipped',
    'v1 ServiceAccount keycloak: not a Portico resource, skipped',
    'rbac.authorization.k8s.io/v1 Role reader: not a Portico resource, skipped',
    'networking.istio.io/v1alpha3 EnvoyFilter tweak: not a Portico resource, skipped',
    'admin.gloo.solo.io/v2 KubernetesCluster cluster1: not a Portico resource, skipped',
    'routetable.networking.gloo.solo.io/mixed created',
  ]);
  assert.ok(await cp.store.get('RouteTable', 'apps', 'mixed'));
  assert.equal((await cp.store.list('Deployment')).length, 0);

  // A broken Portico document still fails the run; the skipped workloads do not.
  writeFileSync(file, `${WORKLOADS}\n---\n${TABLE('broken', 'bar.*.com')}`);
  const bad = await portico([...server, 'apply', '-f', file]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /error: 1 of 6 document\(s\) were not applied/);
  assert.match(bad.stderr, /spec\.hosts\[0\]/);
});

test('apply -f DIR without -R, manifests only in sub-folders: says -R is needed; with -R they apply', async () => {
  const root = join(dir, 'workshop');
  mkdirSync(join(root, 'lab1'), { recursive: true });
  writeFileSync(join(root, 'lab1', 'rt.yaml'), TABLE('lab1', 'lab1.example.com'));
  const r = await portico([...server, 'apply', '-f', root]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /sub-directories do \(.*lab1\); add -R \(--recursive\)/);
  const ok = await portico([...server, 'apply', '-R', '-f', root]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), 'routetable.networking.gloo.solo.io/lab1 created');
});
