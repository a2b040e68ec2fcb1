// Property-based fuzzing (fast-check, fixed seeds, bounded runs): the parser and compiler never throw on any
// text, generated policies never crash or run past the step limit, and the generated-JavaScript fast path
// always gives the interpreter's result (PORTICO_REGO_NO_FASTPATH is read when a query is prepared).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prepare, type EvalResult, type PreparedQuery } from '../src/index.ts';

const CODES = new Set(['rego_parse_error', 'rego_compile_error', 'rego_type_error', 'rego_unsafe_var_error', 'rego_recursion_error', 'rego_unsupported_builtin', 'invalid_argument']);

// Rego-shaped noise: tokens of the language glued together, plus arbitrary text.
const TOKENS = ['package p', 'import rego.v1', 'allow', 'if', 'contains', 'else', 'default', 'not', 'some', 'in', 'every', 'with', 'as', ':=', '=', '==', '{', '}', '[', ']', '(', ')', ',', ';', '\n', '.', '|', '&', 'x', 'input', 'data', '"s"', '1', '2.5', '`raw`', '# METADATA', '# title: t', 'count(x)', '$"a{x}"', '_'];
const noise = fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(' ')));

test('parser and compiler: any text gives a module or errors with OPA codes, never an exception', () => {
  fc.assert(
    fc.property(noise, fc.constantFrom<0 | 1>(0, 1), (src, v) => {
      const r = prepare({ modules: { 'f.rego': 'package p\n' + src }, query: 'data.p', regoVersion: v });
      if (!r.ok) for (const e of r.errors) assert.ok(CODES.has(e.code), `${e.code}: ${e.message}`);
      const q = prepare({ modules: {}, query: src, regoVersion: v });
      if (!q.ok) for (const e of q.errors) assert.ok(CODES.has(e.code), `${e.code}: ${e.message}`);
      // strict mode, schemas and annotations take the same text without throwing
      const s = prepare({ modules: { 'f.rego': '# METADATA\n# schemas:\n# - input: schema.in\npackage p\n' + src }, query: 'data.p', regoVersion: v, strictCompile: true, schemas: { in: { type: 'object', properties: { a: { type: 'string' } } } } });
      if (!s.ok) for (const e of s.errors) assert.ok(CODES.has(e.code), `${e.code}: ${e.message}`);
    }),
    { seed: 17, numRuns: 400 },
  );
});

// Generated policies in the fast path's subset (and a little outside it) over generated inputs.
// numbers include decimals and values beyond float64 (BigNum: exact text, big.Float arithmetic)
const num = fc.oneof(fc.integer({ min: -3, max: 3 }).map(String), fc.constantFrom('0.5', '-2.5', '0.1', '1e400', '0.10000000000000000001', '18446744073709551617', '1e-400'));
const str = fc.constantFrom('"a"', '"b"', '"a b"', '""');
const scalar = fc.oneof(num, str, fc.constantFrom('true', 'false', 'null'));
const ref = fc.constantFrom('input.n', 'input.s', 'input.flag', 'input.xs[_]', 'input.obj.k', 'input.missing');
const operand = fc.oneof(
  ref,
  scalar,
  fc.constantFrom('count(input.xs)', 'lower(input.s)', 'split(input.s, " ")[_]', 'input.n + 1', 'abs(input.n)', 'input.n / 3', 'input.n * 0.1', 'round(input.n / 2)', 'sum(input.xs) + 0.2', 'max(input.xs)'),
);
const op = fc.constantFrom('==', '!=', '<', '>', '<=', '>=');
const expr = fc.oneof(
  fc.tuple(operand, op, operand).map(([a, o, b]) => `${a} ${o} ${b}`),
  ref.map((r) => `not ${r}`),
  fc.tuple(num).map(([n]) => `some $X in input.xs\n  $X > ${n}`),
  str.map((s) => `startswith(input.s, ${s})`),
  str.map((s) => `${s} in input.tags`),
  ref,
);
// each `some` gets its own variable: a body may declare a name once (OPA: var x declared above)
const body = fc.array(expr, { minLength: 1, maxLength: 3 }).map((es) => `allow if {\n  ${es.map((e, i) => e.replaceAll('$X', `x${i}`)).join('\n  ')}\n}`);
const policy = fc.array(body, { minLength: 1, maxLength: 3 }).map((bs) => `package p\n\ndefault allow := false\n\n${bs.join('\n\n')}\n`);
const input = fc.record(
  {
    n: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -0.1, 1e300), fc.constant('2')),
    s: fc.constantFrom('a', 'a b', 'B', ''),
    flag: fc.boolean(),
    xs: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
    tags: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }),
    obj: fc.record({ k: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant('a')) }),
  },
  { requiredKeys: [] },
);

function prepared(src: string, query: string, fast: boolean): PreparedQuery | null {
  if (fast) delete process.env.PORTICO_REGO_NO_FASTPATH;
  else process.env.PORTICO_REGO_NO_FASTPATH = '1';
  try {
    const p = prepare({ modules: { 'p.rego': src }, query });
    // OPA's type checker rejects some generated policies (`0 == true`, `lower(input.s) > 1`): a type error is
    // an outcome, anything else must compile
    if (!p.ok && p.errors.every((e) => e.code === 'rego_type_error')) return null;
    assert.ok(p.ok, `generated policy must compile:\n${src}\n${!p.ok ? JSON.stringify(p.errors) : ''}`);
    return p.value;
  } finally {
    delete process.env.PORTICO_REGO_NO_FASTPATH;
  }
}

const strip = (r: EvalResult) => (r.ok ? r : { ok: false, codes: r.errors.map((e) => e.code) });

test('generated policies: no crash, bounded by the step limit, fast path equal to the interpreter', () => {
  fc.assert(
    fc.property(policy, fc.array(input, { minLength: 1, maxLength: 3 }), fc.constantFrom('data.p.allow == true', 'data.p.allow', 'x := data.p.allow'), (src, inputs, query) => {
      const fast = prepared(src, query, true);
      const slow = prepared(src, query, false);
      assert.equal(fast === null, slow === null);
      if (!fast || !slow) return;
      for (const inp of inputs) {
        const a: EvalResult = fast.eval({ input: inp, limits: { maxSteps: 5_000 } });
        const b: EvalResult = slow.eval({ input: inp, limits: { maxSteps: 5_000 } });
        if (!b.ok) assert.deepEqual(b.errors.map((e) => e.code).filter((c) => c !== 'eval_conflict_error' && c !== 'eval_limit_error'), [], JSON.stringify(b.errors));
        assert.deepEqual(strip(a), strip(b), `${src}\ninput: ${JSON.stringify(inp)}\nquery: ${query}`);
      }
    }),
    { seed: 4242, numRuns: 300 },
  );
});

test('runaway policies stop at the step limit with eval_limit_error', () => {
  fc.assert(
    fc.property(fc.integer({ min: 3, max: 6 }), (depth) => {
      const loops = Array.from({ length: depth }, (_, i) => `some x${i} in numbers.range(1, 50)`).join('\n  ');
      const p = prepare({ modules: { 'p.rego': `package p\n\ncount_all contains [${Array.from({ length: depth }, (_, i) => `x${i}`).join(', ')}] if {\n  ${loops}\n}\n` }, query: 'data.p.count_all' });
      assert.ok(p.ok);
      const r = p.value.eval({ limits: { maxSteps: 20_000 } });
      assert.ok(r.ok === false && r.errors[0].code === 'eval_limit_error', JSON.stringify(r).slice(0, 200));
    }),
    { seed: 7, numRuns: 5 },
  );
});
