// `portico up --quickstart` as a real process, every port ephemeral: it starts, applies the quickstart, prints
// where things listen, answers the seed's query through its admin API, serves HTTP on the gateway, and stops
// cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { portico, startUp } from './helpers.ts';

test('up --quickstart starts everything, applies the quickstart and stops on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-up-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--idp-port', '0', '--petstore-port', '0', '--tracks-port', '0'];
  // cwd: an empty PORTICO_STATE_DIR below must not make anything land in the working directory
  const { child, out: output } = await startUp(['--quickstart', '--state-dir', join(dir, 'state'), ...ports], { cwd: dir, env: { PORTICO_STATE_DIR: '' } });
  t.after(() => child.kill('SIGKILL'));
  const out = output();
  const admin = /admin API\s+(http:\/\/\S+)/.exec(out)?.[1];
  const gateway = /gateway\s+(http:\/\/\S+)/.exec(out)?.[1];
  assert.ok(admin && gateway, out);
  assert.match(out, /Quickstart: \d+ resource\(s\) applied from examples\/quickstart\/\n/);
  assert.doesNotMatch(out, /"level":"error"/);
  assert.match(out, /curl -i --resolve api\.example\.com:\d+:127\.0\.0\.1 http:\/\/api\.example\.com:\d+\/trackapi\/tracks +# 403 without a token/);
  assert.match(out, /Prometheus metrics at \/metrics/);
  // The portal login (the OIDC step) sends the browser to the IdP and keeps its session key in --state-dir.
  const login = await new Promise<number>((resolve, reject) => {
    const u = new URL(gateway);
    request({ host: u.hostname, port: u.port, path: '/v1/login', headers: { host: 'portal.localhost' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
  assert.ok(login === 302 || login === 403, String(login)); // 403 when the quickstart's issuer (port 9000) is not this run's ephemeral IdP
  assert.ok(existsSync(join(dir, 'state', 'ext-auth', 'session.key')), 'session key in the state directory');
  const ready = await fetch(`${admin}/readyz`);
  assert.equal(ready.status, 200, 'ready once the gateway has its first configuration');
  assert.deepEqual(await ready.json(), { ok: true });
  // Node clients (Solo's Backstage plugin) read the portal server at its own address: the quickstart Portal lists it.
  const portal = /portal server (http:\/\/\S+)/.exec(output())?.[1];
  assert.ok(portal, output());
  const apis = await fetch(`${portal}/v1/apis`);
  assert.equal(apis.status, 200);
  assert.deepEqual(((await apis.json()) as { apiProductId: string }[]).map((p) => p.apiProductId).sort(), ['petstore', 'tracks']);
  // The admin API takes the token portico up keeps in the state directory (and writes into the kubeconfig).
  const token = readFileSync(join(dir, 'state', 'token'), 'utf8').trim();
  assert.equal((await fetch(`${admin}/metrics`)).status, 401);
  const metrics = await fetch(`${admin}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(metrics.status, 200);
  assert.match(await metrics.text(), /# TYPE \S+ counter/);

  const q = await portico(['--server', admin, 'get', 'rt', '-n', 'gloo-mesh-gateways', '-o=jsonpath={range .items[*]}[{.metadata.name}, {.spec.portalMetadata.apiProductId}]{"\\n"}{end}'], { env: { KUBECONFIG: join(dir, 'state', 'kubeconfig') } });
  assert.equal(q.stdout, '[api-example-com-rt, ]\n[petstore-rt, petstore]\n[tracks-rt, tracks]\n');
  const res = await fetch(`${gateway}/nothing-here`, { headers: { host: 'unknown.example.com' } });
  assert.equal(res.status, 404);
  await res.arrayBuffer();

  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});

test('up refuses a bad port with an error naming the flag and env var', async () => {
  const r = await portico(['up', '--admin-port', 'abc']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /adminPort must be a port number 0-65535, got "abc" \(flag or PORTICO_ADMIN_PORT\)/);
});

test('up refuses a bad --drain-timeout, naming it', async () => {
  const r = await portico(['up', '--drain-timeout', 'soon']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--drain-timeout must be seconds between 0 and 3600, got "soon"/);
});
