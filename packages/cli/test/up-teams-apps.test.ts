// A teams-and-apps portal under `portico up` with two gateway worker processes: the example manifests applied
// through the admin API, an app's key written to the portal database, and every decision (pending, approved,
// the subscription's 3/hour limit, rejected) seen by whichever worker takes each request — revocation reaches
// every gateway replica from the next request on.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPortalAppsDb, PortalApps, type Result } from '@portico/portal-apps';
import { portico, startUp } from './helpers.ts';

const EXAMPLE = new URL('../../../examples/teams-apps/teams-apps-portal.yaml', import.meta.url);

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`${r.code}: ${r.message}`);
  return r.value;
}

test('portalAuth decisions hold on every gateway worker of portico up', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-up-apps-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const state = join(dir, 'state');
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--idp-port', '0', '--petstore-port', '0', '--tracks-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const { child, out: output } = await startUp(['--state-dir', state, '--workers', '2', ...ports], { cwd: dir });
  t.after(() => child.kill('SIGKILL'));
  const out = output();
  const field = (label: string) => new RegExp(`${label}\\s+(http://\\S+)`).exec(out)?.[1] ?? assert.fail(`no ${label} in ${out}`);
  const gatewayPort = new URL(field('gateway')).port;
  const manifests = readFileSync(EXAMPLE, 'utf8')
    .replaceAll('number: 8082', `number: ${new URL(field('demo tracks')).port}`)
    .replaceAll('http://localhost:9000', field('dev IdP'));
  writeFileSync(join(dir, 'apps.yaml'), manifests);
  const applied = await portico(['--server', field('admin API'), 'apply', '-f', join(dir, 'apps.yaml')], { env: { KUBECONFIG: join(state, 'kubeconfig') } });
  assert.equal(applied.code, 0, applied.stderr);

  // What the portal server would write on a member's and an admin's requests, straight into the same database.
  const db = await openPortalAppsDb(join(state, 'portal.db'));
  t.after(() => db.close());
  const apps = new PortalApps({ db: db.db });
  const member = value(await apps.caller({ sub: 'm', email: 'member@example.com', name: 'Member', username: null }, false));
  const admin = value(await apps.caller({ sub: 'a', email: 'admin@example.com', name: 'Admin', username: null }, true));
  const team = value(await apps.createTeam(member, { name: 'workers' }));
  const app = value(await apps.createApp(member, team.id, { name: 'worker-app' }));
  const { apiKey } = value(await apps.createApiKey(member, app.id, { apiKeyName: 'k' }));
  const sub = value(await apps.createSubscription(member, app.id, 'tracks-for-apps'));

  const call = () =>
    new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: gatewayPort, path: '/trackapi/tracks', headers: { host: 'apps-api.localhost', 'api-key': apiKey!, connection: 'close' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
  const calls = async (n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push(await call());
    return statuses;
  };
  assert.deepEqual(await calls(4), [403, 403, 403, 403], 'pending');
  value(await apps.decideSubscription(admin, sub.id, 'approve'));
  assert.deepEqual(await calls(4), [200, 200, 200, 200], 'approved, on every worker');
  // An hourly window, so the four calls cannot straddle a window boundary in practice (the service's clock is real).
  value(await apps.setSubscriptionMetadata(admin, sub.id, { rateLimit: { requestsPerUnit: '3', unit: 'HOUR' } }));
  assert.deepEqual(await calls(4), [200, 200, 200, 429], 'one 3/hour count across the workers');
  value(await apps.decideSubscription(admin, sub.id, 'reject'));
  assert.deepEqual(await calls(4), [403, 403, 403, 403], 'rejected: the next request on every worker');
  assert.doesNotMatch(output(), /"level":"error"/);

  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});
