// The relying party's view of the IdP, through openid-client: discovery on first use, re-polled every
// discoveryPollInterval off the request path (the last good document is kept while the IdP is down), and the JWKS
// used to check ID-token signatures ourselves (openid-client skips that for token-endpoint responses, which OIDC Core
// §3.1.3.7 allows only over TLS — the development IdP is plain http). The keys come from the shared remote JWKS
// cache (jwt/remote-jwks.ts), like every other JWKS Portico reads.
import type { JWTVerifyGetKey } from 'jose';
import * as oidc from 'openid-client';
import { fail, ok, type Result } from '../../errors.ts';
import type { JwksHandle, JwksRegistry } from '../../jwt/jwks-registry.ts';
import { remoteJwksKeyResolver } from '../../jwt/key-resolver.ts';
import { REMOTE_JWKS_DEFAULTS } from '../../jwt/remote-jwks.ts';
import type { CompiledOidcConfig } from './config.ts';

export interface IdentityProvider {
  config: oidc.Configuration;
  jwks: JWTVerifyGetKey;
  idTokenAlgs: string[];
}

const REQUEST_TIMEOUT_SECONDS = 5;
/** After a failed discovery, requests fail fast for this long instead of each waiting on the IdP again. */
const RETRY_AFTER_FAILURE_MS = 5000;

export class IdentityProviderClient {
  readonly #cfg: CompiledOidcConfig;
  readonly #registry: JwksRegistry;
  #jwks: JwksHandle | null = null;
  #current: IdentityProvider | null = null;
  #pending: Promise<Result<IdentityProvider>> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #failure: { at: number; result: Result<IdentityProvider> } | null = null;

  constructor(cfg: CompiledOidcConfig, registry: JwksRegistry) {
    this.#cfg = cfg;
    this.#registry = registry;
  }

  /** The discovered IdP; the first call waits for discovery, later calls never do. */
  async get(): Promise<Result<IdentityProvider>> {
    if (this.#current) return ok(this.#current);
    if (this.#failure && Date.now() - this.#failure.at < RETRY_AFTER_FAILURE_MS) return this.#failure.result;
    this.#pending ??= this.#discover().then((result) => {
      this.#failure = result.ok ? null : { at: Date.now(), result };
      return result;
    }).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#jwks?.release();
    this.#jwks = null;
  }

  /** The cached key set of jwks_uri (a new URI after re-discovery replaces the old one). */
  #keysFor(uri: string): JWTVerifyGetKey {
    if (this.#jwks?.jwks.options.url !== uri) {
      this.#jwks?.release();
      // A rotated signing key is picked up at once, at most one reload per cooldown.
      this.#jwks = this.#registry.acquire({ ...REMOTE_JWKS_DEFAULTS, url: uri, timeoutMs: REQUEST_TIMEOUT_SECONDS * 1000, unknownKid: 'rateLimited' });
    }
    return remoteJwksKeyResolver(this.#jwks.jwks);
  }

  async #discover(): Promise<Result<IdentityProvider>> {
    const c = this.#cfg;
    const auth = c.clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(c.clientSecret);
    try {
      const config = await oidc.discovery(c.issuerUrl, c.clientId, undefined, auth, {
        timeout: REQUEST_TIMEOUT_SECONDS,
        ...(c.issuerUrl.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      config.timeout = REQUEST_TIMEOUT_SECONDS;
      const meta = config.serverMetadata();
      if (!meta.jwks_uri) return fail('AUTH_OIDC_DISCOVERY_FAILED', `${c.issuerUrl.href}: discovery has no jwks_uri`);
      const next: IdentityProvider = {
        config,
        jwks: this.#keysFor(meta.jwks_uri),
        idTokenAlgs: meta.id_token_signing_alg_values_supported?.filter((a) => a !== 'none' && !a.startsWith('HS'))
          ?? ['RS256'],
      };
      this.#current = next;
      this.#startPolling();
      return ok(next);
    } catch (err) {
      return fail('AUTH_OIDC_DISCOVERY_FAILED', `discovery of ${c.issuerUrl.href} failed: ${(err as Error).message}`);
    }
  }

  #startPolling(): void {
    if (this.#timer || this.#cfg.discoveryPollSeconds <= 0) return;
    // A failed poll leaves #current untouched: while the IdP is down, requests keep the last good document.
    this.#timer = setInterval(() => void this.#discover(), this.#cfg.discoveryPollSeconds * 1000);
    this.#timer.unref();
  }
}
