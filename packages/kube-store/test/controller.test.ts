// Controller mode against a Kubernetes API server in another process (Portico's own, over a bare store): resources
// applied with real kubectl are translated by a control plane whose Store is the Kubernetes-backed one; statuses come
// back through the /status subresource; a watch connection the server drops is resumed without missing a change made
// while the server refused every connection.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { startControlPlane, type ControlPlane } from '@portico/control-plane';
import { skipReason, until as poll } from '@portico/testing';
import { openKubeStore, type KubeStore } from '../src/index.ts';

const skip = skipReason(spawnSync('sh', ['-c', 'command -v kubectl']).status === 0, 'kubectl');
let dir: string;
let server: ChildProcess;
let kubeconfig: string;
let store: KubeStore;
let cp: ControlPlane;
const errors: string[] = [];
const answered: (() => void)[] = [];

/** Sends the API server process a command (support/api-server.ts) and waits for its answer. */
function command(c: object): Promise<void> {
  return new Promise((resolve) => {
    answered.push(resolve);
    server.stdin!.write(`${JSON.stringify(c)}\n`);
  });
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'portico-kube-store-'));
  server = spawn(process.execPath, [join(import.meta.dirname, 'support/api-server.ts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    server.once('exit', (code) => reject(new Error(`API server exited ${code}`)));
  });
  lines.on('line', () => answered.shift()?.());
  kubeconfig = (JSON.parse(line) as { kubeconfig: string }).kubeconfig;
  store = await openKubeStore({ kubeconfig, restartDelayMs: 50, onError: (e, what) => errors.push(`${what}: ${String(e)}`) });
  cp = await startControlPlane({ store, admin: false, discovery: false, debounceMs: 5 });
});

after(async () => {
  await cp?.close();
  await store?.close();
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function kubectl(args: string[], stdin?: string): string {
  const r = spawnSync('kubectl', args, { input: stdin, encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir }, timeout: 30_000 });
  assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const routeTable = (name: string, host: string) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata:
  name: ${name}
  namespace: controller
spec:
  hosts: [${host}]
  http:
    - name: r
      directResponse: {status: 204}
`;

/** Polls `f` every 50 ms until it returns a value; the failure also lists the controller's errors. */
const until = <T>(f: () => T | undefined, what: string) => poll(f, () => `${what} (errors: ${errors.join('; ')})`);

const statusOf = (name: string) => {
  const o = JSON.parse(kubectl(['get', 'rt', name, '-n', 'controller', '-o', 'json'])) as { metadata: { generation: number }; status?: { common?: { state?: string } } };
  return o.status ? o : undefined;
};
const hostsInSnapshot = () => cp.current()?.gateway.virtualHosts.flatMap((v) => v.domains) ?? [];

test('kubectl apply → the controller translates it and writes the status through /status', { skip }, async () => {
  kubectl(['apply', '-f', '-'], routeTable('one', 'one.example.com'));
  await until(() => (hostsInSnapshot().includes('one.example.com') ? true : undefined), 'one.example.com in the snapshot');
  const o = await until(() => statusOf('one'), 'status of rt/one');
  assert.ok(o.status, 'a status was written by the controller (the API server has no control plane of its own)');
});

test('a watch the server drops is resumed: a change made while it refused connections is not missed', { skip }, async () => {
  const before = errors.length;
  const routeTableErrors = () => errors.slice(before).filter((e) => e.includes(' /apis/networking.gloo.solo.io/v2/routetables'));
  await command({ cmd: 'drop' });
  // Down for sure: the route tables' watch ended and a reconnection was refused before the change is made.
  await until(() => (routeTableErrors().length >= 2 ? true : undefined), 'the route tables watch dropped and a reconnection refused');
  await command({ cmd: 'apply', resource: { apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name: 'two', namespace: 'controller' }, spec: { hosts: ['two.example.com'], http: [{ name: 'r', directResponse: { status: 204 } }] } } });
  assert.equal(hostsInSnapshot().includes('two.example.com'), false, 'not seen while the server refuses connections');
  await command({ cmd: 'resume' });
  await until(() => (hostsInSnapshot().includes('two.example.com') ? true : undefined), 'two.example.com in the snapshot after the server came back');
  await until(() => statusOf('two'), 'status of rt/two');
  kubectl(['delete', 'rt', 'one', '-n', 'controller']);
  await until(() => (hostsInSnapshot().includes('one.example.com') ? undefined : true), 'one.example.com gone from the snapshot');
});
