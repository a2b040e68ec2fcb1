import assert from 'node:assert/strict';
import { test } from 'node:test';
import { skipReason } from '@portico/testing';

test('present: run; missing: skip with the reason; missing under CI=true: fail', () => {
  assert.equal(skipReason(true, 'nginx is not installed', { CI: 'true' }), false);
  assert.equal(skipReason(false, 'nginx is not installed', {}), 'nginx is not installed');
  assert.throws(() => skipReason(false, 'nginx is not installed', { CI: 'true' }), /nginx is not installed — under CI=true this fails instead of skipping/);
});
