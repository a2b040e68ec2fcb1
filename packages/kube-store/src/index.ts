// @portico/kube-store — Portico's Store over a Kubernetes API server (controller mode, docs/kubernetes.md).
export { openKubeStore, KubeStore } from './store.ts';
export type { KubeStoreOptions } from './store.ts';
export { LeaderElector, DEFAULT_LEASE_DURATION_MS, DEFAULT_RENEW_DEADLINE_MS, DEFAULT_RETRY_PERIOD_MS } from './leader.ts';
export type { LeaderElectorOptions } from './leader.ts';
export { controllerRbacRules, leaderElectionRbacRules } from './rbac.ts';
export type { RbacRule } from './rbac.ts';
