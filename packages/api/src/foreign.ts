// Kinds that are not Portico's but sit in the same manifest batches users copy from Gloo workshops: Kubernetes
// workloads and RBAC (Deployment, ServiceAccount, Job, Role…), Istio (EnvoyFilter…), cert-manager. They are skipped
// with one line instead of failing the batch (issue 12 item 8). A kind in a group nobody knows (a typo, `example.com`)
// and an unknown kind of a Gloo group (`*.solo.io`) stay errors.
import { groupOf } from './registry.ts';

const KUBERNETES_GROUPS = new Set([
  '', // core: Pod, ServiceAccount, Namespace, PersistentVolumeClaim…
  'apps',
  'batch',
  'policy',
  'autoscaling',
  'extensions',
  'coordination.k8s.io',
  'cert-manager.io',
  'monitoring.coreos.com',
]);

/** Gloo kinds that install or register things Portico does not have (clusters, mesh lifecycle, trust): skipped
 *  like workloads. Other unknown Gloo kinds stay errors. */
const GLOO_INSTALL_KINDS = new Set(['KubernetesCluster', 'RootTrustPolicy', 'GatewayLifecycleManager', 'IstioLifecycleManager']);

/** True for a document Portico should skip (not store, not count as a failure). */
export function isForeignKind(apiVersion: string, kind = ''): boolean {
  const group = groupOf(apiVersion);
  if (group.endsWith('solo.io')) return GLOO_INSTALL_KINDS.has(kind);
  return KUBERNETES_GROUPS.has(group) || group.endsWith('.k8s.io') || group.endsWith('.istio.io') || group === 'istio.io';
}
