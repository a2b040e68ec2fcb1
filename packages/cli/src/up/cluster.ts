// portico up --kubernetes: the control plane reads and writes a Kubernetes API server (a cluster, or any server with
// Portico's kinds) instead of its embedded store; Portico's own Kubernetes API is then not started (the cluster's
// is the API). --kubeconfig names the file; without it, the pod's service account (in-cluster).
import { openKubeStore } from '@portico/kube-store';
import type { Store } from '@portico/store';

export interface ClusterFlags {
  kubernetes?: boolean;
  kubeconfig?: string;
}

/** The cluster-backed store for --kubernetes, or null for the embedded one. */
export async function openClusterStore(flags: ClusterFlags, onError: (err: unknown, what: string) => void): Promise<Store | null> {
  if (!flags.kubernetes) return null;
  return openKubeStore({ ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}), onError });
}
