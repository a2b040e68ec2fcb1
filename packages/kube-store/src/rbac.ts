// The Kubernetes API calls KubeStore makes in controller mode, as RBAC rules: deploy/'s controller ClusterRole must
// grant exactly these (checks/deploy/kustomize.test.ts compares them). Discovery (/apis/…) is open to every
// authenticated client by Kubernetes' default system:discovery binding.
import { groupOf, KINDS } from '@portico/api';

export interface RbacRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** Kinds the control plane itself writes: AuthConfigs derived from ExtAuthPolicies, ApiDocs from ApiSchemaDiscovery. */
const WRITTEN = new Set(['AuthConfig', 'ApiDoc']);

export function controllerRbacRules(): RbacRule[] {
  const rules: RbacRule[] = [];
  const groups = [...new Set(KINDS.map((k) => groupOf(k.apiVersion)))].sort();
  for (const group of groups) {
    const kinds = KINDS.filter((k) => groupOf(k.apiVersion) === group);
    // Every kind is listed and watched by an informer.
    rules.push({ apiGroups: [group], resources: kinds.map((k) => k.plural).sort(), verbs: ['list', 'watch'] });
    const written = kinds.filter((k) => WRITTEN.has(k.kind));
    if (written.length) rules.push({ apiGroups: [group], resources: written.map((k) => k.plural).sort(), verbs: ['create', 'delete', 'update'] });
    // Statuses go through the status subresource of the Gloo kinds (core kinds have none that Portico writes).
    if (group) rules.push({ apiGroups: [group], resources: kinds.map((k) => `${k.plural}/status`).sort(), verbs: ['update'] });
  }
  // Events: created by the reconciler; listed by `portico describe` through the admin API.
  rules.push({ apiGroups: [''], resources: ['events'], verbs: ['create', 'list'] });
  return rules;
}

/** Leader election (leader.ts) reads, creates and renews one Lease in the controller's namespace: a namespaced Role. */
export function leaderElectionRbacRules(): RbacRule[] {
  return [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] }];
}
