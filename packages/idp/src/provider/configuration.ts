/// <reference path="./oidc-provider.d.ts" />
// Builds the oidc-provider instance from the validated config. Decisions that matter:
// - product scopes are dynamic (see scope-registry.ts): the single resource server (`audience`) reports the current
//   product list on every request, and getResourceServerInfo refuses unknown or disallowed scopes with invalid_scope
//   instead of oidc-provider's default of dropping them silently;
// - every access token is an RFC 9068 JWT (typ at+jwt) for that audience, with the product ids in `scope`;
// - PKCE (S256) is required, refresh tokens need offline_access and rotate on use;
// - name and email go into the ID token as well as userinfo (conformIdTokenClaims off), which the portal reads.
import Provider, { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { IdpClientConfig, IdpConfig } from '../config/schema.ts';
import { logoutPage, messagePage } from '../interactions/pages.ts';
import type { IdpKeys } from '../keys/key-store.ts';
import type { AccountDirectory } from '../users/accounts.ts';
import { OIDC_SCOPES, type ScopeRegistry } from './scope-registry.ts';
import type { AdapterStore } from './sqlite-adapter.ts';

export interface ProviderDeps {
  issuer: string;
  config: IdpConfig;
  keys: IdpKeys;
  accounts: AccountDirectory;
  scopes: ScopeRegistry;
  adapter?: AdapterStore;
}

function toClientMetadata(c: IdpClientConfig): Record<string, unknown> {
  const code = c.grantTypes.includes('authorization_code');
  return {
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret } : { token_endpoint_auth_method: 'none' }),
    grant_types: c.grantTypes,
    response_types: code ? ['code'] : [],
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    // The ID token then carries `sid`, and the logout token names it.
    ...(c.backchannelLogoutUri ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}

/** The users' extra claim names, released with the profile scope. */
function extraClaimNames(config: IdpConfig): string[] {
  return [...new Set(config.users.flatMap((u) => Object.keys(u.claims ?? {})))];
}

function requestedScopes(ctx: KoaContextWithOIDC): string[] {
  const raw = ctx.oidc.params?.scope;
  return typeof raw === 'string' && raw ? raw.split(' ').filter(Boolean) : [];
}

export function buildProvider(deps: ProviderDeps): Provider {
  const { issuer, config, keys, accounts, scopes } = deps;
  const allowedByClient = new Map(config.clients.map((c) => [c.clientId, c.scopes]));
  const formatByClient = new Map(config.clients.map((c) => [c.clientId, c.accessTokenFormat]));
  const ttl = config.accessTokenTtlSeconds;
  const publicClients = new Set(config.clients.filter((c) => !c.clientSecret).map((c) => c.clientId));

  const backchannelUris = new Set(config.clients.flatMap((c) => (c.backchannelLogoutUri ? [new URL(c.backchannelLogoutUri).href] : [])));
  const provider = new Provider(issuer, {
    ...(deps.adapter ? { adapter: deps.adapter.factory } : {}),
    clients: config.clients.map(toClientMetadata),
    jwks: { keys: keys.signing },
    cookies: { keys: keys.cookieKeys },
    scopes: [...OIDC_SCOPES],
    claims: { openid: ['sub'], profile: ['name', ...extraClaimNames(config)], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.find(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ ...account.claims, sub, name: account.name, email: account.email, email_verified: true }),
      };
    },
    pkce: { required: () => true },
    // Browser apps (public clients) call the token endpoint from their own origin: allow the origins of their
    // redirect URIs, nothing else (oidc-provider's default rule, stated so it is not a surprise).
    clientBasedCORS(_ctx: unknown, origin: string, client: { clientAuthMethod: string; redirectUris: string[] }) {
      if (origin === 'null' || client.clientAuthMethod !== 'none') return false;
      return client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin);
    },
    // A browser app holds only its access token: give a public client's user tokens the user's name, email and
    // extra claims, so a resource server (the portal's /v1/me) knows who is calling without the ID token.
    async extraTokenClaims(_ctx: unknown, token: { kind: string; clientId?: string; accountId?: string }) {
      if (token.kind !== 'AccessToken' || !token.accountId || !token.clientId || !publicClients.has(token.clientId)) return undefined;
      const account = accounts.find(token.accountId);
      return account ? { ...account.claims, name: account.name, email: account.email } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean },
      code: { scopes: Set<string> }) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ttl, ClientCredentials: ttl, IdToken: 3600, AuthorizationCode: 60, Interaction: 3600,
      Session: 14 * 86400, Grant: 14 * 86400, RefreshToken: 14 * 86400,
    },
    // oidc-provider refuses outgoing requests to loopback and private addresses (SSRF protection). A development
    // IdP's relying parties are on loopback, so the back-channel logout URIs of the configured clients — and only
    // those, which come from the operator's file, never from a request — are fetched without that guard.
    fetch: (url: URL | string, options: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher, ...rest } = options;
      return globalThis.fetch(url, backchannelUris.has(String(url)) ? rest : { ...rest, dispatcher } as RequestInit);
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // RFC 7591/7592 for the portal's app credentials: only holders of the initial access token may register;
      // a client's registration access token (kept sealed by the portal) lets it be deleted.
      registration: config.registration
        ? { enabled: true, initialAccessToken: config.registration.initialAccessToken, issueRegistrationAccessToken: true }
        : { enabled: false },
      registrationManagement: { enabled: config.registration !== undefined, rotateRegistrationAccessToken: false },
      // Any client registered here (and authenticated by the endpoint) may introspect: they are all the operator's.
      introspection: { enabled: true, allowedPolicy: async () => true },
      // A client may revoke only its own tokens (oidc-provider's default rule, stated here so it is not a surprise).
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => {
          if (token.clientId !== client.clientId) throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
          return true;
        },
      },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = logoutPage(form, ctx.oidc.client?.clientId);
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = messagePage('Signed out', 'You have been signed out of the development IdP.');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.audience,
        useGrantedResource: () => true,
        async getResourceServerInfo(ctx: KoaContextWithOIDC, resource: string, client: { clientId: string }) {
          if (resource !== config.audience) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          const verdict = scopes.check(requestedScopes(ctx), allowedByClient.get(client.clientId) ?? []);
          if (!verdict.ok) throw new errors.InvalidScope(verdict.message, verdict.scope);
          return {
            scope: scopes.products().join(' '),
            audience: config.audience,
            accessTokenTTL: ttl,
            accessTokenFormat: formatByClient.get(client.clientId) ?? 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  });

  // Discovery is computed from the static config; add the product scopes registered since.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && ctx.body && typeof ctx.body === 'object') {
      (ctx.body as Record<string, unknown>).scopes_supported = [...OIDC_SCOPES, ...scopes.products()];
    }
  });
  return provider;
}
