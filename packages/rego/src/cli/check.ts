// `rego check`: parses and compiles policies and reports every error, like `opa check`.
import { parseArgs } from 'node:util';
import { compile } from '../api/prepare.ts';
import { usageText, type CliIO } from './io.ts';
import { loadPaths } from './files.ts';
import { COMMON_HELP, COMMON_OPTIONS, formatOption, printErrors, regoVersion, UsageError } from './common.ts';
import { loadSchemas } from './schemas.ts';

export const CHECK_HELP = `Usage: rego check [OPTIONS] PATH...

Parses and compiles the policies under PATH (files or directories) and prints every error.

options:
  -s, --schema PATH      JSON schema file for input, or a directory of schemas (input.json → schema.input,
                         a/b.json → schema.a.b) that type-checks input and data
  -f, --format FORMAT    pretty (default) or json
${COMMON_HELP}

exit status: 0 no errors, 1 errors, 2 usage error`;

export function runCheck(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schema: { type: 'string', short: 's' },
      ...COMMON_OPTIONS,
    },
  });
  if (values.help) {
    io.out(usageText(io, CHECK_HELP) + '\n');
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('rego check needs at least one PATH');
  const format = formatOption(values.format, ['pretty', 'json'], 'pretty');
  const loaded = loadPaths(positionals);
  const schemas = values.schema ? Object.fromEntries(loadSchemas(values.schema)) : undefined;
  const c = compile({ modules: loaded.modules, regoVersion: regoVersion(values), strictCompile: values.strict === true, schemas });
  if (!c.ok) {
    printErrors(io, c.errors, format);
    return 1;
  }
  if (format === 'json') io.out('{}\n');
  return 0;
}
