// Options and output shared by `rego eval`, `rego test` and `rego check`.
import { formatError, type RegoError } from '../errors.ts';
import { jsonText, type CliIO } from './io.ts';

export type Format = 'json' | 'pretty' | 'raw';

export class UsageError extends Error {}

export function formatOption(v: string | undefined, allowed: Format[], dflt: Format): Format {
  if (v === undefined) return dflt;
  if (!(allowed as string[]).includes(v)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
  return v as Format;
}

/** `--v0-compatible` (OPA's flag) or `--v0`: parse modules and the query as Rego v0. */
export function regoVersion(v: { 'v0-compatible'?: boolean; v0?: boolean }): 0 | 1 {
  return v['v0-compatible'] || v.v0 ? 0 : 1;
}

/** OPA's error output: `N errors occurred:` then one `file:row: code: message` per line, or {"errors": […]} as JSON. */
export function printErrors(io: CliIO, errors: RegoError[], format: Format): void {
  if (format === 'json') {
    io.out(jsonText({ errors: errors.map((e) => ({ message: e.message, code: e.code, ...(e.location ? { location: e.location } : {}) })) }) + '\n');
    return;
  }
  const head = errors.length === 1 ? '1 error occurred: ' : `${errors.length} errors occurred:\n`;
  io.err(head + errors.map(formatError).join('\n') + '\n');
}

export const COMMON_HELP = `  --v0-compatible        parse policies and the query as Rego v0 (alias --v0); default Rego v1
  --strict               strict compilation: unused variables and imports, duplicate imports, deprecated built-ins
  --strict-builtin-errors  a failing built-in aborts evaluation instead of being undefined`;

/** Options every command takes (node:util parseArgs shape). */
export const COMMON_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'v0-compatible': { type: 'boolean' },
  v0: { type: 'boolean' },
  strict: { type: 'boolean' },
  'strict-builtin-errors': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
