// The `portico` CLI proper; main.ts loads it after turning on the compile cache.
import { CommanderError } from 'commander';
import { processIO } from './context.ts';
import { CliError } from './errors.ts';
import { buildProgram } from './program.ts';

// `portico get … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  await buildProgram(processIO).parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    if (err.message) process.stderr.write(err.message.endsWith('\n') ? err.message : `${err.message}\n`);
    process.exitCode = err.exitCode;
  } else if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
