// Builds the commander program (separate from main.ts so tests can run commands in-process).
import { Command } from 'commander';
import { COMMANDS } from './commands/index.ts';
import type { CliIO } from './context.ts';

export function buildProgram(io: CliIO): Command {
  const program = new Command('portico')
    .description('Portico — API products, gateway, external auth and developer portal (kubectl-like CLI)')
    .option('--server <url>', 'admin API of the control plane (PORTICO_SERVER; default http://127.0.0.1:9900)')
    .option('--token <token>', 'admin API token (PORTICO_TOKEN; default: the token of the kubeconfig that portico up writes)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program, io);
  return program;
}
