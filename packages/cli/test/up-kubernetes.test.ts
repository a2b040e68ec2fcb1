// portico up --kubernetes --kubeconfig: the whole data plane follows a Kubernetes API server in another process.
// A route table applied there with real kubectl is served by this process's gateway, and its status is written back.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { until } from '@portico/testing';
import { startUp } from './helpers.ts';
import { cleanup, skipWithoutKubectl, startApiServerProcess, tempDir, track } from './kube-api-process.ts';

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

after(cleanup);

test('portico up --kubernetes serves what kubectl applied to the API server, and writes its status there', { skip: skipWithoutKubectl }, async () => {
  const upDir = tempDir('portico-controller-');
  const { kubeconfig, kubectl } = await startApiServerProcess();
  kubectl(['apply', '-f', '-'], `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: hello, namespace: apps}
spec:
  hosts: [hello.example.com]
  http: [{name: hi, directResponse: {status: 200, body: "hello from the cluster"}}]
`);
  const up = await startUp(['--kubernetes', '--kubeconfig', kubeconfig, '--admin-port', '0', '--gateway-port', '0', '--portal-port', '0', '--no-demo', '--no-idp', '--workers', '0'], { cwd: upDir });
  track(up.child);
  assert.doesNotMatch(up.out(), /Kubernetes API {3}/, 'no Kubernetes API of its own in controller mode');
  const gateway = /gateway +(http:\/\/\S+)/.exec(up.out())![1]!;
  const res = await until(async () => {
    const r = await get(gateway, 'hello.example.com');
    return r.status === 200 ? r : undefined;
  }, 'the gateway serves hello.example.com', 20_000, 100);
  assert.equal(res.body, 'hello from the cluster');
  const status = JSON.parse(kubectl(['get', 'rt', 'hello', '-n', 'apps', '-o', 'json'])).status;
  assert.ok(status, 'the controller wrote the status through the API server');
});
