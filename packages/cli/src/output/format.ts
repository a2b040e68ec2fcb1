// `-o` formats for `get`: yaml, json, name, wide, jsonpath=TEMPLATE (kubectl's dialect), table (default).
import type { KindDefinition, Resource } from '@portico/api';
import { stringify } from 'yaml';
import { qualifiedName } from '../context.ts';
import { CliError } from '../errors.ts';
import { renderJsonPath } from '../jsonpath/index.ts';
import { resourceTable } from './table.ts';

export type OutputFormat =
  | { type: 'table' }
  | { type: 'wide' }
  | { type: 'yaml' }
  | { type: 'json' }
  | { type: 'name' }
  | { type: 'jsonpath'; template: string };

/** Parses `-o` values as kubectl does, including `-o=jsonpath=…` (commander leaves the leading "="). */
export function parseOutput(raw: string | undefined): OutputFormat {
  if (raw === undefined) return { type: 'table' };
  const v = raw.startsWith('=') ? raw.slice(1) : raw;
  if (v === 'yaml' || v === 'json' || v === 'name' || v === 'wide') return { type: v };
  const m = /^jsonpath(?:-as-json)?=(.*)$/s.exec(v);
  if (m) return { type: 'jsonpath', template: stripQuotes(m[1]!) };
  if (v === 'jsonpath') throw new CliError('CLI_USAGE', 'error: template format specified but no template given (use -o jsonpath=TEMPLATE)');
  throw new CliError('CLI_USAGE', `error: unable to match a printer suitable for the output format "${v}", allowed formats are: json,jsonpath,name,wide,yaml`);
}

function stripQuotes(s: string): string {
  return s.length >= 2 && ((s[0] === "'" && s.at(-1) === "'") || (s[0] === '"' && s.at(-1) === '"')) ? s.slice(1, -1) : s;
}

export interface RenderInput {
  def: KindDefinition;
  /** A single named object, or a list. */
  items: readonly Resource[];
  single: boolean;
  allNamespaces: boolean;
}

export function render(format: OutputFormat, input: RenderInput): string {
  const { def, items, single } = input;
  const doc = single ? items[0] : { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } };
  switch (format.type) {
    case 'yaml':
      return stringify(doc, { lineWidth: 0 });
    case 'json':
      return JSON.stringify(doc, null, 4) + '\n';
    case 'name':
      return items.map((r) => qualifiedName(def, r.metadata.name) + '\n').join('');
    case 'jsonpath':
      try {
        return renderJsonPath(format.template, doc);
      } catch (err) {
        throw new CliError('CLI_JSONPATH_SYNTAX', `error: error parsing jsonpath ${format.template}, ${(err as Error).message}`);
      }
    case 'wide':
    case 'table':
      return resourceTable(def, items, { allNamespaces: input.allNamespaces, wide: format.type === 'wide' });
  }
}
