// "No silent ignores" (issue 12): every field of every kind's schema is listed in the kind's `fields` registry —
// enforced by a named translation folder (whose code must mention the field), ignored, unsupported (reported as
// WARNING), or an explicitly unaudited subtree. docs/gloo-support.md is generated from the same registry.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { KINDS, schemaFieldPaths, supportOf, unhonouredFields, validateResource } from '@portico/api';
import { renderSupportDoc } from '../src/support/doc.ts';

const PACKAGES = new URL('../../', import.meta.url).pathname;

function sourceOf(folder: string): string {
  const dir = join(PACKAGES, folder);
  assert.ok(existsSync(dir), `folder packages/${folder} exists`);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const full = join(d, f);
      if (statSync(full).isDirectory()) walk(full);
      else if (f.endsWith('.ts') && !f.endsWith('.test.ts')) out.push(readFileSync(full, 'utf8'));
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  else out.push(readFileSync(dir, 'utf8'));
  return out.join('\n');
}

test('every schema field of every kind is enforced, ignored, unsupported or an unaudited subtree', () => {
  const unlisted: string[] = [];
  for (const k of KINDS) for (const p of schemaFieldPaths(k.spec)) if (!supportOf(k, p)) unlisted.push(`${k.kind}: ${p}`);
  assert.deepEqual(unlisted, [], `fields neither consumed nor reported:\n${unlisted.join('\n')}`);
});

test('registry entries name real fields, and an enforced field is mentioned by the code said to enforce it', () => {
  const problems: string[] = [];
  const sources = new Map<string, string>();
  for (const k of KINDS) {
    const paths = schemaFieldPaths(k.spec);
    for (const [key, s] of Object.entries(k.fields ?? {})) {
      if (!paths.some((p) => p === key || p.startsWith(`${key}.`) || p.startsWith(`${key}[]`))) problems.push(`${k.kind}: ${key} is not a field`);
      if (s.level !== 'enforced') continue;
      const name = key.split(/[.[\]*]+/).filter((x) => x).pop()!;
      let src = sources.get(s.by);
      if (src === undefined) sources.set(s.by, (src = sourceOf(s.by)));
      if (!new RegExp(`\\b${name}\\b`).test(src)) problems.push(`${k.kind}: ${key} is said to be enforced by ${s.by}, which never mentions ${name}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('an unsupported field makes apply warn, naming the field', () => {
  const r = validateResource({
    apiVersion: 'admin.gloo.solo.io/v2',
    kind: 'WorkspaceSettings',
    metadata: { name: 's', namespace: 'a' },
    spec: { options: { serviceIsolation: { enabled: true } } },
  });
  assert.ok(r.ok);
  assert.ok(r.warnings.some((w) => w.path === 'spec.options.serviceIsolation' && /not supported/.test(w.message)), JSON.stringify(r.warnings));
  const ws = KINDS.find((k) => k.kind === 'WorkspaceSettings')!;
  assert.deepEqual(unhonouredFields(ws, { importFrom: [{ workspaces: [{ name: 'x' }] }] }), []);
});

test('docs/gloo-support.md is generated from the registry (node packages/api/src/support/write-doc.ts)', () => {
  const committed = readFileSync(new URL('../../../docs/gloo-support.md', import.meta.url), 'utf8');
  assert.equal(committed, renderSupportDoc(KINDS));
});
