// The model and its rules on both databases (node:sqlite and a real PostgreSQL database of its own): roles,
// 409s, 404 vs 403, transactions (a deleted app takes its keys, subscriptions and metadata along), hashed keys,
// the gateway lookup, and two stores on one PostgreSQL database racing for the same unique name.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDbCredentialLookup, openPortalAppsDb, PortalApps, type Caller, type PortalAppsDb, type Result } from '@portico/portal-apps';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from './support/databases.ts';

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`${r.code}: ${r.message}`);
  return r.value;
}

function failure<T>(r: Result<T>, code: string, message?: RegExp): void {
  assert.equal(r.ok, false, 'expected a failure');
  if (r.ok) return;
  assert.equal(r.code, code, r.message);
  if (message) assert.match(r.message, message);
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`portal-apps on ${kind}`, () => {
    let tdb: TestDatabase;
    let opened: PortalAppsDb;
    let apps: PortalApps;
    let alice: Caller;
    let bob: Caller;
    let admin: Caller;

    before(async () => {
      tdb = kind === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
      opened = await openPortalAppsDb(tdb.url);
      apps = new PortalApps({ db: opened.db });
      alice = value(await apps.caller({ sub: 'alice-sub', email: 'Alice@example.com', name: 'Alice', username: 'alice' }, false));
      bob = value(await apps.caller({ sub: 'bob-sub', email: 'bob@example.com', name: 'Bob', username: null }, false));
      admin = value(await apps.caller({ sub: 'admin-sub', email: 'admin@example.com', name: 'Admin', username: null }, true));
    });
    after(async () => {
      await opened?.close();
      await tdb?.drop();
    });

    test('users: PUT /me upserts, an e-mail-added user becomes synced on first sign-in', async () => {
      const me = value(await apps.findUser({ sub: 'alice-sub', email: null, name: null, username: null }, false));
      assert.equal(me?.email, 'alice@example.com');
      assert.equal(me?.synced, true);
      assert.equal(value(await apps.findUser({ sub: 'nobody', email: 'nobody@example.com', name: null, username: null }, false)), null);
      const team = value(await apps.createTeam(alice, { name: 'sync-team' }));
      const added = value(await apps.addMember(alice, team.id, { email: 'Carol@Example.com' }));
      assert.equal(added.synced, false);
      const first = value(await apps.upsertUser({ sub: 'carol-sub', email: 'carol@example.com', name: 'Carol', username: 'carol' }, false));
      assert.equal(first.created, false);
      assert.equal(first.user.id, added.id);
      assert.equal(first.user.synced, true);
      failure(await apps.upsertUser({ sub: 'other-carol-sub', email: 'carol@example.com', name: 'Carol', username: null }, false), 'APPS_CONFLICT', /already belongs to another portal user/);
    });

    test('teams: creator is a member, names are unique, admins cannot create, non-members get 403', async () => {
      const team = value(await apps.createTeam(alice, { name: 'payments', description: 'the payments team' }));
      failure(await apps.createTeam(bob, { name: 'payments' }), 'APPS_CONFLICT', /name: a team named "payments" already exists/);
      failure(await apps.createTeam(admin, { name: 'admins-team' }), 'APPS_FORBIDDEN');
      failure(await apps.createTeam(alice, { name: '  ' }), 'APPS_INVALID', /^name: required$/);
      assert.ok(value(await apps.listTeams(alice)).some((t) => t.id === team.id));
      assert.ok(!value(await apps.listTeams(bob)).some((t) => t.id === team.id));
      assert.ok(value(await apps.listTeams(admin)).some((t) => t.id === team.id));
      failure(await apps.getTeam(bob, team.id), 'APPS_FORBIDDEN');
      failure(await apps.getTeam(alice, '00000000-0000-4000-8000-000000000000'), 'APPS_NOT_FOUND');
      assert.deepEqual(value(await apps.listMembers(alice, team.id)).map((u) => u.email), ['alice@example.com']);
      value(await apps.addMember(alice, team.id, { email: 'bob@example.com' }));
      failure(await apps.addMember(alice, team.id, { email: 'bob@example.com' }), 'APPS_CONFLICT');
      failure(await apps.addMember(alice, team.id, { email: 'not-an-email' }), 'APPS_INVALID', /^email:/);
      assert.equal(value(await apps.getTeam(bob, team.id)).name, 'payments');
      failure(await apps.deleteTeam(alice, team.id), 'APPS_INVALID', /still has 2 member\(s\) and 0 app\(s\)/);
      value(await apps.removeMember(alice, team.id, bob.userId));
      failure(await apps.removeMember(alice, team.id, bob.userId), 'APPS_NOT_FOUND');
      value(await apps.removeMember(admin, team.id, alice.userId));
      value(await apps.deleteTeam(admin, team.id));
      failure(await apps.getTeam(admin, team.id), 'APPS_NOT_FOUND');
    });

    test('apps, keys, subscriptions, metadata; the gateway lookup follows every change', async () => {
      const team = value(await apps.createTeam(alice, { name: 'tracks-team' }));
      const app = value(await apps.createApp(alice, team.id, { name: 'tracks-app', description: 'd' }));
      failure(await apps.createApp(alice, team.id, { name: 'tracks-app' }), 'APPS_CONFLICT', /already has an app named "tracks-app"/);
      failure(await apps.createApp(bob, team.id, { name: 'x' }), 'APPS_FORBIDDEN');
      failure(await apps.createApp(admin, team.id, { name: 'x' }), 'APPS_FORBIDDEN');
      failure(await apps.getApp(bob, app.id), 'APPS_FORBIDDEN');
      const key = value(await apps.createApiKey(alice, app.id, { apiKeyName: 'ci' }));
      assert.match(key.apiKey!, /^pk_/);
      failure(await apps.createApiKey(alice, app.id, { apiKeyName: 'ci' }), 'APPS_CONFLICT');
      assert.equal(value(await apps.listApiKeys(alice, app.id))[0]!.apiKey, undefined);
      const stored = await opened.db.selectFrom('app_api_keys').selectAll().execute();
      assert.ok(stored.every((r) => !JSON.stringify(r).includes(key.apiKey!)), 'the key is never stored in clear');

      const lookup = createDbCredentialLookup(opened.db);
      const grant = async () => value(await lookup.lookup({ apiKey: key.apiKey! }, 'tracks'));
      assert.equal((await grant())?.subscription, null);
      assert.equal(value(await lookup.lookup({ apiKey: 'pk_unknown' }, 'tracks')), null);

      const sub = value(await apps.createSubscription(alice, app.id, 'tracks'));
      failure(await apps.createSubscription(alice, app.id, 'tracks'), 'APPS_CONFLICT', /already has a subscription to tracks/);
      assert.equal((await grant())?.subscription?.status, 'pending');
      failure(await apps.decideSubscription(alice, sub.id, 'approve'), 'APPS_FORBIDDEN', /only portal admins may approve/);
      assert.equal(value(await apps.decideSubscription(admin, sub.id, 'approve')).approved, true);
      assert.equal((await grant())?.subscription?.status, 'approved');
      assert.deepEqual(value(await apps.listSubscriptions(alice, 'approved')).map((s) => s.id), [sub.id]);
      assert.deepEqual(value(await apps.listSubscriptions(bob, 'approved')), []);
      assert.deepEqual(value(await apps.listSubscriptions(admin, 'pending')).filter((s) => s.id === sub.id), []);

      value(await apps.setAppMetadata(admin, app.id, { customMetadata: { tier: 'gold', region: 'eu' }, rateLimit: { requestsPerUnit: '100', unit: 'HOUR' } }));
      assert.deepEqual((await grant())?.rateLimit, { requestsPerUnit: '100', unit: 'HOUR' });
      value(await apps.setSubscriptionMetadata(admin, sub.id, { rateLimit: { requestsPerUnit: 3, unit: 'MINUTE' }, customMetadata: { tier: 'platinum' } }));
      const g = await grant();
      assert.deepEqual(g?.rateLimit, { requestsPerUnit: '3', unit: 'MINUTE' }, 'the subscription limit overrides the app limit');
      assert.deepEqual(g?.customMetadata, { tier: 'platinum', region: 'eu' });
      // customMetadata replaces; an omitted rateLimit stays.
      const m = value(await apps.setAppMetadata(admin, app.id, { customMetadata: { region: 'us' } }));
      assert.deepEqual(m.customMetadata, { region: 'us' });
      assert.deepEqual(m.rateLimit, { requestsPerUnit: '100', unit: 'HOUR' });
      failure(await apps.setAppMetadata(alice, app.id, { customMetadata: {} }), 'APPS_FORBIDDEN');
      failure(await apps.setAppMetadata(admin, app.id, { rateLimit: { requestsPerUnit: '-1', unit: 'MINUTE' } }), 'APPS_INVALID', /rateLimit.requestsPerUnit/);
      failure(await apps.setAppMetadata(admin, app.id, { rateLimit: { requestsPerUnit: '1', unit: 'WEEK' } }), 'APPS_INVALID', /rateLimit.unit/);

      assert.equal(value(await apps.decideSubscription(admin, sub.id, 'reject')).rejected, true);
      assert.equal((await grant())?.subscription?.status, 'rejected');

      value(await apps.deleteApiKey(alice, key.id));
      assert.equal(await grant(), null, 'a deleted key is unknown at once');
      failure(await apps.deleteApiKey(alice, key.id), 'APPS_NOT_FOUND');

      const key2 = value(await apps.createApiKey(alice, app.id, { apiKeyName: 'ci' }));
      value(await apps.deleteApp(alice, app.id));
      assert.equal(value(await lookup.lookup({ apiKey: key2.apiKey! }, 'tracks')), null);
      for (const table of ['app_api_keys', 'subscriptions', 'metadata'] as const) {
        const left = await opened.db.selectFrom(table).selectAll().execute();
        assert.equal(left.filter((r) => JSON.stringify(r).includes(app.id) || JSON.stringify(r).includes(sub.id)).length, 0, `${table} rows of the app are gone`);
      }
      failure(await apps.getOauthCredential(alice, app.id), 'APPS_NOT_FOUND');
    });

    test('a second store on the same database: migrations run once, a racing duplicate is a 409', async () => {
      const other = await openPortalAppsDb(tdb.url);
      try {
        const apps2 = new PortalApps({ db: other.db });
        // node:sqlite is synchronous: two stores in one process cannot interleave, so they race on PostgreSQL only.
        const results =
          kind === 'postgres'
            ? await Promise.all([apps.createTeam(alice, { name: 'race' }), apps2.createTeam(bob, { name: 'race' })])
            : [await apps.createTeam(alice, { name: 'race' }), await apps2.createTeam(bob, { name: 'race' })];
        assert.equal(results.filter((r) => r.ok).length, 1);
        failure(results.find((r) => !r.ok)!, 'APPS_CONFLICT');
        const migrations = await other.db.selectFrom('kysely_migration' as never).selectAll().execute();
        assert.equal(migrations.length, 2, 'each migration recorded once');
      } finally {
        await other.close();
      }
    });
  });
}

