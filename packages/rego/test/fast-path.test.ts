// The generated fast path must decide exactly as the interpreter does. `inputValue` forces the interpreter
// (the fast path reads raw JSON only), so each input is evaluated both ways and the results compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromJSON, prepare } from '../src/index.ts';
import { SEED_POLICY } from './__fixtures__/seed-policy.ts';

const POLICIES: Record<string, string> = {
  seed: SEED_POLICY,
  rbac: `package rbac
import rego.v1
default allow := false
allow if {
  some role in input.user.roles
  role == "admin"
}
allow if {
  input.method == "GET"
  count(input.path) < 3
  input.path[0] == "public"
}
allow if input.user.level >= 10`,
  conflict: `package c
x := 1 if input.a
x := 2 if input.b`,
};

const INPUTS: unknown[] = [
  undefined,
  {},
  null,
  [],
  'text',
  { check_request: { attributes: { metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': { api_product_id: 'p' } } } } }, state: { jwtAccessToken: { scope: 'a p' } } },
  { check_request: { attributes: { metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': { api_product_id: '' } } } } }, state: { jwtAccessToken: { scope: ' ' } } },
  { check_request: { attributes: { metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': { api_product_id: 7 } } } } }, state: { jwtAccessToken: { scope: 7 } } },
  { check_request: { attributes: { metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': ['p'] } } } }, state: { jwtAccessToken: { scope: ['p'] } } },
  { check_request: { constructor: 1, toString: 'x', attributes: [] }, state: { jwtAccessToken: { scope: 'toString' } } },
  { user: { roles: ['dev', 'admin'] } },
  { user: { roles: { a: 'admin' } } },
  { user: { roles: 'admin' } },
  { user: { level: 10 } },
  { user: { level: '11' } },
  { user: { level: 9.5 } },
  { method: 'GET', path: ['public', 'x'] },
  { method: 'GET', path: ['public', 'x', 'y'] },
  { method: 'GET', path: 'public' },
  { a: true },
  { a: true, b: true },
  { b: false },
  Object.assign(Object.create(null), { user: { level: 12 } }),
];

const QUERIES: [string, string][] = [
  ['seed', 'data.test.allow == true'],
  ['seed', 'data.test.allow'],
  ['seed', 'x := data.test.allow'],
  ['rbac', 'data.rbac.allow == true'],
  ['rbac', 'x = data.rbac.allow'],
  ['conflict', 'data.c.x'],
  ['conflict', 'x := data.c.x'],
];

test('fast path and interpreter agree on every query and input', () => {
  for (const [policy, query] of QUERIES) {
    const p = prepare({ modules: { 'p.rego': POLICIES[policy] }, query, regoVersion: policy === 'seed' ? 0 : 1 });
    assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
    for (const input of INPUTS) {
      const fast = p.value.eval({ input });
      const slow = p.value.eval({ inputValue: input === undefined ? undefined : fromJSON(input) });
      assert.deepEqual(fast, slow, `${policy} ${query} ${JSON.stringify(input)}`);
    }
  }
});

test('fast path: non-JSON input values fail as errors, never crash', () => {
  const p = prepare({ modules: { 'p.rego': POLICIES.rbac }, query: 'data.rbac.allow == true' });
  assert.ok(p.ok);
  const r = p.value.eval({ input: { user: { level: () => 1 } } });
  assert.equal(r.ok, false);
  const n = p.value.eval({ input: { user: { level: Number.NaN } } });
  assert.equal(n.ok, false);
});
