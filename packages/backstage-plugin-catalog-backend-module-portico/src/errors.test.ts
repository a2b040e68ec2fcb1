import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SYNC_ERROR_CODES } from './errors.ts';

const here = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__fixtures__' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('error codes', () => {
  it('every code the sources use is in the closed union, and every user-facing code is documented in docs/backstage.md', () => {
    const docs = readFileSync(join(here, '../../../docs/backstage.md'), 'utf8');
    const used = new Set<string>();
    for (const file of sources(here)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:failure\(|code: |code === |\[)'([A-Z]+_[A-Z_]+)'/g)) used.add(m[1] as string);
    }
    assert.ok(used.size >= 10, `only ${used.size} codes found in the sources`);
    for (const code of used) assert.ok((SYNC_ERROR_CODES as readonly string[]).includes(code), `${code} is used but not in SYNC_ERROR_CODES`);
    const internal = new Set(['SYNC_NOT_CONNECTED', 'SYNC_TIMEOUT', 'SYNC_FAILED', 'CONFIG_INVALID', 'TRANSFORM_FAILED']);
    for (const code of SYNC_ERROR_CODES) {
      if (!internal.has(code)) assert.ok(docs.includes(code), `${code} missing from docs/backstage.md`);
    }
  });
});
