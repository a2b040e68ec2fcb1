// `rego <command>`: dispatches to eval, test and check; usage errors exit 2 with the command's usage.
import { UsageError } from './common.ts';
import { LoadError } from './files.ts';
import { usageText, type CliIO } from './io.ts';
import { EVAL_HELP, runEval } from './eval.ts';
import { TEST_HELP, runTest } from './test.ts';
import { CHECK_HELP, runCheck } from './check.ts';

export const USAGE = `Usage: rego <command> [OPTIONS]

commands:
  eval    evaluate a query against policies, data and input   (rego eval --help)
  test    run test_* rules, with coverage                      (rego test --help)
  check   parse and compile policies, strict mode and schemas  (rego check --help)`;

const COMMANDS: Record<string, [(argv: string[], io: CliIO) => number, string]> = {
  eval: [runEval, EVAL_HELP],
  test: [runTest, TEST_HELP],
  check: [runCheck, CHECK_HELP],
};

export function runCli(argv: string[], io: CliIO): number {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(usageText(io, USAGE) + '\n');
    return cmd === undefined ? 2 : 0;
  }
  const c = COMMANDS[cmd];
  if (!c) {
    io.err(`rego: unknown command ${JSON.stringify(cmd)}\n\n${usageText(io, USAGE)}\n`);
    return 2;
  }
  try {
    return c[0](rest, io);
  } catch (e) {
    // node:util parseArgs reports unknown options and missing values as TypeErrors with ERR_PARSE_ARGS_* codes
    const parseArgsError = typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('ERR_PARSE_ARGS');
    if (e instanceof UsageError || parseArgsError) {
      io.err(`rego ${cmd}: ${(e as Error).message}\n\n${usageText(io, c[1])}\n`);
      return 2;
    }
    if (e instanceof LoadError || e instanceof SyntaxError) {
      io.err(`rego ${cmd}: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
