// `rego eval`: evaluates a query against policies, data and input, like `opa eval`.
import { parseArgs } from 'node:util';
import { prepare } from '../api/prepare.ts';
import { parseQuery } from '../parser/parser.ts';
import { jsonText, usageText, type CliIO } from './io.ts';
import { loadPaths, readDocument } from './files.ts';
import { loadSchemas } from './schemas.ts';
import { COMMON_HELP, COMMON_OPTIONS, formatOption, printErrors, regoVersion, UsageError, type Format } from './common.ts';

export const EVAL_HELP = `Usage: rego eval [OPTIONS] QUERY

Evaluates QUERY (a Rego query body, e.g. 'data.authz.allow') and prints the result set.

options:
  -d, --data PATH        policy (.rego) and data (.json/.yaml) files or directories (repeatable); data files
                         in a directory are merged under the path of their directory
  -b, --bundle DIR       bundle directory: .rego files plus data.json/data.yaml files (repeatable)
  -i, --input FILE       input document (JSON or YAML)
  -I, --stdin-input      read the input document from stdin (JSON)
  -s, --schema PATH      JSON schema for input, or a directory of schemas (see rego check --help)
  -f, --format FORMAT    json (default), pretty or raw
  --fail                 exit 1 when the result is undefined (no rows)
  --fail-defined         exit 1 when the result is defined
${COMMON_HELP}

exit status: 0 success, 1 evaluation or compile error (or --fail/--fail-defined), 2 usage error`;

/** The source text of each top-level expression of the query (OPA reports it with every value). */
function expressionTexts(query: string, version: 0 | 1): { text: string; location: { row: number; col: number } }[] {
  try {
    const body = parseQuery(query, version);
    const lines = query.split('\n');
    const offset = (row: number, col: number) => lines.slice(0, row - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
    return body.map((e, i) => {
      const start = offset(e.loc.row, e.loc.col);
      const end = i + 1 < body.length ? offset(body[i + 1].loc.row, body[i + 1].loc.col) : query.length;
      return { text: query.slice(start, end).replace(/[\s;]+$/, ''), location: { row: e.loc.row, col: e.loc.col } };
    });
  } catch {
    return [];
  }
}

function pretty(rows: { expressions: unknown[]; bindings: Record<string, unknown> }[]): string {
  if (rows.length === 0) return 'undefined';
  const names = Object.keys(rows[0].bindings);
  if (names.length === 0) return rows.map((r) => r.expressions.map((v) => jsonText(v)).join('\n')).join('\n');
  // a table of bindings, one row per solution
  const cells = rows.map((r) => names.map((n) => jsonText(r.bindings[n], 0)));
  const widths = names.map((n, i) => Math.max(n.length, ...cells.map((c) => c[i].length)));
  const sep = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(widths[i])).join(' | ') + ' |';
  return [sep, line(names), sep, ...cells.map(line), sep].join('\n');
}

function raw(rows: { expressions: unknown[]; bindings: Record<string, unknown> }[]): string {
  return rows
    .flatMap((r) => (Object.keys(r.bindings).length ? Object.values(r.bindings) : r.expressions))
    .map((v) => (typeof v === 'string' ? v : jsonText(v, 0)))
    .join('\n');
}

export function runEval(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', short: 'd', multiple: true },
      bundle: { type: 'string', short: 'b', multiple: true },
      input: { type: 'string', short: 'i' },
      'stdin-input': { type: 'boolean', short: 'I' },
      schema: { type: 'string', short: 's' },
      fail: { type: 'boolean' },
      'fail-defined': { type: 'boolean' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    io.out(usageText(io, EVAL_HELP) + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('rego eval takes exactly one QUERY argument');
  if (values.fail && values['fail-defined']) throw new UsageError('--fail and --fail-defined exclude each other');
  if (values.input && values['stdin-input']) throw new UsageError('--input and --stdin-input exclude each other');
  const format: Format = formatOption(values.format, ['json', 'pretty', 'raw'], 'json');
  const query = positionals[0];
  const version = regoVersion(values);
  const loaded = loadPaths(values.data ?? [], values.bundle ?? []);
  const input = values.input ? readDocument(values.input) : values['stdin-input'] ? JSON.parse(io.readStdin()) : undefined;
  const schemas = values.schema ? Object.fromEntries(loadSchemas(values.schema)) : undefined;
  const p = prepare({ modules: loaded.modules, query, regoVersion: version, strict: values['strict-builtin-errors'] === true, strictCompile: values.strict === true, schemas, print: (m) => io.err(m + '\n') });
  if (!p.ok) {
    printErrors(io, p.errors, format);
    return 1;
  }
  const r = p.value.eval({ input, data: loaded.data });
  if (!r.ok) {
    printErrors(io, r.errors, format);
    return 1;
  }
  if (format === 'json') {
    const texts = expressionTexts(query, version);
    const result = r.results.map((row) => ({
      expressions: row.expressions.map((value, i) => ({ value, ...(texts.length === row.expressions.length ? texts[i] : {}) })),
      ...(Object.keys(row.bindings).length ? { bindings: row.bindings } : {}),
    }));
    io.out(jsonText(result.length ? { result } : {}) + '\n');
  } else {
    const text = format === 'pretty' ? pretty(r.results) : raw(r.results);
    if (text) io.out(text + '\n');
  }
  const defined = r.results.length > 0;
  if (values.fail && !defined) return 1;
  if (values['fail-defined'] && defined) return 1;
  return 0;
}
