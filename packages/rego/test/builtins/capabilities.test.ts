// The committed capabilities.json must equal what the declarations generate. After changing a decl,
// regenerate with: UPDATE_CAPABILITIES=1 node --test packages/rego/test/builtins/capabilities.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { capabilities } from '../../src/builtins/capabilities.ts';
import { builtins } from '../../src/builtins/index.ts';

const file = new URL('../../src/builtins/capabilities.json', import.meta.url);

test('capabilities.json matches the builtin declarations', () => {
  const text = JSON.stringify(capabilities(builtins), null, 2) + '\n';
  if (process.env.UPDATE_CAPABILITIES === '1') writeFileSync(file, text);
  assert.equal(readFileSync(file, 'utf8'), text);
  const parsed = JSON.parse(text) as { builtins: { name: string; decl: { type: string } }[] };
  assert.equal(parsed.builtins.length, builtins.size);
  assert.ok(parsed.builtins.every((b) => b.decl.type === 'function'));
});
