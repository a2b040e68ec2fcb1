// Public API behaviour: the seed policy (issue 3), errors as values, evaluation limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from '../src/index.ts';
import { SEED_POLICY } from './__fixtures__/seed-policy.ts';

const SEED = SEED_POLICY;

function seedInput(product: string | undefined, scope: string | undefined): unknown {
  return {
    check_request: { attributes: { metadata_context: { filter_metadata: product === undefined ? {} : { 'io.solo.gloo.apimanagement': { api_product_id: product } } } } },
    state: scope === undefined ? {} : { jwtAccessToken: { scope } },
  };
}

test('seed policy: allowed when a scope equals the API product id, denied (false, not an error) otherwise', () => {
  const p = prepare({ modules: { 'seed.rego': SEED }, query: 'data.test.allow == true', regoVersion: 0 });
  assert.ok(p.ok);
  const q = p.value;
  assert.deepEqual(q.eval({ input: seedInput('tracks', 'openid tracks') }), { ok: true, results: [{ expressions: [true], bindings: {} }] });
  for (const input of [seedInput('tracks', 'openid'), seedInput(undefined, 'tracks'), seedInput('tracks', undefined), seedInput('', ''), {}, undefined]) {
    // as OPA's rego API: a lone comparison reports its value, so a denial is `false`, never an error
    assert.deepEqual(q.eval({ input }), { ok: true, results: [{ expressions: [false], bindings: {} }] }, JSON.stringify(input));
  }
  const v = prepare({ modules: { 'seed.rego': SEED }, query: 'x := data.test.allow', regoVersion: 0 });
  assert.ok(v.ok);
  assert.deepEqual(v.value.eval({ input: seedInput('a', 'b') }), { ok: true, results: [{ expressions: [true], bindings: { x: false } }] });
  // with more than one expression the value is a test again: false means no result
  const two = prepare({ modules: { 'seed.rego': SEED }, query: 'data.test.allow == true; true', regoVersion: 0 });
  assert.ok(two.ok);
  assert.deepEqual(two.value.eval({ input: seedInput('a', 'b') }), { ok: true, results: [] });
});

test('v1 syntax: if, contains, every, some-in, sets in results', () => {
  const src = `package app
import rego.v1
admins contains u if { some u in input.users; startswith(u, "admin") }
all_positive if every n in input.nums { n > 0 }
deny contains msg if { not all_positive; msg := "negative" }`;
  const p = prepare({ modules: { 'app.rego': src }, query: 'data.app = x' });
  assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
  const r = p.value.eval({ input: { users: ['admin-b', 'bob', 'admin-a'], nums: [1, -1] } });
  assert.deepEqual(r, { ok: true, results: [{ expressions: [true], bindings: { x: { admins: ['admin-a', 'admin-b'], deny: ['negative'] } } }] });
});

test('malformed modules and queries come back as coded errors with positions', () => {
  const bad = prepare({ modules: { 'bad.rego': 'package x\np { input.a == }' }, query: 'data.x.p' });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.errors[0].code, 'rego_parse_error');
  assert.deepEqual(!bad.ok && bad.errors[0].location, { file: 'bad.rego', row: 2, col: 16 });
  const unsafe = prepare({ modules: { 'u.rego': 'package x\np if { y > 1 }' }, query: 'data.x.p' });
  assert.equal(!unsafe.ok && unsafe.errors[0].code, 'rego_unsafe_var_error');
  assert.match(!unsafe.ok ? unsafe.errors[0].message : '', /var y is unsafe/);
  const unknown = prepare({ modules: {}, query: 'no_such_fn(1)' });
  assert.equal(!unknown.ok && unknown.errors[0].code, 'rego_type_error');
});

test('conflicts and strict builtin errors are evaluation errors; non-strict builtin errors are undefined', () => {
  const c = prepare({ modules: { 'c.rego': 'package c\np := 1\np := 2 if true' }, query: 'data.c.p = x' });
  assert.ok(c.ok);
  const r = c.value.eval();
  assert.equal(!r.ok && r.errors[0].code, 'eval_conflict_error');
  const d = prepare({ modules: { 'd.rego': 'package d\np := 1 / 0' }, query: 'data.d.p = x' });
  assert.ok(d.ok);
  assert.deepEqual(d.value.eval(), { ok: true, results: [] });
  const ds = prepare({ modules: { 'd.rego': 'package d\np := 1 / 0' }, query: 'data.d.p = x', strict: true });
  assert.ok(ds.ok);
  const rs = ds.value.eval();
  assert.equal(!rs.ok && rs.errors[0].code, 'eval_builtin_error');
});

test('a combinatorial policy is stopped by the step limit with a clear error', () => {
  const src = 'package slow\np contains [a, b, c] if { some a in numbers.range(1, 200); some b in numbers.range(1, 200); some c in numbers.range(1, 200) }';
  const p = prepare({ modules: { 's.rego': src }, query: 'count(data.slow.p, n)' });
  assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
  const r = p.value.eval({ limits: { maxSteps: 100_000 } });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.errors[0].code, 'eval_limit_error');
  const t = p.value.eval({ limits: { timeoutMs: 50 } });
  assert.equal(!t.ok && t.errors[0].code, 'eval_limit_error');
});

test('inputs that are not JSON never crash the engine', () => {
  const p = prepare({ modules: { 'a.rego': 'package a\np := input.x' }, query: 'data.a.p = x' });
  assert.ok(p.ok);
  const r = p.value.eval({ input: { x: () => 1 } });
  assert.equal(r.ok, false);
  const deep: Record<string, unknown> = {};
  let cur = deep;
  for (let i = 0; i < 10000; i++) cur = (cur.x = {}) as Record<string, unknown>;
  const w = prepare({ modules: { 'w.rego': 'package w\nn := count([p | walk(input, [p, _])])' }, query: 'data.w.n = x' });
  assert.ok(w.ok);
  const wr = w.value.eval({ input: deep });
  assert.ok(wr.ok || wr.errors[0].code === 'eval_limit_error');
});

test('invalid prepare options are invalid_argument errors, not exceptions', () => {
  const r = prepare({ modules: { 'a.rego': 42 as unknown as string }, query: 'data.a' });
  assert.deepEqual(r, { ok: false, errors: [{ code: 'invalid_argument', message: 'modules["a.rego"] must be a string' }] });
  const q = prepare({ modules: {}, query: undefined as unknown as string });
  assert.equal(!q.ok && q.errors[0].code, 'invalid_argument');
});

test('print() reaches the configured sink with its location; walk() enumerates paths', () => {
  const lines: string[] = [];
  const p = prepare({
    modules: { 'p.rego': 'package p\nimport rego.v1\nx if { print("hello", input.n, {1}) }\npaths contains path if walk(input, [path, _])' },
    query: 'data.p = v',
    print: (l) => lines.push(l),
  });
  assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
  const r = p.value.eval({ input: { n: [2] } });
  assert.deepEqual(lines, ['p.rego:3: hello [2] {1}']);
  assert.deepEqual(r.ok && r.results[0].bindings.v, { x: true, paths: [[], ['n'], ['n', 0]] });
});