describe('replicas starting together', () => {
  test('several portal servers migrating one fresh PostgreSQL database at once: one applies, all start', async () => {
    const tdb = await postgresDatabase();
    try {
      const all = await Promise.all([1, 2, 3].map(() => openPortalAppsDb(tdb.url)));
      const applied = await all[0]!.db.selectFrom('kysely_migration' as never).selectAll().execute();
      assert.equal(applied.length, 2, 'each migration applied once');
      await Promise.all(all.map((d) => d.close()));
    } finally {
      await tdb.drop();
    }
  });
});

describe('an unavailable database', () => {
  test('opening names the database; operations and gateway lookups fail with APPS_UNAVAILABLE instead of throwing', async () => {
    await assert.rejects(openPortalAppsDb('postgres://postgres@127.0.0.1:1/nothing'), /portal database postgres \(postgres:\/\/postgres@127\.0\.0\.1:1\/nothing\): migration failed/);
    const tdb = await postgresDatabase();
    const opened = await openPortalAppsDb(tdb.url);
    const apps = new PortalApps({ db: opened.db });
    const lookup = createDbCredentialLookup(opened.db);
    await opened.close();
    await tdb.drop();
    failure(await apps.listTeams({ userId: 'u', isAdmin: true }), 'APPS_UNAVAILABLE', /^portal database unavailable: /);
    failure(await apps.createTeam({ userId: 'u', isAdmin: false }, { name: 't' }), 'APPS_UNAVAILABLE');
    failure(await lookup.lookup({ apiKey: 'pk_x' }, 'tracks'), 'APPS_UNAVAILABLE');
  });
});
