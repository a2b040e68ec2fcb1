// Two gateway processes (gateway + ext-auth + rate limiter + portal server each, from the real packages) on one
// Redis (127.0.0.1:6379): a key created through one works on the other, a revoked key fails on both, and a limit
// of 5 per minute holds across both — issue 5 requirement 6.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { startDemo, type Demo } from '@portico/demo';
import { startIdp, type RunningIdp } from '@portico/idp';
import { http } from './support/http.ts';
import { idpTestConfig, userTokens } from './support/login.ts';

const CHILD = new URL('./support/stack-process.ts', import.meta.url).pathname;
let dir: string;
let idp: RunningIdp;
let demo: Demo;
const children: ChildProcess[] = [];
const gateways: { gatewayPort: number; portalPort: number }[] = [];
// Both gateways' rate limiters run on this one frozen clock, so the burst below always falls in one window.
const rateLimitClockMs = Date.now();

async function spawnGateway(name: string, manifests: string): Promise<{ gatewayPort: number; portalPort: number }> {
  const config = { stateDir: join(dir, name), redisUrl: 'redis://127.0.0.1:6379', portalAuth: { issuer: idp.issuer, idTokenAudiences: ['web'] }, manifests, rateLimitClockMs };
  const child = spawn(process.execPath, [CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    lines.once('line', (l) => resolve(JSON.parse(l)));
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-multi-'));
  idp = await startIdp({ port: 0, stateDir: dir, config: idpTestConfig, persistGrants: false });
  demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const manifests = (await readFile(new URL('./__fixtures__/keys-stack.yaml', import.meta.url), 'utf8'))
    .replaceAll('{{TRACKS_PORT}}', String(demo.tracks.port))
    .replaceAll('{{PLANS}}', `plans-${randomBytes(4).toString('hex')}`);
  gateways.push(...(await Promise.all([spawnGateway('a', manifests), spawnGateway('b', manifests)])));
});

after(async () => {
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGTERM'))))));
  await demo.close();
  await idp.close();
  await rm(dir, { recursive: true, force: true });
});

test('two gateway processes on one Redis share API keys, revocations and rate-limit counters', async () => {
  const [a, b] = gateways as [{ gatewayPort: number; portalPort: number }, { gatewayPort: number; portalPort: number }];
  const { idToken } = await userTokens(idp.issuer, 'developer@example.com');
  const name = `multi-${randomBytes(4).toString('hex')}`;
  // Created through gateway A's portal server…
  const made = await http(a.gatewayPort, 'portal.test', '/v1/api-keys', { method: 'POST', headers: { id_token: idToken }, body: JSON.stringify({ usagePlan: 'bronze', apiKeyName: name }) });
  assert.equal(made.status, 201, made.text);
  const { apiKey, id } = made.json();
  // …listed by gateway B's portal server.
  const listed = await http(b.gatewayPort, 'portal.test', '/v1/api-keys', { headers: { id_token: idToken } });
  assert.ok(listed.json()[0].apiKeys.some((k: { id: string }) => k.id === id));

  const call = (port: number) => http(port, 'api.test', '/trackapi/tracks', { headers: { 'api-key': apiKey } });
  const first = await call(b.gatewayPort);
  assert.equal(first.status, 200, 'the key made on A works on B');
  assert.ok(Array.isArray(first.json()));
  const statuses = [first.status];
  for (const port of [a.gatewayPort, b.gatewayPort, a.gatewayPort, b.gatewayPort]) statuses.push((await call(port)).status);
  assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
  for (const port of [a.gatewayPort, b.gatewayPort]) {
    const limited = await call(port);
    assert.equal(limited.status, 429, 'the 5-per-minute limit holds across both gateways');
    assert.equal(limited.headers['x-envoy-ratelimited'], 'true');
    assert.ok(Number(limited.headers['retry-after']) >= 1 && Number(limited.headers['retry-after']) <= 60);
  }

  // Revoked through B: fails at once on both.
  const del = await http(b.gatewayPort, 'portal.test', `/v1/api-keys/${id}`, { method: 'DELETE', headers: { id_token: idToken } });
  assert.equal(del.status, 200);
  for (const port of [a.gatewayPort, b.gatewayPort]) {
    const r = await call(port);
    assert.equal(r.status, 401);
    assert.equal(r.headers['www-authenticate'], 'API key is missing or invalid');
  }
});
