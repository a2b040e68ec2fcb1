// portico token — gets an access token with the client_credentials grant (openid-client) and prints only the token,
// so `export ACCESS_TOKEN=$(portico token …)` works. The secret may come from PORTICO_CLIENT_SECRET instead of the
// command line, where other users could read it in the process list.
import type { Command } from 'commander';
import * as oidc from 'openid-client';
import type { CliIO } from '../context.ts';
import { CliError } from '../errors.ts';

interface TokenOptions {
  clientId: string;
  clientSecret?: string;
  scope?: string;
  issuer: string;
}

interface Challenge { parameters?: { error?: string; error_description?: string } }

/** The OAuth error code and description, wherever openid-client put them (body, WWW-Authenticate, cause). */
function describe(err: unknown): string {
  const e = err as Error & { error?: string; error_description?: string; cause?: { message?: string } | Challenge[] };
  const challenge = Array.isArray(e.cause) ? e.cause[0]?.parameters : undefined;
  const code = e.error ?? challenge?.error;
  const text = e.error_description ?? challenge?.error_description;
  if (code) return `${code}${text ? `: ${text}` : ''}`;
  const cause = Array.isArray(e.cause) ? undefined : e.cause?.message;
  return cause ? `${e.message}: ${cause}` : e.message;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('token')
    .description('print an access token from the IdP (client_credentials grant)')
    .requiredOption('--client-id <id>', 'OAuth client id')
    .option('--client-secret <secret>', 'client secret (or set PORTICO_CLIENT_SECRET)')
    .option('--scope <scopes>', 'space-separated scopes, e.g. "petstore tracks"')
    .option('--issuer <url>', 'issuer URL of the IdP', process.env.PORTICO_ISSUER ?? 'http://localhost:9000')
    .action(async (opts: TokenOptions) => {
      const secret = opts.clientSecret ?? process.env.PORTICO_CLIENT_SECRET;
      if (!secret) throw new CliError('CLI_USAGE', 'error: --client-secret (or PORTICO_CLIENT_SECRET) is required');
      if (!URL.canParse(opts.issuer)) throw new CliError('CLI_USAGE', `error: --issuer must be a URL, got ${opts.issuer}`);
      const issuer = new URL(opts.issuer);
      let config: oidc.Configuration;
      try {
        config = await oidc.discovery(issuer, opts.clientId, undefined, oidc.ClientSecretBasic(secret), {
          timeout: 10,
          ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        });
      } catch (err) {
        throw new CliError('CLI_SERVER_UNREACHABLE', `error: cannot discover the IdP at ${issuer.href}: ${describe(err)}`);
      }
      try {
        const scope = opts.scope?.trim().split(/\s+/).join(' ');
        const tokens = await oidc.clientCredentialsGrant(config, scope ? { scope } : {});
        io.stdout(`${tokens.access_token}\n`);
      } catch (err) {
        throw new CliError('CLI_SERVER_ERROR', `error: the IdP refused the token request: ${describe(err)}`);
      }
    });
}
