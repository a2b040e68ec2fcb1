// The credential view's feed relayed over real IPC (`portico up --workers N` on the embedded stores): the parent
// runs the SQLite portal database and the one real feed (startAppsFeedRelay), and serves forked child processes
// whose views follow it over their channel (relayedAppsFeed in fixtures/relayed-view.ts) — no thread in the child.
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, test } from 'node:test';
import type { FeedRelayChannel } from '@portico/async';
import { openPortalAppsDb, PortalApps, startAppsFeedRelay, type AppGrant, type AppsFeedRelay, type Caller, type PortalAppsDb, type Result } from '@portico/portal-apps';
import { forkFixture, until, type ForkedFixture } from '@portico/testing';
import type { ViewAsk } from './fixtures/relayed-view.ts';
import { sqliteDatabase, type TestDatabase } from './support/databases.ts';

const FIXTURE = new URL('./fixtures/relayed-view.ts', import.meta.url);
/** Revocation must reach every view within this bound (issue 16). */
const WITHIN_MS = 1000;
/** A poll period no test waits for: what arrives, arrived through a sync. */
const NEVER_MS = 3_600_000;

function value<T>(r: Result<T>): T {
  if (!r.ok) assert.fail(`${r.code}: ${r.message}`);
  return r.value;
}

type Looked = { result: Result<AppGrant | null>; errors: string[] };
type Child = ForkedFixture & { lookup(apiKey: string): Promise<Looked> };

describe('credential view relayed to child processes', () => {
  let tdb: TestDatabase;
  let opened: PortalAppsDb;
  let apps: PortalApps;
  let alice: Caller;
  const children: ForkedFixture[] = [];
  const relays: AppsFeedRelay[] = [];

  before(async () => {
    tdb = sqliteDatabase();
    opened = await openPortalAppsDb(tdb.url);
    apps = new PortalApps({ db: opened.db });
    alice = value(await apps.caller({ sub: 'alice', email: 'alice@example.com', name: 'Alice', username: null }, false));
  });
  after(async () => {
    for (const c of children) await c.stop();
    for (const r of relays) await r.close();
    await opened?.close();
    await tdb?.drop();
  });

  async function relay(pollMs?: number) {
    const r = await startAppsFeedRelay(tdb.url, pollMs ? { pollMs } : {});
    relays.push(r);
    return r;
  }
  async function child(r: AppsFeedRelay, staleAfterMs = 0): Promise<Child> {
    const f = forkFixture(FIXTURE, [String(staleAfterMs)]);
    children.push(f);
    r.serve(f.child as unknown as FeedRelayChannel);
    await f.ready;
    return Object.assign(f, { lookup: (apiKey: string) => f.ask<Looked>({ apiKey, apiProductId: 'tracks' } satisfies ViewAsk) });
  }
  async function appWithKey(name: string) {
    const team = value(await apps.createTeam(alice, { name: `${name}-team` }));
    const app = value(await apps.createApp(alice, team.id, { name }));
    const key = value(await apps.createApiKey(alice, app.id, { apiKeyName: 'k' }));
    return { app, key: key.apiKey!, keyId: key.id };
  }
  const grant = (l: Looked) => value(l.result);

  test('a new key reaches the child; a revoked one stops matching within 1 s', async () => {
    const r = await relay();
    const c = await child(r);
    const { app, key, keyId } = await appWithKey('relayed');
    assert.equal(grant(await c.lookup(key))?.appId, app.id);
    value(await apps.deleteApiKey(alice, keyId));
    await until(async () => (grant(await c.lookup(key)) === null ? true : undefined), 'the revoked key stops matching in the child', WITHIN_MS, 10);
  });

  test('a miss right after a create is answered after one sync round trip, not a poll', async () => {
    const r = await relay(NEVER_MS);
    const c = await child(r);
    const { app, key } = await appWithKey('fresh');
    assert.equal(grant(await c.lookup(key))?.appId, app.id, 'the first lookup already finds the key');
    const unknown = await Promise.all(Array.from({ length: 20 }, (_, i) => c.lookup(`pk_unknown_${i}`)));
    assert.deepEqual(unknown.map(grant), Array(20).fill(null));
  });

  test('a child that starts late (or is restarted) gets every app first', async () => {
    const r = await relay(NEVER_MS);
    const made = [await appWithKey('late-1'), await appWithKey('late-2')];
    const first = await child(r);
    for (const m of made) assert.equal(grant(await first.lookup(m.key))?.appId, m.app.id); // synced into the primary
    const late = await child(r);
    // No poll runs and late has not synced: what it finds came with its start (the primary's mirror).
    const db = new DatabaseSync(tdb.url);
    try {
      db.exec('ALTER TABLE apps RENAME TO apps_hidden'); // a sync now would fail: the primary cannot read apps
      for (const m of made) assert.equal(grant(await late.lookup(m.key))?.appId, m.app.id);
    } finally {
      db.exec('ALTER TABLE apps_hidden RENAME TO apps');
      db.close();
    }
    await first.stop();
    assert.ok(grant(await late.lookup(made[0]!.key)), 'a stopped sibling does not disturb the others');
  });

  test('the source losing the database reaches the child (fails closed), and its recovery too', async () => {
    const r = await relay();
    const c = await child(r);
    const db = new DatabaseSync(tdb.url);
    try {
      db.exec('ALTER TABLE apps RENAME TO apps_gone'); // moves data_version: the source's reload fails
      const l = await until(async () => {
        const l = await c.lookup('pk_x');
        return l.result.ok ? undefined : l;
      }, 'the child fails closed', 5000, 10);
      assert.equal(!l.result.ok && l.result.code, 'APPS_UNAVAILABLE');
      assert.ok(l.errors.some((e) => /apps/.test(e)), 'the source’s error reached the child');
      db.exec('ALTER TABLE apps_gone RENAME TO apps');
      await until(async () => ((await c.lookup('pk_x')).result.ok ? true : undefined), 'the child answers again', 5000, 10);
    } finally {
      db.close();
    }
  });

  test('the child’s view fails closed when the parent disconnects', async () => {
    const r = await relay();
    const c = await child(r);
    assert.ok((await c.lookup('pk_x')).result.ok);
    c.child.disconnect();
    await c.exited;
    const l = c.printed[0] as Looked;
    assert.equal(!l.result.ok && l.result.code, 'APPS_UNAVAILABLE');
    assert.ok(l.errors.some((e) => /portal-apps feed relay: the channel to the primary process closed/.test(e)));
  });
});
