import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentWindow } from './window.ts';

test('windows align to the epoch like envoyproxy/ratelimit, Retry-After counts to the window end', () => {
  const t = Date.UTC(2026, 0, 1, 10, 15, 42, 500);
  assert.deepEqual(currentWindow('MINUTE', t), { start: Date.UTC(2026, 0, 1, 10, 15) / 1000, secondsToReset: 18 });
  assert.deepEqual(currentWindow('SECOND', t), { start: Math.floor(t / 1000), secondsToReset: 1 });
  assert.deepEqual(currentWindow('HOUR', t), { start: Date.UTC(2026, 0, 1, 10) / 1000, secondsToReset: 3600 - 15 * 60 - 42 });
  assert.deepEqual(currentWindow('DAY', t), { start: Date.UTC(2026, 0, 1) / 1000, secondsToReset: 86400 - (10 * 3600 + 15 * 60 + 42) });
});
