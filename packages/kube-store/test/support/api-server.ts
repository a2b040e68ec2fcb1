// A Kubernetes API server in its own process for the controller tests: Portico's Kubernetes API over a bare SQLite
// store, with no control plane of its own (so every status it holds was written by the controller under test): the
// controller in another process writes AuthConfigs and Events, as on a cluster with Portico's CRDs. Every write is
// audited to <dir>/audit.log. Prints one JSON line {kubeconfig, url, auditLog}. SIGUSR2 drops every open connection (watches included), as a restarting
// kube-apiserver or a load balancer's idle timeout would.
import { join } from 'node:path';
import { ensureToken, startKubeApi } from '@portico/kube-api';
import { openSqliteStore } from '@portico/store';

const dir = process.argv[2]!;
const store = openSqliteStore({ dir });
const token = ensureToken(join(dir, 'token'));
const auditLog = join(dir, 'audit.log');
const kube = await startKubeApi({ store, token, stateDir: dir, port: 0, afterWrite: async () => undefined, bookmarkIntervalMs: 500, controller: 'external', auditLogPath: auditLog });
process.on('SIGUSR2', () => kube.server.closeAllConnections());
process.on('SIGTERM', () => void kube.close().then(() => store.close()).then(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ kubeconfig: kube.kubeconfigPath, url: kube.url, auditLog })}\n`);
