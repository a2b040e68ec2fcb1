// A Kubernetes API server in its own process for the controller tests: Portico's Kubernetes API over a bare SQLite
// store, with no control plane of its own (so every status it holds was written by the controller under test): the
// controller in another process writes AuthConfigs and Events, as on a cluster with Portico's CRDs. Every request to
// a resource (reads too) is audited to <dir>/audit.log. Prints one JSON line {kubeconfig, url, auditLog}.
// Commands, one JSON line each on stdin, each answered by a line {"done": cmd} on stdout:
//   {"cmd":"drop"}    close every open connection (watches included) and refuse new ones, as a restarting
//                     kube-apiserver or a broken network would;
//   {"cmd":"apply","resource":{…}}  write a resource straight into the store (while clients cannot connect);
//   {"cmd":"resume"}  accept connections again.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ResourceInput } from '@portico/api';
import { ensureToken, startKubeApi } from '@portico/kube-api';
import { openSqliteStore } from '@portico/store';

const dir = process.argv[2]!;
const store = openSqliteStore({ dir });
const token = ensureToken(join(dir, 'token'));
const auditLog = join(dir, 'audit.log');
const kube = await startKubeApi({ store, token, stateDir: dir, port: 0, afterWrite: async () => undefined, bookmarkIntervalMs: 500, controller: 'external', auditLogPath: auditLog, auditReads: true });
let refusing = false;
kube.server.on('connection', (socket: { destroy(): void }) => void (refusing && socket.destroy()));
createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line) as { cmd: 'drop' | 'apply' | 'resume'; resource?: ResourceInput };
  const done = () => process.stdout.write(`${JSON.stringify({ done: c.cmd })}\n`);
  if (c.cmd === 'drop') {
    refusing = true;
    kube.server.closeAllConnections();
  }
  if (c.cmd === 'resume') refusing = false;
  if (c.cmd !== 'apply') return done();
  void store.apply(c.resource!).then((r) => {
    if (!r.ok) throw new Error(`apply: ${r.message}`);
    done();
  });
});
process.on('SIGTERM', () => void kube.close().then(() => store.close()).then(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ kubeconfig: kube.kubeconfigPath, url: kube.url, auditLog })}\n`);
