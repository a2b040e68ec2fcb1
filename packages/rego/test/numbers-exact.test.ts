// Numbers as OPA keeps them: literals exact (json.Number), big integers exact, and arithmetic off the
// integers on a 64-bit-mantissa big.Float whose shortest text is the result (topdown/arithmetic.go).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepare } from '../src/index.ts';
import { BigNum, compare, equal, fromJSON, keyOf, numberFromText, toJSON, typeName } from '../src/value/index.ts';
import { call } from './builtins/call.ts';

function evalRule(body: string): unknown {
  const p = prepare({ modules: { 't.rego': `package t\np := x if {\n${body}\n}` }, query: 'data.t.p = x', regoVersion: 1 });
  assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
  const r = p.value.eval({});
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  return r.results[0]?.bindings.x;
}

/** JSON text of a result, numbers exactly as output. */
const out = (body: string) => JSON.stringify(evalRule(body), (_k, v) => (typeof v === 'bigint' ? (JSON as unknown as { rawJSON(t: string): unknown }).rawJSON(v.toString()) : v));

test('literals float64 cannot hold stay exact: BigNum with OPA text, typed number', () => {
  const big = numberFromText('2e308');
  assert.ok(big instanceof BigNum);
  assert.equal(typeName(big), 'number');
  assert.equal(numberFromText('0.1'), 0.1);
  assert.equal(numberFromText('1e3'), 1000);
  assert.equal(numberFromText('1e20'), 100000000000000000000n); // an integer within 64 mantissa bits
  assert.ok(numberFromText('0.10000000000000000001') instanceof BigNum);
  assert.equal(numberFromText('1e40000'), undefined); // beyond OPA's exponent limit
  assert.equal(out('x := [2e308, 0.10000000000000000001, 1e-400]'), '[2e308,0.10000000000000000001,1e-400]');
  assert.equal(evalRule('x := type_name(2e308)'), 'number');
});

test('comparisons and set membership are exact (OPA compares json.Number by value)', () => {
  assert.equal(evalRule('x := 0.10000000000000000001 > 0.1'), true);
  assert.equal(evalRule('x := 0.10000000000000000001 == 0.1'), false);
  assert.equal(evalRule('x := 2e308 > 1.7976931348623157e308'), true);
  assert.equal(evalRule('x := 1e400 == 1e400'), true);
  assert.equal(out('x := {0.10000000000000000001, 0.1, 0.100000000000000000010}'), '[0.1,0.10000000000000000001]');
  assert.equal(out('x := sort([2e308, 1, 0.10000000000000000001, 0.1])'), '[0.1,0.10000000000000000001,1,2e308]');
  const a = numberFromText('1.50000000000000000000001')!;
  const b = numberFromText('1.500000000000000000000010')!;
  assert.ok(equal(a, b) && keyOf(a) === keyOf(b) && compare(a, b) === 0);
  assert.ok(!equal(a, 1.5) && compare(a, 1.5) > 0);
});

test('float arithmetic runs at big.Float precision (64-bit mantissa), printed shortest', () => {
  // the 64-bit sum of 0.1 and 0.2 reads back as 0.3, unlike float64's 0.30000000000000004
  assert.equal(evalRule('x := 0.1 + 0.2'), 0.3);
  assert.equal(evalRule('x := 0.1 * 3'), 0.3);
  assert.equal(out('x := 1 / 3'), '0.33333333333333333334');
  assert.equal(evalRule('x := (1 / 3) * 3'), 1);
  // beyond float64's range: no Infinity, no error
  assert.equal(out('x := 2e308 + 0.5'), '2e+308');
  assert.equal(out('x := 1e-400 / 2'), '5e-401');
  assert.equal(out('x := 9007199254740993 + 0.5'), '9.0071992547409935e+15');
  // integers stay exact whatever their size
  assert.equal(out('x := 123456789012345678901234567890 + 1'), '123456789012345678901234567891');
  assert.equal(out('x := 1e30 + 1'), '1000000000000000000000000000001');
});

test('rounding, sums and sprintf on big numbers', () => {
  assert.equal(evalRule('x := round(2.50000000000000000001)'), 3);
  assert.equal(evalRule('x := floor(-0.00000000000000000000001)'), -1);
  assert.equal(evalRule('x := ceil(0.00000000000000000000001)'), 1);
  assert.equal(out('x := abs(-2e308)'), '2e+308');
  assert.equal(out('x := sum([0.1, 0.2, 2e308])'), '2e+308');
  assert.equal(out('x := max([0.1, 2e308, 3])'), '2e308');
  // OPA hands sprintf a number that is neither int nor float64 as its text
  assert.equal(evalRule('x := sprintf("%v", [2e308])'), '2e308');
  assert.equal(evalRule('x := sprintf("%v", [1 / 3])'), '0.3333333333333333');
});

test('JSON in and out keeps numbers exact', () => {
  assert.equal(JSON.stringify(call('json.unmarshal', '[1e400, 0.10000000000000000001]')), '[1e400,0.10000000000000000001]');
  assert.equal(call('json.marshal', fromJSON(call('json.unmarshal', '[1e400, 0.10000000000000000001]'))), '[1e400,0.10000000000000000001]');
  // YAML goes through float64 as in OPA (sigs.k8s.io/yaml): a BigNum within range becomes its nearest float
  assert.equal(evalRule('x := yaml.marshal([0.10000000000000000001])'), '- 0.1\n');
  // toJSON hands a BigNum out as raw JSON, which fromJSON reads back exactly
  const v = numberFromText('2e308')!;
  assert.ok(equal(fromJSON(toJSON(v)), v));
});
