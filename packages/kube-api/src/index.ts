// @portico/kube-api — the Kubernetes API over Portico's store: kubectl and Kubernetes client libraries work unchanged.
export { DEFAULT_KUBE_API_PORT, startKubeApi } from './server.ts';
export type { KubeApi, KubeApiOptions } from './server.ts';
export { bearerMatches, ensureToken } from './tls/token.ts';
export { kubeconfigText, writeKubeconfig } from './kubeconfig.ts';
