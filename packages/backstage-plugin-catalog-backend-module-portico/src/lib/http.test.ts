import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapLimit } from './http.ts';

describe('mapLimit', () => {
  it('keeps order, limits concurrency and stops at the first failure', async () => {
    let inFlight = 0;
    let peak = 0;
    const r = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((res) => setTimeout(res, 5));
      inFlight--;
      return { ok: true, value: n * 10 };
    });
    assert.deepEqual(r, { ok: true, value: [10, 20, 30, 40, 50, 60] });
    assert.equal(peak, 2);
    const calls: number[] = [];
    const f = await mapLimit([1, 2, 3, 4, 5], 1, async (n) => {
      calls.push(n);
      return n === 2 ? { ok: false, code: 'PORTAL_HTTP_ERROR', message: 'boom' } : { ok: true, value: n };
    });
    assert.deepEqual(f, { ok: false, code: 'PORTAL_HTTP_ERROR', message: 'boom' });
    assert.deepEqual(calls, [1, 2]);
  });
});
