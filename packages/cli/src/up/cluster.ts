// portico up --kubernetes: the control plane reads and writes a Kubernetes API server (a cluster, or any server with
// Portico's kinds) instead of its embedded store; Portico's own Kubernetes API is then not started (the cluster's
// is the API). --kubeconfig names the file; without it, the pod's service account (in-cluster).
// Several replicas: PORTICO_LEADER_ELECT=true elects one writer on a coordination.k8s.io/v1 Lease
// (docs/kubernetes.md); the lease's place, name and timings come from the environment so a Deployment sets them.
import { DEFAULT_LEASE_DURATION_MS, DEFAULT_RENEW_DEADLINE_MS, DEFAULT_RETRY_PERIOD_MS, openKubeStore, type KubeStore, type KubeStoreOptions } from '@portico/kube-store';

export interface ClusterFlags {
  kubernetes?: boolean;
  kubeconfig?: string;
}

type Log = (obj: object, msg: string) => void;

/** The cluster-backed store for --kubernetes, or null for the embedded one. */
export async function openClusterStore(flags: ClusterFlags, onError: (err: unknown, what: string) => void, log: Log = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<KubeStore | null> {
  if (!flags.kubernetes) return null;
  const leaderElection = leaderElectionFromEnv(env);
  return openKubeStore({
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    onError,
    ...(leaderElection ? { leaderElection, onStatusWritten: (ref) => log({ ...ref }, 'status written') } : {}),
  });
}

/** PORTICO_LEADER_ELECT=true, PORTICO_LEASE_NAMESPACE (default POD_NAMESPACE, else portico), PORTICO_LEASE_NAME
 *  (portico-controller), PORTICO_LEASE_DURATION_MS / _RENEW_DEADLINE_MS / _RETRY_PERIOD_MS (15000/10000/2000). */
export function leaderElectionFromEnv(env: NodeJS.ProcessEnv): KubeStoreOptions['leaderElection'] | undefined {
  if (env.PORTICO_LEADER_ELECT !== 'true') return undefined;
  const ms = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer of milliseconds, got ${JSON.stringify(v)}`);
    return n;
  };
  return {
    namespace: env.PORTICO_LEASE_NAMESPACE || env.POD_NAMESPACE || 'portico',
    name: env.PORTICO_LEASE_NAME || 'portico-controller',
    ...(env.POD_NAME ? { identity: env.POD_NAME } : {}),
    leaseDurationMs: ms('PORTICO_LEASE_DURATION_MS', DEFAULT_LEASE_DURATION_MS),
    renewDeadlineMs: ms('PORTICO_LEASE_RENEW_DEADLINE_MS', DEFAULT_RENEW_DEADLINE_MS),
    retryPeriodMs: ms('PORTICO_LEASE_RETRY_PERIOD_MS', DEFAULT_RETRY_PERIOD_MS),
  };
}
