import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPending, withDeadline, withTimeout } from './with-timeout.ts';

describe('withTimeout', () => {
  it('passes the value or the error of a call that settles in time', async () => {
    assert.equal(await withTimeout(10_000, async () => 42), 42);
    await assert.rejects(withTimeout(10_000, async () => Promise.reject(new Error('boom'))), /boom/);
  });

  it('a synchronous answer comes back as it is (no promise, no deadline); a synchronous throw stays a throw', () => {
    const answer = { allowed: true };
    let seen: AbortSignal | null = null;
    assert.equal(withTimeout(10_000, (signal) => ((seen = signal), answer)), answer);
    assert.equal(seen!.aborted, false);
    assert.throws(() => withTimeout(10_000, () => { throw new Error('sync'); }), /sync/);
  });

  it('a call that never settles is rejected with code TIMEOUT and its signal aborted', async () => {
    let seen: AbortSignal | null = null;
    await assert.rejects(
      withTimeout(5, (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      }),
      (err: Error & { code?: string }) => err.code === 'GW_SERVICE_TIMEOUT',
    );
    assert.equal(seen!.aborted, true);
  });
});

describe('withDeadline', () => {
  it('passes what the call settles with in time, and rejects with GW_SERVICE_TIMEOUT when it does not', async () => {
    assert.equal(await withDeadline(10_000, async () => 'ok'), 'ok');
    assert.equal(withDeadline(10_000, () => 'now'), 'now');
    assert.throws(() => withDeadline(10_000, () => { throw new Error('sync'); }), /sync/);
    await assert.rejects(withDeadline(5, () => new Promise<never>(() => undefined)), (err: Error & { code?: string }) => err.code === 'GW_SERVICE_TIMEOUT');
  });
});

describe('isPending', () => {
  it('is true for promises and thenables only', () => {
    assert.equal(isPending(Promise.resolve(1)), true);
    assert.equal(isPending({ then() {} }), true);
    assert.equal(isPending({ code: 'OK' }), false);
    assert.equal(isPending(null), false);
    assert.equal(isPending([1, 2]), false);
  });
});
