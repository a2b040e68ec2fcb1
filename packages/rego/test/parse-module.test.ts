// rego.parse_module returns OPA's module JSON, `# METADATA` annotations included (module-wide and per rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare } from '../src/index.ts';

function parseModule(src: string): Record<string, unknown> {
  const p = prepare({ modules: { 'q.rego': 'package q\n\nm := rego.parse_module("x.rego", data.src)\n' }, query: 'data.q.m = x' });
  assert.ok(p.ok, JSON.stringify(!p.ok && p.errors));
  const r = p.value.eval({ data: { src } });
  assert.ok(r.ok && r.results.length === 1, JSON.stringify(r));
  return r.results[0].bindings.x as Record<string, unknown>;
}

test('annotations are in the module JSON, schemas as refs of terms, and on the rules they are attached to', () => {
  const m = parseModule('# METADATA\n# title: pkg\n# schemas:\n# - input: schema.input\npackage foo\n\n# METADATA\n# title: allow\n# custom: {a: 1}\nallow if input.x\n\nother contains 1\n');
  const schemaAnn = { scope: 'package', title: 'pkg', schemas: [{ path: [{ type: 'var', value: 'input' }], schema: [{ type: 'var', value: 'schema' }, { type: 'string', value: 'input' }] }] };
  const ruleAnn = { scope: 'rule', title: 'allow', custom: { a: 1 } };
  assert.deepEqual(m.annotations, [schemaAnn, ruleAnn]);
  const rules = m.rules as Record<string, unknown>[];
  assert.deepEqual(rules[0].annotations, [ruleAnn]);
  assert.deepEqual((rules[0].head as Record<string, unknown>).value, { type: 'boolean', value: true }, 'the implicit value is explicit');
  assert.equal(rules[1].annotations, undefined);
  assert.equal(parseModule('package bar\n').annotations, undefined, 'no annotations, no field');
});
