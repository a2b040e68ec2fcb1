// A teams-and-apps portal under `portico up` with two gateway worker processes: the example manifests applied
// through the admin API, an app's key written to the portal database, and every decision (pending, approved,
// the subscription's 3/hour limit, rejected) seen by whichever worker takes each request: each worker's in-memory
// credential view follows the database's commits, so a revocation reaches every gateway replica within 1 s.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPortalAppsDb, PortalApps, type Result } from '@portico/portal-apps';
import { postgresDatabase } from '../../portal-apps/test/support/databases.ts';
import { until } from '@portico/testing';
import { portico, startUp } from './helpers.ts';

const EXAMPLE = new URL('../../../examples/teams-apps/teams-apps-portal.yaml', import.meta.url);

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`${r.code}: ${r.message}`);
  return r.value;
}

// The embedded SQLite database (workers follow its data_version) and PostgreSQL (workers LISTEN for its triggers).
for (const kind of ['sqlite', 'postgres'] as const) test(`portalAuth decisions hold on every gateway worker of portico up (${kind})`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-up-apps-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const state = join(dir, 'state');
  const pgdb = kind === 'postgres' ? await postgresDatabase() : null;
  if (pgdb) t.after(() => pgdb.drop());
  const dbUrl = pgdb?.url ?? join(state, 'portal.db');
  const ports = ['--admin-port', '0', '--gateway-port', '0', '--idp-port', '0', '--petstore-port', '0', '--tracks-port', '0', '--portal-port', '0', '--kube-api-port', '0'];
  const { child, out: output } = await startUp(['--state-dir', state, '--workers', '2', ...(pgdb ? ['--portal-db', pgdb.url] : []), ...ports], { cwd: dir });
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
  const db = await openPortalAppsDb(dbUrl);
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
  /** Four calls in a row (both workers take some) all answering `status`, within 1 s of the change. */
  const everyWorker = (status: number, what: string) =>
    until(async () => ((await calls(4)).every((s) => s === status) ? true : undefined), what, 1000, 10);
  await everyWorker(403, 'pending, on every worker');
  // The limit is set while pending (403s are not counted), so the calls that wait for the approval to show do not
  // count against it. An hourly window: the calls cannot straddle a window boundary in practice (real clock).
  value(await apps.setSubscriptionMetadata(admin, sub.id, { rateLimit: { requestsPerUnit: '3', unit: 'HOUR' } }));
  value(await apps.decideSubscription(admin, sub.id, 'approve'));
  const seen: number[] = [];
  await until(async () => {
    seen.push(await call());
    return seen.at(-1) === 429 ? true : undefined;
  }, 'approved, then limited', 1000, 0);
  assert.deepEqual(seen.filter((s) => s !== 403), [200, 200, 200, 429], `one 3/hour count across the workers (${seen.join(' ')})`);
  value(await apps.decideSubscription(admin, sub.id, 'reject'));
  await everyWorker(403, 'rejected, on every worker within 1 s');
  assert.doesNotMatch(output(), /"level":"error"/);

  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});
