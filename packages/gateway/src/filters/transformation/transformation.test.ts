// The transformation template subset: extractors, header set/append/remove, body(), JSON fields, base64, dynamic
// metadata, and the expressions it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate } from './template.ts';
import { compileTransformation } from './transformation.ts';

test('a request template: extractors, headers, JSON fields, body, dynamic metadata', () => {
  const t = compileTransformation({
    parseBodyAsJson: true,
    extractors: [{ name: 'id', header: 'x-path', regex: '/items/([0-9]+)', subgroup: 1 }],
    headers: [['x-item', '{{ extraction("id") }}'], ['x-owner', '{{ owner.name }}']],
    headersToAppend: [['x-trace', 'b64 {{ base64_encode(header("x-user")) }}']],
    headersToRemove: ['x-user'],
    body: '{"wrapped":{{ body() }}}',
    dynamicMetadata: [{ namespace: 'io.solo.transformation', key: 'tenant', value: '{{ owner.tenant }}' }],
  });
  assert.equal(t.usesBody, true);
  const headers: Record<string, string | string[]> = { 'x-path': '/items/42', 'x-user': 'alice', 'x-trace': 'a' };
  const meta: [string, string, string][] = [];
  const body = t.apply(headers, headers, '{"owner":{"name":"bob","tenant":"acme"}}', (ns, k, v) => meta.push([ns, k, v]));
  assert.deepEqual(headers, { 'x-path': '/items/42', 'x-item': '42', 'x-owner': 'bob', 'x-trace': ['a', 'b64 YWxpY2U='] });
  assert.equal(body, '{"wrapped":{"owner":{"name":"bob","tenant":"acme"}}}');
  assert.deepEqual(meta, [['io.solo.transformation', 'tenant', 'acme']]);
  // A regex that does not match the whole value extracts ''; a body that is not JSON renders fields empty.
  const h2: Record<string, string> = { 'x-path': '/other/42' };
  t.apply(h2, h2, 'not json');
  assert.equal(h2['x-item'], '');
  assert.equal(h2['x-owner'], '');
});

test('unsupported expressions are refused with a message', () => {
  for (const [text, message] of [
    ['{{ env("HOME") }}', /function env\(\) is not supported/],
    ['{% if x %}a{% endif %}', /statements/],
    ['{{ header("a") ', /unclosed/],
    ['{{ 1 + 2 }}', /not supported/],
  ] as const) {
    const r = compileTemplate(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.match(r.message, message);
  }
  const plain = compileTemplate('plain');
  assert.ok(plain.ok && !plain.usesBody);
});
