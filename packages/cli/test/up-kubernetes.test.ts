// portico up --kubernetes --kubeconfig: the whole data plane follows a Kubernetes API server in another process.
// A route table applied there with real kubectl is served by this process's gateway, and its status is written back.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { skipReason } from '@portico/testing';
import { startUp } from './helpers.ts';

/** GET with a Host header (fetch does not let a caller set it). */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

const API_SERVER = fileURLToPath(new URL('../../kube-store/test/support/api-server.ts', import.meta.url));
const skip = skipReason(spawnSync('sh', ['-c', 'command -v kubectl']).status === 0, 'kubectl');
const children: ChildProcess[] = [];
const dirs: string[] = [];
after(() => {
  for (const c of children) c.kill('SIGTERM');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('portico up --kubernetes serves what kubectl applied to the API server, and writes its status there', { skip }, async () => {
  const apiDir = mkdtempSync(join(tmpdir(), 'portico-apiserver-'));
  const upDir = mkdtempSync(join(tmpdir(), 'portico-controller-'));
  dirs.push(apiDir, upDir);
  const server = spawn(process.execPath, [API_SERVER, apiDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(server);
  const { kubeconfig } = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve))) as { kubeconfig: string };
  const kubectl = (args: string[], input?: string) => {
    const r = spawnSync('kubectl', args, { input, encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig, HOME: apiDir }, timeout: 30_000 });
    assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  kubectl(['apply', '-f', '-'], `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: hello, namespace: apps}
spec:
  hosts: [hello.example.com]
  http: [{name: hi, directResponse: {status: 200, body: "hello from the cluster"}}]
`);
  const up = await startUp(['--kubernetes', '--kubeconfig', kubeconfig, '--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--no-demo', '--no-idp', '--workers', '0'], { cwd: upDir });
  children.push(up.child);
  assert.doesNotMatch(up.out(), /Kubernetes API {3}/, 'no Kubernetes API of its own in controller mode');
  const gateway = /gateway +(http:\/\/\S+)/.exec(up.out())![1]!;
  const end = Date.now() + 20_000;
  let res: { status: number; body: string };
  for (;;) {
    res = await get(gateway, 'hello.example.com');
    if (res.status === 200 || Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(res.status, 200, res.body);
  assert.equal(res.body, 'hello from the cluster');
  const status = JSON.parse(kubectl(['get', 'rt', 'hello', '-n', 'apps', '-o', 'json'])).status;
  assert.ok(status, 'the controller wrote the status through the API server');
});
