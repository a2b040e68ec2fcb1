// The markdown table of OPA's built-ins and their status here (docs/builtins.md).
import { relations } from '../eval/relations/index.ts';
import { builtins } from './index.ts';
import { OPA_BUILTINS, missingBuiltins, partialBuiltins } from './opa-catalogue.ts';

export type BuiltinStatus = { status: 'supported' | 'partial' | 'missing'; note: string };

export function builtinStatus(name: string): BuiltinStatus {
  const missing = missingBuiltins.get(name);
  if (missing !== undefined) return { status: 'missing', note: missing };
  if (!builtins.has(name) && !relations.has(name)) return { status: 'missing', note: 'not implemented' };
  const partial = partialBuiltins.get(name);
  return partial === undefined ? { status: 'supported', note: '' } : { status: 'partial', note: partial };
}

export function builtinsTable(): string {
  const rows: string[] = [];
  const count = { supported: 0, partial: 0, missing: 0 };
  for (const [family, names] of Object.entries(OPA_BUILTINS)) {
    for (const name of names) {
      const s = builtinStatus(name);
      count[s.status]++;
      rows.push(`| ${family} | \`${name}\` | ${s.status} | ${s.note.replace(/\|/g, '\\|')} |`);
    }
  }
  return [
    '# OPA built-ins in @portico/rego',
    '',
    "Generated from `src/builtins/opa-catalogue.ts` by `node packages/rego/scripts/builtins-table.ts`; do not edit by hand.",
    '',
    `${count.supported} supported, ${count.partial} partial, ${count.missing} missing, of ${count.supported + count.partial + count.missing} built-ins in OPA's policy reference.`,
    'A call to a missing one is a compile error `rego_unsupported_builtin` naming it (the conformance runner counts such cases as skipped, "not supported").',
    'The experimental `and`/`or` keywords (OPA documents them as experimental) are reported as "not supported (experimental)".',
    '',
    '| family | built-in | status | difference from OPA |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
