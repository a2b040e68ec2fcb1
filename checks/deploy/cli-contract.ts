// What the container image and the manifests may run: a `portico` subcommand that exists, with flags its --help
// lists, and PORTICO_* environment variables some package reads. Asked of the real CLI, so a renamed flag fails the
// deploy checks instead of a pod on a cluster.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sourceFiles, workspacePackages } from '../workspace.ts';

const MAIN = join(ROOT, 'packages/cli/src/main.ts');
const helpCache = new Map<string, string>();

function help(command: string): string {
  let text = helpCache.get(command);
  if (text === undefined) {
    text = execFileSync(process.execPath, [MAIN, ...(command ? [command] : []), '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    helpCache.set(command, text);
  }
  return text;
}

/** The problems with running `portico <args…>`: an unknown subcommand, or flags its --help does not list. */
export function cliProblems(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  if (!command || command.startsWith('-')) return [`no subcommand in ${JSON.stringify(args)}`];
  const top = help('');
  if (!new RegExp(`^\\s+${command}\\b`, 'm').test(top)) return [`portico has no command ${JSON.stringify(command)}`];
  const text = help(command);
  const problems: string[] = [];
  for (const a of rest) {
    if (!a.startsWith('--')) continue;
    const flag = a.split('=')[0]!;
    if (!new RegExp(`(^|[\\s,])${flag.replace(/[-]/g, '\\-')}(\\s|$|[ <\\[])`, 'm').test(text)) problems.push(`portico ${command} has no flag ${flag}`);
  }
  return problems;
}

let envNames: Set<string> | null = null;

/** Whether some workspace package's source reads this PORTICO_* environment variable. */
export function envVarIsRead(name: string): boolean {
  if (!envNames) {
    envNames = new Set();
    for (const pkg of workspacePackages()) {
      for (const file of sourceFiles(pkg)) {
        for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/\bPORTICO_[A-Z0-9_]+\b/g)) envNames.add(m[0]);
      }
    }
  }
  return envNames.has(name);
}
