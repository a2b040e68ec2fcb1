// The memory and sqlite session stores behave alike: set/get/delete, expiry by TTL, survive reopen (sqlite).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { createMemorySessionStore } from './memory-store.ts';
import type { OidcSession, SessionStore } from './session-store.ts';
import { createSqliteSessionStore } from './sqlite-store.ts';

const session: OidcSession = { idToken: 'a.b.c', accessToken: 'at', refreshToken: null, expiresAt: 123 };

async function exercise(store: SessionStore, clock: { t: number }) {
  assert.deepEqual(await store.get('missing'), { ok: true, value: undefined });
  assert.ok((await store.set('s1', session, 60)).ok);
  assert.deepEqual(await store.get('s1'), { ok: true, value: session });
  clock.t += 61_000;
  assert.deepEqual(await store.get('s1'), { ok: true, value: undefined }, 'expired');
  await store.set('s2', session, 0);
  clock.t += 10 ** 9;
  assert.deepEqual(await store.get('s2'), { ok: true, value: session }, 'ttl 0 keeps the session');
  await store.delete('s2');
  assert.deepEqual(await store.get('s2'), { ok: true, value: undefined });
}

it('memory store', async () => {
  const clock = { t: 1_000_000 };
  const store = createMemorySessionStore(() => clock.t);
  await exercise(store, clock);
  await store.close();
});

it('sqlite store, including a reopen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-sessions-'));
  try {
    const clock = { t: 1_000_000 };
    const path = join(dir, 'nested', 'sessions.sqlite');
    const store = createSqliteSessionStore(path, () => clock.t);
    await exercise(store, clock);
    await store.set('kept', session, 3600);
    await store.close();
    const reopened = createSqliteSessionStore(path, () => clock.t);
    assert.deepEqual(await reopened.get('kept'), { ok: true, value: session });
    await reopened.close();
    const closed = await reopened.get('kept');
    assert.ok(!closed.ok && closed.code === 'AUTH_SESSION_STORE_UNAVAILABLE', 'failures are values, not throws');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
