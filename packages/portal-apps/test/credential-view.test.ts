// The gateway's in-memory credential view on both databases: two views (two gateway replicas) follow every change
// a separate store (a portal server) commits — approval, limits and metadata, rejection, a team rename, key and app
// deletion — within 1 s; on PostgreSQL a view whose LISTEN connection is killed reconnects and catches up on what
// changed meanwhile, and one that cannot follow changes fails closed (on SQLite: its feed worker's reload fails).
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openCredentialView, openPortalAppsDb, PortalApps, type AppGrant, type Caller, type CredentialView, type PortalAppsDb, type Result } from '@portico/portal-apps';
import { until } from '@portico/testing';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from './support/databases.ts';

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`${r.code}: ${r.message}`);
  return r.value;
}

/** Revocation and every other change must reach each view within this bound (issue 16). */
const WITHIN_MS = 1000;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`credential view on ${kind}`, () => {
    let tdb: TestDatabase;
    let opened: PortalAppsDb;
    let apps: PortalApps;
    let views: CredentialView[];
    let alice: Caller;
    let admin: Caller;

    before(async () => {
      tdb = kind === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
      opened = await openPortalAppsDb(tdb.url);
      apps = new PortalApps({ db: opened.db });
      alice = value(await apps.caller({ sub: 'alice', email: 'alice@example.com', name: 'Alice', username: null }, false));
      admin = value(await apps.caller({ sub: 'admin', email: 'admin@example.com', name: 'Admin', username: null }, true));
      views = [await openCredentialView(tdb.url), await openCredentialView(tdb.url)];
    });
    after(async () => {
      for (const v of views ?? []) await v.close();
      await opened?.close();
      await tdb?.drop();
    });

    /** Waits until every view's grant for the key satisfies `ok`. */
    const everyView = (key: string, what: string, ok: (g: AppGrant | null) => boolean) =>
      until(async () => {
        for (const v of views) if (!ok(value(await v.lookup({ apiKey: key }, 'tracks')))) return undefined;
        return true;
      }, `every view: ${what}`, WITHIN_MS, 10);

    test('every change a portal server commits reaches every view within 1 s', async () => {
      const team = value(await apps.createTeam(alice, { name: 'view-team' }));
      const app = value(await apps.createApp(alice, team.id, { name: 'view-app' }));
      const key = value(await apps.createApiKey(alice, app.id, { apiKeyName: 'k' })).apiKey!;
      await everyView(key, 'a new key is known, not subscribed', (g) => g?.appId === app.id && g.subscription === null);
      for (const v of views) assert.equal(value(await v.lookup({ apiKey: 'pk_unknown' }, 'tracks')), null);

      const sub = value(await apps.createSubscription(alice, app.id, 'tracks'));
      await everyView(key, 'pending', (g) => g?.subscription?.status === 'pending');
      value(await apps.decideSubscription(admin, sub.id, 'approve'));
      await everyView(key, 'approved', (g) => g?.subscription?.status === 'approved');
      value(await apps.setAppMetadata(admin, app.id, { customMetadata: { tier: 'gold', region: 'eu' }, rateLimit: { requestsPerUnit: '100', unit: 'HOUR' } }));
      value(await apps.setSubscriptionMetadata(admin, sub.id, { customMetadata: { tier: 'platinum' }, rateLimit: { requestsPerUnit: '3', unit: 'MINUTE' } }));
      await everyView(key, 'the subscription limit and metadata over the app ones', (g) =>
        g?.rateLimit?.requestsPerUnit === '3' && g.customMetadata.tier === 'platinum' && g.customMetadata.region === 'eu');
      value(await apps.updateTeam(alice, team.id, { name: 'renamed-team' }));
      await everyView(key, 'the team rename', (g) => g?.teamName === 'renamed-team');

      value(await apps.decideSubscription(admin, sub.id, 'reject'));
      await everyView(key, 'rejected', (g) => g?.subscription?.status === 'rejected');
      const keys = value(await apps.listApiKeys(alice, app.id));
      value(await apps.deleteApiKey(alice, keys[0]!.id));
      await everyView(key, 'the deleted key is unknown', (g) => g === null);

      const key2 = value(await apps.createApiKey(alice, app.id, { apiKeyName: 'k2' })).apiKey!;
      await everyView(key2, 'the second key is known', (g) => g !== null);
      value(await apps.deleteApp(alice, app.id));
      await everyView(key2, "the deleted app's key is unknown", (g) => g === null);
    });

    test('a credential used the instant after it was created is found: a miss waits for the feed, not the next poll', async () => {
      const team = value(await apps.createTeam(alice, { name: 'instant-team' }));
      const app = value(await apps.createApp(alice, team.id, { name: 'instant-app' }));
      // A view that polls rarely: only the miss barrier can have brought the key in.
      const slow = await openCredentialView(tdb.url, { pollMs: 60_000 });
      try {
        for (let i = 0; i < 3; i++) {
          const key = value(await apps.createApiKey(alice, app.id, { apiKeyName: `instant-${i}` })).apiKey!;
          const [a, b] = await Promise.all([slow.lookup({ apiKey: key }, 'tracks'), slow.lookup({ apiKey: key }, 'tracks')]);
          assert.equal(value(a)?.appId, app.id, `key ${i} found at once`);
          assert.equal(value(b)?.appId, app.id, `key ${i} found at once by a concurrent lookup`);
        }
        // Unknown credentials still answer null (after one shared catch-up), and leave nothing behind.
        const unknown = await Promise.all(Array.from({ length: 200 }, (_, i) => slow.lookup({ apiKey: `pk_nobody_${i}` }, 'tracks')));
        assert.ok(unknown.every((r) => value(r) === null));
      } finally {
        await slow.close();
      }
    });

    if (kind === 'sqlite') {
      test("a view whose feed worker cannot read the apps fails closed, and answers again once it can", async () => {
        const other = sqliteDatabase();
        const seed = await openPortalAppsDb(other.url);
        await seed.close();
        let now = 0;
        const errors: Error[] = [];
        const view = await openCredentialView(other.url, { now: () => now, onError: (e) => errors.push(e) });
        const writer = new DatabaseSync(other.url);
        try {
          assert.deepEqual(value(await view.lookup({ apiKey: 'pk_x' }, 'tracks')), null);
          writer.exec('ALTER TABLE apps RENAME TO apps_gone'); // moves data_version: the worker's reload fails
          const r = await until(async () => {
            now += 2000;
            const r = await view.lookup({ apiKey: 'pk_x' }, 'tracks');
            return r.ok ? undefined : r;
          }, 'the view reports it cannot follow changes', 5000, 20);
          assert.equal(r.ok, false);
          if (!r.ok) assert.equal(r.code, 'APPS_UNAVAILABLE');
          assert.ok(errors.some((e) => /apps/.test(e.message)), 'the reload failure reached onError');
          writer.exec('ALTER TABLE apps_gone RENAME TO apps');
          await until(async () => ((await view.lookup({ apiKey: 'pk_x' }, 'tracks')).ok || undefined), 'the view follows changes again', 5000, 20);
        } finally {
          writer.close();
          await view.close();
          await other.drop();
        }
      });
    }

    if (kind === 'postgres') {
      test('a killed LISTEN connection: the view reconnects and catches up on what changed meanwhile', async () => {
        const team = value(await apps.createTeam(alice, { name: 'reconnect-team' }));
        const app = value(await apps.createApp(alice, team.id, { name: 'reconnect-app' }));
        const key = value(await apps.createApiKey(alice, app.id, { apiKeyName: 'k' })).apiKey!;
        const sub = value(await apps.createSubscription(alice, app.id, 'tracks'));
        await everyView(key, 'pending', (g) => g?.subscription?.status === 'pending');
        const c = new pg.Client({ connectionString: tdb.url });
        await c.connect();
        try {
          const killed = await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'portico-credential-view' AND pid <> pg_backend_pid()`);
          assert.equal(killed.rowCount, 2, 'both views listen');
          value(await apps.decideSubscription(admin, sub.id, 'approve'));
          await everyView(key, 'approved after the reconnect', (g) => g?.subscription?.status === 'approved');
        } finally {
          await c.end();
        }
      });

      test('a view that cannot follow changes (its database is gone) fails closed', async () => {
        const other = await postgresDatabase();
        const seed = await openPortalAppsDb(other.url);
        await seed.close();
        let now = 0;
        const view = await openCredentialView(other.url, { now: () => now, onError: () => undefined });
        try {
          assert.deepEqual(value(await view.lookup({ apiKey: 'pk_x' }, 'tracks')), null);
          await other.drop(); // terminates the view's connections; reconnecting fails
          await until(async () => {
            now += 2000;
            const r = await view.lookup({ apiKey: 'pk_x' }, 'tracks');
            return r.ok ? undefined : r;
          }, 'the view reports it cannot follow changes', 5000, 20).then((r) => {
            assert.equal(r.ok, false);
            if (!r.ok) assert.equal(r.code, 'APPS_UNAVAILABLE');
          });
        } finally {
          await view.close();
        }
      });
    }
  });
}
