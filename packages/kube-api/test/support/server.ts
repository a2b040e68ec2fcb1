// One Kubernetes API per test file over a real control plane (SQLite store + reconciler) in a temporary state dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '@portico/control-plane';
import { ensureToken, startKubeApi, type KubeApi } from '@portico/kube-api';

export interface TestServer {
  cp: ControlPlane;
  kube: KubeApi;
  token: string;
  kubeconfig: string;
  dir: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-kube-'));
  const cp = await startControlPlane({ stateDir: dir, admin: false, debounceMs: 5 });
  const token = ensureToken(join(dir, 'token'));
  const kube = await startKubeApi({ store: cp.store, token, stateDir: dir, port: 0, afterWrite: () => cp.reconciler.waitFor(), bookmarkIntervalMs: 200 });
  return {
    cp,
    kube,
    token,
    kubeconfig: kube.kubeconfigPath!,
    dir,
    async close() {
      await kube.close();
      await cp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
