// Every overlay of deploy/ rendered by the real `kubectl kustomize`, and the rendered objects checked: probes on
// /healthz and /readyz, non-root and read-only pods, resources, commands and flags the CLI has, Services that reach a
// container port, RBAC exactly the calls of @portico/kube-store for controller-mode pods (none, and no token, for the
// others), CRDs in sync with `portico crds`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { skipReason } from '../../packages/testing/src/index.ts';
import { controllerRbacRules, leaderElectionRbacRules } from '../../packages/kube-store/src/index.ts';
import { ROOT } from '../workspace.ts';
import { cliProblems, envVarIsRead } from './cli-contract.ts';

const hasKubectl = spawnSync('sh', ['-c', 'command -v kubectl']).status === 0;
const skip = skipReason(hasKubectl, 'kubectl');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [k: string]: unknown;
}
// The rendered manifests are arbitrary YAML; the checks read them through this loose shape.
type Loose = Record<string, any>;

function render(dir: string): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8' });
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject).filter(Boolean);
}

const overlays = readdirSync(join(ROOT, 'deploy/overlays'));
/** The CRD names `portico crds` prints. */
const CRDS = parseAllDocuments(execFileSync(process.execPath, [join(ROOT, 'packages/cli/src/main.ts'), 'crds'], { cwd: ROOT, encoding: 'utf8' })).map((d) => (d.toJS() as K8sObject).metadata.name);

test('deploy/overlays has the overlays docs/kubernetes.md names', () => {
  const doc = readFileSync(join(ROOT, 'docs/kubernetes.md'), 'utf8');
  assert.ok(overlays.length > 0);
  for (const o of overlays) assert.ok(doc.includes(`deploy/overlays/${o}`), `docs/kubernetes.md explains ${o}`);
});

