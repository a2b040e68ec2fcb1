// The error-code union of @portico/api equals its section of docs/errors.md, in both directions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_ERROR_CODES } from './errors.ts';

test('docs/errors.md lists exactly the codes of @portico/api', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('@portico/api\n'));
  assert.ok(section, 'docs/errors.md has a "## @portico/api" section');
  const documented = [...section.matchAll(/^- `([A-Z_]+)`/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...API_ERROR_CODES].sort());
});
