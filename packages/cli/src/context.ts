// What every command gets: where to print, which admin API to talk to, and how to resolve KIND arguments.
import { resolveKind, type KindDefinition } from '@portico/api';
import type { Command } from 'commander';
import { AdminClient, serverUrl } from './client.ts';
import { CliError } from './errors.ts';
import { adminToken } from './token.ts';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
}

export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** The admin client for a command, honouring the global --server option. */
export function clientFor(cmd: Command): AdminClient {
  const opts = cmd.optsWithGlobals<{ server?: string; token?: string }>();
  return new AdminClient(serverUrl(opts.server), adminToken(opts.token));
}

export function kindOrFail(name: string): KindDefinition {
  const def = resolveKind(name);
  if (!def) throw new CliError('CLI_UNKNOWN_KIND', `error: the server doesn't have a resource type "${name}"`);
  return def;
}

/** -n flag, else PORTICO_NAMESPACE, else "default" (as kubectl). */
export function namespaceOf(flag: string | undefined): string {
  return flag ?? process.env.PORTICO_NAMESPACE ?? 'default';
}

/** `routetable.networking.gloo.solo.io/name` — kubectl's `-o name` form. */
export function qualifiedName(def: KindDefinition, name: string): string {
  const slash = def.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : def.apiVersion.slice(0, slash);
  return `${def.kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}
