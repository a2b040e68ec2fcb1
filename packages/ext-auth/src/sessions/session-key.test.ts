// The per-install session key: created once (mode 0600), the same for every reader, never silently replaced.
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { deriveSessionKeys, installSessionKey } from './session-key.ts';

it('creates the key once and returns the same key afterwards', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-session-key-'));
  try {
    const a = installSessionKey(dir);
    const b = installSessionKey(dir);
    assert.equal(a.length, 32);
    assert.deepEqual(a, b);
    assert.equal(statSync(join(dir, 'ext-auth', 'session.key')).mode & 0o777, 0o600);
    const keys = deriveSessionKeys(a);
    assert.notDeepEqual(Buffer.from(keys.state), keys.cookie, 'cookie and state keys are independent');
    writeFileSync(join(dir, 'ext-auth', 'session.key'), 'too-short');
    assert.throws(() => installSessionKey(dir), /32-byte/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