for (const overlay of overlays) {
  test(`kubectl kustomize deploy/overlays/${overlay}: pods, probes, services, RBAC`, { skip }, () => {
    const objects = render(`deploy/overlays/${overlay}`);
    const ns = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
    assert.equal(ns.length, 1, 'one namespace');
    for (const o of objects) {
      if (!['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind)) assert.equal(o.metadata.namespace, ns[0], `${o.kind}/${o.metadata.name} is in ${ns[0]}`);
    }
    const deployments = objects.filter((o) => o.kind === 'Deployment') as Loose[];
    assert.ok(deployments.length > 0, 'at least one Deployment');
    const podLabels: Record<string, string>[] = [];
    const namedPorts = new Set<string>();
    const serviceAccounts = new Set<string>();
    for (const d of deployments) {
      const where = `Deployment ${d.metadata.name}`;
      const pod = d.spec.template.spec as Loose;
      podLabels.push(d.spec.template.metadata.labels);
      serviceAccounts.add(pod.serviceAccountName ?? 'default');
      assert.equal(pod.securityContext?.runAsNonRoot, true, `${where}: runAsNonRoot`);
      assert.ok(Number(pod.securityContext?.runAsUser) > 0, `${where}: a non-root uid`);
      assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault', `${where}: seccomp RuntimeDefault`);
      assert.ok(Number(pod.terminationGracePeriodSeconds) > 0, `${where}: a grace period for draining on SIGTERM`);
      const volumes = new Map<string, Loose>((pod.volumes ?? []).map((v: Loose) => [v.name, v]));
      for (const c of pod.containers as Loose[]) {
        const at = `${where} container ${c.name}`;
        assert.match(c.image, /:[\w.-]+$/, `${at}: a pinned image tag`);
        assert.doesNotMatch(c.image, /:latest$/, `${at}: not :latest`);
        assert.deepEqual(cliProblems(c.args ?? []), [], `${at}: args ${JSON.stringify(c.args)}`);
        assert.equal(c.command, undefined, `${at}: the image's entrypoint (node on the CLI) is kept`);
        for (const e of c.env ?? []) if (e.name.startsWith('PORTICO_')) assert.ok(envVarIsRead(e.name), `${at}: ${e.name} is read by Portico`);
        const ports = new Map<string, number>((c.ports ?? []).map((p: Loose) => [p.name, p.containerPort]));
        for (const name of ports.keys()) namedPorts.add(name);
        for (const [probe, path] of [['livenessProbe', '/healthz'], ['readinessProbe', '/readyz']] as const) {
          assert.equal(c[probe]?.httpGet?.path, path, `${at}: ${probe} on ${path}`);
          assert.ok(ports.has(c[probe].httpGet.port), `${at}: ${probe} targets a named container port`);
        }
        assert.ok(c.resources?.requests?.cpu && c.resources?.requests?.memory, `${at}: cpu and memory requests`);
        assert.ok(c.resources?.limits?.memory, `${at}: a memory limit`);
        assert.equal(c.securityContext?.allowPrivilegeEscalation, false, `${at}: no privilege escalation`);
        assert.equal(c.securityContext?.readOnlyRootFilesystem, true, `${at}: read-only root filesystem`);
        assert.deepEqual(c.securityContext?.capabilities?.drop, ['ALL'], `${at}: all capabilities dropped`);
        // A read-only root needs every directory Portico writes mounted: the state directory and /tmp.
        const stateDir = (c.env ?? []).find((e: Loose) => e.name === 'PORTICO_STATE_DIR')?.value;
        const mounts = new Map<string, string>((c.volumeMounts ?? []).map((m: Loose) => [m.mountPath, m.name]));
        for (const dir of [stateDir ?? '/var/lib/portico', '/tmp']) {
          assert.ok(mounts.has(dir), `${at}: ${dir} is a mounted volume`);
          assert.ok(volumes.has(mounts.get(dir)!), `${at}: volume ${mounts.get(dir)} exists`);
        }
      }
    }
    for (const s of objects.filter((o) => o.kind === 'Service') as Loose[]) {
      const selects = podLabels.some((l) => Object.entries(s.spec.selector as Record<string, string>).every(([k, v]) => l[k] === v));
      assert.ok(selects, `Service ${s.metadata.name} selects a pod`);
      for (const p of s.spec.ports) assert.ok(namedPorts.has(p.targetPort), `Service ${s.metadata.name}: targetPort ${p.targetPort} is a named container port`);
    }
    for (const p of objects.filter((o) => o.kind === 'PodDisruptionBudget') as Loose[]) {
      const selects = podLabels.some((l) => Object.entries(p.spec.selector.matchLabels as Record<string, string>).every(([k, v]) => l[k] === v));
      assert.ok(selects, `PodDisruptionBudget ${p.metadata.name} selects a pod`);
    }

    // RBAC: a pod in controller mode (--kubernetes) gets exactly the rules its store's calls need, through one
    // ClusterRole bound to its service account; any other pod calls no cluster API: no role, no token mounted.
    const runsController = (d: Loose) => (d.spec.template.spec.containers as Loose[]).some((c) => (c.args ?? []).includes('--kubernetes'));
    const bindings = (objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') as Loose[]);
    const boundTo = (sa: string) => bindings.filter((b) => (b.subjects ?? []).some((s: Loose) => s.kind === 'ServiceAccount' && s.name === sa && s.namespace === ns[0]));
    const normalize = (rules: Loose[]) => rules.map((r) => JSON.stringify({ apiGroups: [...r.apiGroups].sort(), resources: [...r.resources].sort(), verbs: [...r.verbs].sort() })).sort();
    for (const d of deployments) {
      const sa = d.spec.template.spec.serviceAccountName ?? 'default';
      const account = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === sa) as Loose | undefined;
      if (runsController(d)) {
        assert.ok(CRDS.every((c) => objects.some((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === c)), `Deployment ${d.metadata.name}: the CRDs are installed`);
        assert.notEqual(d.spec.template.spec.automountServiceAccountToken, false, `Deployment ${d.metadata.name}: the service account token is mounted`);
        assert.notEqual(account?.automountServiceAccountToken, false, `ServiceAccount ${sa}: token mounted`);
        const bound = boundTo(sa).filter((b) => b.kind === 'ClusterRoleBinding');
        assert.equal(bound.length, 1, `one cluster role binding for ${sa}`);
        const role = objects.find((o) => o.kind === bound[0]!.roleRef.kind && o.metadata.name === bound[0]!.roleRef.name) as Loose | undefined;
        assert.ok(role, `the bound ${bound[0]!.roleRef.kind} exists`);
        assert.deepEqual(normalize(role.rules), normalize(controllerRbacRules() as Loose[]), 'the role grants exactly what @portico/kube-store calls (regenerate: node scripts/deploy-generate.ts)');
        // Leader election: a namespaced Role with exactly the Lease calls, only where it is enabled; several
        // replicas need it (else all would write statuses) and a PodDisruptionBudget; no ReadWriteOnce volume.
        const env = (d.spec.template.spec.containers as Loose[]).flatMap((c) => c.env ?? []);
        const elects = env.some((e: Loose) => e.name === 'PORTICO_LEADER_ELECT' && e.value === 'true');
        const roleBindings = boundTo(sa).filter((b) => b.kind === 'RoleBinding');
        if (Number(d.spec.replicas ?? 1) > 1) {
          assert.ok(elects, `Deployment ${d.metadata.name}: several controller replicas elect a leader`);
          assert.ok(objects.some((o) => o.kind === 'PodDisruptionBudget'), `Deployment ${d.metadata.name}: several replicas have a PodDisruptionBudget`);
          assert.ok(!(d.spec.template.spec.volumes as Loose[]).some((v) => v.persistentVolumeClaim), `Deployment ${d.metadata.name}: no shared ReadWriteOnce volume across replicas`);
        }
        if (elects) {
          assert.equal(roleBindings.length, 1, `one role binding (leader election) for ${sa}`);
          const lr = objects.find((o) => o.kind === 'Role' && o.metadata.name === roleBindings[0]!.roleRef.name) as Loose | undefined;
          assert.ok(lr, 'the leader-election Role exists');
          assert.deepEqual(normalize(lr.rules), normalize(leaderElectionRbacRules() as Loose[]), 'the Role grants exactly the Lease calls');
          for (const v of ['POD_NAME', 'POD_NAMESPACE']) assert.ok(env.some((e: Loose) => e.name === v && e.valueFrom?.fieldRef), `${v} from the downward API (lease identity and namespace)`);
        } else assert.deepEqual(roleBindings.map((b) => b.metadata.name), [], `no namespaced role bound to ${sa} without leader election`);
      } else {
        assert.deepEqual(boundTo(sa).map((b) => b.metadata.name), [], `no role is bound to ${sa}`);
        assert.equal(d.spec.template.spec.automountServiceAccountToken, false, `Deployment ${d.metadata.name}: no token mounted`);
        assert.equal(account?.automountServiceAccountToken, false, `ServiceAccount ${sa}: no token mounted`);
      }
    }
  });
}

test('deploy/crds is what `portico crds` prints', { skip }, () => {
  const want = parseAllDocuments(execFileSync(process.execPath, [join(ROOT, 'packages/cli/src/main.ts'), 'crds'], { cwd: ROOT, encoding: 'utf8' })).map((d) => d.toJS());
  const rendered = render('deploy/crds');
  assert.equal(rendered.length, want.length, 'deploy/crds has every kind (regenerate: node scripts/deploy-generate.ts)');
  const byName = new Map(rendered.map((o) => [o.metadata.name, o]));
  for (const crd of want as K8sObject[]) assert.deepEqual(byName.get(crd.metadata.name), crd, `${crd.metadata.name} is up to date (regenerate: node scripts/deploy-generate.ts)`);
});
