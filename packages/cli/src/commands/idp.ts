// portico idp — runs the development OpenID provider on its own (default issuer http://localhost:9000) until
// interrupted. Clients and users come from --config (default: the quickstart's examples/quickstart/idp.yaml).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { startIdp } from '@portico/idp';
import type { CliIO } from '../context.ts';
import { CliError } from '../errors.ts';

const QUICKSTART_CONFIG = fileURLToPath(new URL('../../../../examples/quickstart/idp.yaml', import.meta.url));

interface IdpOptions {
  config?: string;
  port: string;
  host: string;
  issuer?: string;
  stateDir: string;
  scopes?: string;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('idp')
    .description('run the development OpenID provider (not for production)')
    .option('--config <file>', 'clients and users (YAML); default examples/quickstart/idp.yaml')
    .option('--port <port>', 'listen port', '9000')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--issuer <url>', 'issuer URL (default http://localhost:<port>)')
    .option('--state-dir <dir>', 'where signing keys and grants are kept', '.portico')
    .option('--scopes <ids>', 'API product ids to accept as scopes, space separated (added to the config file\'s)')
    .action(async (opts: IdpOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('CLI_USAGE', `error: --port must be 0-65535, got ${opts.port}`);
      const config = opts.config ?? (existsSync(QUICKSTART_CONFIG) ? QUICKSTART_CONFIG : undefined);
      let idp;
      try {
        idp = await startIdp({ port, host: opts.host, issuer: opts.issuer, stateDir: opts.stateDir, config });
      } catch (err) {
        const e = err as Error & { code?: string };
        throw new CliError(e.code === 'IDP_CONFIG_READ' ? 'CLI_READ_FAILED' : 'CLI_USAGE', `error: ${e.message}`);
      }
      if (opts.scopes) idp.setScopes([...idp.scopes(), ...opts.scopes.split(/\s+/).filter(Boolean)]);
      io.stdout(`development IdP listening on ${idp.url}\nissuer ${idp.issuer}\n`
        + `discovery ${idp.issuer}/.well-known/openid-configuration\nscopes ${idp.scopes().join(' ') || '(none)'}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await idp.close();
    });
}
