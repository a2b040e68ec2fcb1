// The error-code union of @portico/store equals its section of docs/errors.md, in both directions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { STORE_ERROR_CODES } from './errors.ts';

test('docs/errors.md lists exactly the codes of @portico/store', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('@portico/store\n'));
  assert.ok(section, 'docs/errors.md has a "## @portico/store" section');
  const documented = [...section.matchAll(/^- `([A-Z_]+)`/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...STORE_ERROR_CODES].sort());
});
