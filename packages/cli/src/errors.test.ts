// The error-code union of @portico/cli equals its section of docs/errors.md, in both directions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CLI_ERROR_CODES } from './errors.ts';

test('docs/errors.md lists exactly the codes of @portico/cli', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('@portico/cli\n'));
  assert.ok(section, 'docs/errors.md has a "## @portico/cli" section');
  const documented = [...section.matchAll(/^- `([A-Z_]+)`/gm)].map((m) => m[1]);
  assert.deepEqual([...documented].sort(), [...CLI_ERROR_CODES].sort());
});
