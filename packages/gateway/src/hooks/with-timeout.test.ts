import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withDeadline, withTimeout } from './with-timeout.ts';

describe('withTimeout', () => {
  it('passes the value or the error of a call that settles in time', async () => {
    assert.equal(await withTimeout(10_000, async () => 42), 42);
    await assert.rejects(withTimeout(10_000, async () => Promise.reject(new Error('boom'))), /boom/);
  });

  it('a call that throws synchronously becomes a rejection', async () => {
    await assert.rejects(withTimeout(10_000, () => { throw new Error('sync'); }), /sync/);
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
    await assert.rejects(withDeadline(10_000, () => { throw new Error('sync'); }), /sync/);
    await assert.rejects(withDeadline(5, () => new Promise<never>(() => undefined)), (err: Error & { code?: string }) => err.code === 'GW_SERVICE_TIMEOUT');
  });
});
