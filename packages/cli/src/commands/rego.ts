// portico rego — the Rego tool of @portico/rego (eval, test, check), passed through unchanged.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { runCli } from '@portico/rego/cli';
import type { CliIO } from '../context.ts';

export function register(program: Command, io: CliIO): void {
  program
    .command('rego')
    .description('Rego policies: eval, test (with coverage) and check, shaped like opa (portico rego --help)')
    .helpOption(false)
    .allowUnknownOption()
    .argument('[args...]')
    .action((args: string[]) => {
      const code = runCli(args, { out: io.stdout, err: io.stderr, readStdin: () => readFileSync(0, 'utf8'), now: () => performance.now(), prog: 'portico rego' });
      // the tool's own exit status (1 failure, 2 usage), not a portico error: its output already said why
      if (code !== 0) process.exitCode = code;
    });
}
