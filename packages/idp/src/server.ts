// startIdp: the development OpenID provider as one HTTP server. It listens first (port 0 allowed), so the issuer can
// name the real port, then builds the oidc-provider instance and routes /interaction/* to Portico's own pages.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadIdpConfigFile, validateIdpConfig } from './config/load.ts';
import type { IdpConfig, IdpConfigInput } from './config/schema.ts';
import { IdpStartError } from './errors.ts';
import { createInteractionHandler } from './interactions/handler.ts';
import { loadOrCreateKeys } from './keys/key-store.ts';
import { buildProvider } from './provider/configuration.ts';
import { createScopeRegistry } from './provider/scope-registry.ts';
import { openAdapterStore, type AdapterStore } from './provider/sqlite-adapter.ts';
import { createAccountDirectory } from './users/accounts.ts';

export interface StartIdpOptions {
  /** Defaults to http://localhost:<port>. */
  issuer?: string;
  port?: number; // default 9000; 0 = ephemeral
  host?: string; // default 127.0.0.1
  stateDir?: string; // default .portico
  /** The config object, or a path to the YAML/JSON config file. */
  config?: IdpConfigInput | string;
  /** Keep sessions, grants and refresh tokens in <stateDir>/idp/grants.sqlite (default true). */
  persistGrants?: boolean;
  /** Enables dynamic client registration with this initial access token (overrides the config's `registration`). */
  registrationToken?: string;
}

export interface RunningIdp {
  issuer: string;
  /** Loopback URL the server actually listens on. */
  url: string;
  /** Registers the API product ids (the apiProductIds of the route tables) as the scopes that may be issued. */
  setScopes(ids: Iterable<string>): { accepted: string[]; rejected: string[] };
  scopes(): string[];
  close(): Promise<void>;
}

async function resolveConfig(config: StartIdpOptions['config']): Promise<IdpConfig> {
  const result = typeof config === 'string' ? await loadIdpConfigFile(config) : validateIdpConfig(config ?? {});
  if (!result.ok) throw new IdpStartError(result);
  return result.value;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startIdp(options: StartIdpOptions = {}): Promise<RunningIdp> {
  const loaded = await resolveConfig(options.config);
  const config = options.registrationToken ? { ...loaded, registration: { initialAccessToken: options.registrationToken } } : loaded;
  const stateDir = options.stateDir ?? '.portico';
  const keys = await loadOrCreateKeys(stateDir);
  if (!keys.ok) throw new IdpStartError(keys);
  const accounts = await createAccountDirectory(config.users);
  const scopes = createScopeRegistry(config.scopes);
  const host = options.host ?? '127.0.0.1';

  const server = createServer();
  const address = await listen(server, options.port ?? 9000, host);
  const issuer = options.issuer ?? `http://localhost:${address.port}`;
  let adapter: AdapterStore | undefined;
  try {
    adapter = options.persistGrants === false ? undefined : openAdapterStore(join(stateDir, 'idp', 'grants.sqlite'));
    const provider = buildProvider({ issuer, config, keys: keys.value, accounts, scopes, adapter });
    const interactions = createInteractionHandler(provider, accounts);
    const oidc = provider.callback();
    server.on('request', (req, res) => {
      const path = (req.url ?? '/').split('?')[0] as string;
      if (path.startsWith('/interaction/')) void interactions(req, res, path);
      else oidc(req, res);
    });
  } catch (err) {
    server.close();
    adapter?.close();
    throw err;
  }
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    issuer,
    url: `http://${urlHost}:${address.port}`,
    setScopes: (ids) => scopes.set(ids),
    scopes: () => scopes.products(),
    close: () => new Promise<void>((resolve) => {
      server.close(() => {
        adapter?.close();
        resolve();
      });
      server.closeAllConnections();
    }),
  };
}
