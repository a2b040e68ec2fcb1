// @portico/kube-store — Portico's Store over a Kubernetes API server (controller mode, docs/kubernetes.md).
export { openKubeStore, KubeStore } from './store.ts';
export type { KubeStoreOptions } from './store.ts';
export { controllerRbacRules } from './rbac.ts';
export type { RbacRule } from './rbac.ts';
