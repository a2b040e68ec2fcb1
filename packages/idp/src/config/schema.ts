// The IdP config file (YAML or JSON): its clients, users and token settings. One zod schema; the TypeScript types
// are derived from it.
import { z } from 'zod';

const url = z.string().refine((v) => URL.canParse(v), { message: 'must be an absolute URL' });
const scopeToken = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be a scope token (no spaces or quotes)');

const RESERVED_CLAIMS = new Set(['sub', 'name', 'email', 'email_verified', 'iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'azp', 'nonce', 'auth_time', 'acr', 'amr', 'sid', 'at_hash', 'c_hash']);

export const grantTypeSchema = z.enum(['client_credentials', 'authorization_code', 'refresh_token']);

export const clientSchema = z.strictObject({
  clientId: z.string().min(1),
  /** Absent = public client (token_endpoint_auth_method none; PKCE is required anyway). */
  clientSecret: z.string().min(8).optional(),
  grantTypes: z.array(grantTypeSchema).min(1),
  redirectUris: z.array(url).default([]),
  postLogoutRedirectUris: z.array(url).default([]),
  /** OIDC Back-Channel Logout 1.0: where the IdP POSTs a logout token when the user's IdP session ends. */
  backchannelLogoutUri: url.optional(),
  /** API product scopes this client may ask for; "*" means every registered product. */
  scopes: z.array(z.union([z.literal('*'), scopeToken])).default([]),
  /** jwt (RFC 9068, default) or opaque — opaque tokens are stored, so introspection (RFC 7662) can answer for them. */
  accessTokenFormat: z.enum(['jwt', 'opaque']).default('jwt'),
}).superRefine((c, ctx) => {
  if (c.grantTypes.includes('authorization_code') && c.redirectUris.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['redirectUris'], message: 'required for the authorization_code grant' });
  }
  if (c.grantTypes.includes('client_credentials') && !c.clientSecret) {
    ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'required for the client_credentials grant' });
  }
});

export const userSchema = z.strictObject({
  email: z.email(),
  name: z.string().min(1),
  /** Stable subject; defaults to the email address. */
  sub: z.string().min(1).optional(),
  /** scrypt$N$r$p$salt$hash, as printed by hashPassword(). */
  passwordHash: z.string().startsWith('scrypt$').optional(),
  /** Development convenience: a plain password, hashed in memory at startup and never stored. */
  password: z.string().min(1).optional(),
  /**
   * Extra claims in the user's ID token and userinfo (with the `profile` scope), e.g. `group: admin` for a portal
   * admin of a teams-and-apps portal.
   */
  claims: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'must be a claim name'), z.union([z.string(), z.array(z.string())]))
    .refine((c) => !Object.keys(c).some((k) => RESERVED_CLAIMS.has(k)), { message: 'may not override sub, name, email, email_verified or registered JWT claims' })
    .optional(),
}).refine((u) => (u.passwordHash === undefined) !== (u.password === undefined), {
  message: 'exactly one of password or passwordHash is required',
});

export const idpConfigSchema = z.strictObject({
  /** Audience (`aud`) of issued JWT access tokens: the resource server, i.e. the gateway. */
  audience: url.default('http://localhost:8080'),
  accessTokenTtlSeconds: z.number().int().min(30).max(86400).default(3600),
  /** Product scopes known before the control plane reports any (standalone `portico idp`). */
  scopes: z.array(scopeToken).default([]),
  clients: z.array(clientSchema).default([]),
  users: z.array(userSchema).default([]),
  /**
   * Dynamic client registration (RFC 7591 at /reg, RFC 7592 management at /reg/<id>) for callers presenting this
   * initial access token — how a teams-and-apps portal creates its apps' OAuth clients. Absent = disabled.
   */
  registration: z.strictObject({ initialAccessToken: z.string().min(16, 'must be at least 16 characters') }).optional(),
}).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.clients.forEach((client, i) => {
    if (seen.has(client.clientId)) {
      ctx.addIssue({ code: 'custom', path: ['clients', i, 'clientId'], message: `duplicate clientId ${client.clientId}` });
    }
    seen.add(client.clientId);
  });
  const emails = new Set<string>();
  c.users.forEach((u, i) => {
    if (emails.has(u.email.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['users', i, 'email'], message: `duplicate user ${u.email}` });
    }
    emails.add(u.email.toLowerCase());
  });
});

export type IdpConfigInput = z.input<typeof idpConfigSchema>;
export type IdpConfig = z.output<typeof idpConfigSchema>;
export type IdpClientConfig = z.output<typeof clientSchema>;
export type IdpUserConfig = z.output<typeof userSchema>;
