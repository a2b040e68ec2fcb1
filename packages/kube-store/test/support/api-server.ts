// A Kubernetes API server in its own process for the controller tests: Portico's Kubernetes API over a bare SQLite
// store, with no control plane of its own (so every status it holds was written by the controller under test).
// Prints one JSON line {kubeconfig, url}. SIGUSR2 drops every open connection (watches included), as a restarting
// kube-apiserver or a load balancer's idle timeout would.
import { join } from 'node:path';
import { ensureToken, startKubeApi } from '@portico/kube-api';
import { openSqliteStore } from '@portico/store';

const dir = process.argv[2]!;
const store = openSqliteStore({ dir });
const token = ensureToken(join(dir, 'token'));
const kube = await startKubeApi({ store, token, stateDir: dir, port: 0, afterWrite: async () => undefined, bookmarkIntervalMs: 500 });
process.on('SIGUSR2', () => kube.server.closeAllConnections());
process.on('SIGTERM', () => void kube.close().then(() => store.close()).then(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ kubeconfig: kube.kubeconfigPath, url: kube.url })}\n`);
