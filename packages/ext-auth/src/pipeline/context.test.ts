// AuthContext keeps one shape for every request (style.md convention 12): all fields assigned in the constructor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthContext } from './context.ts';

const req = (path: string, headers: Record<string, string>) => ({ attributes: { request: { http: { method: 'GET', path, headers } } } });

test('two different requests give contexts with the same keys in the same order, before and after state is merged', () => {
  const a = new AuthContext(req('/a', {}), 'x', 1);
  const b = new AuthContext(req('/b?q=1', { authorization: 'Bearer t' }), 'y', 2);
  assert.deepEqual(Object.keys(a), Object.keys(b));
  b.mergeState({ jwtAccessToken: { scope: 's' } });
  assert.deepEqual(Object.keys(a), Object.keys(b));
  assert.deepEqual(b.state, { jwtAccessToken: { scope: 's' } });
});
