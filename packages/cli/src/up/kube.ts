// portico up's credentials and its Kubernetes API: one bearer token in the state directory guards the admin API and
// the Kubernetes API; the kubeconfig written beside it is what kubectl and the portico CLI read.
import { join, resolve } from 'node:path';
import { isLoopback, type AdminGuard, type ControlPlane } from '@portico/control-plane';
import { ensureToken, startKubeApi, type KubeApi } from '@portico/kube-api';
import type { UpSettings } from './settings.ts';

export function adminGuard(s: UpSettings): { guard: AdminGuard; token: string; notes: string[] } {
  const token = ensureToken(join(s.stateDir, 'token'));
  const notes: string[] = [];
  if (s.insecureAdmin) {
    notes.push(`WARNING: --insecure-admin: the admin API at ${s.admin.host}:${s.admin.port} takes no token; anyone who reaches it can change the configuration and read Secrets.`);
  } else if (!isLoopback(s.admin.host)) {
    notes.push(`Note: the admin API listens on ${s.admin.host}; every request must carry the bearer token (in ${join(s.stateDir, 'kubeconfig')}).`);
  }
  if (!isLoopback(s.kubeApi.host)) notes.push(`Note: the Kubernetes API listens on ${s.kubeApi.host}; every request must carry the bearer token.`);
  return { guard: s.insecureAdmin ? { token: null, insecure: true } : { token }, token, notes };
}

export function startKubeFace(s: UpSettings, cp: ControlPlane, token: string): Promise<KubeApi> {
  return startKubeApi({ store: cp.store, token, stateDir: resolve(s.stateDir), host: s.kubeApi.host, port: s.kubeApi.port, afterWrite: () => cp.reconciler.waitFor() });
}

/** `export KUBECONFIG=$PWD/.portico/kubeconfig` for the default state directory, else the absolute path. */
export function kubeconfigExport(path: string, cwd = process.cwd()): string {
  return path.startsWith(`${cwd}/`) ? `export KUBECONFIG=$PWD/${path.slice(cwd.length + 1)}` : `export KUBECONFIG=${path}`;
}
