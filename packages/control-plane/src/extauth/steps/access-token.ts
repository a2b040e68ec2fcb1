// oauth2.accessTokenValidation (api form) → the ext-auth step config: durations in ms, secret inlined.
import { durationMs } from '@portico/api';
import type { AccessTokenValidationConfig } from '@portico/ext-auth/config';
import { inspectLocalJwks } from '@portico/ext-auth/config';
import type { Resolved } from '../refs.ts';
import { secretValue } from '../refs.ts';
import type { StepTranslator } from './index.ts';

type Api = NonNullable<NonNullable<Parameters<StepTranslator>[0]['oauth2']>['accessTokenValidation']>;

/** Notes for a WARNING status (e.g. inline keys that Portico ignores). */
export const translateAccessToken = (a: Api, ns: string, ctx: Parameters<StepTranslator>[2], warnings: string[]): Resolved<AccessTokenValidationConfig> => {
  const out: AccessTokenValidationConfig = {
    userinfoUrl: a.userinfoUrl ?? null,
    cacheTimeoutMs: a.cacheTimeout === undefined ? null : durationMs(a.cacheTimeout),
    requiredScopes: a.requiredScopes?.scope ?? [],
    dynamicMetadataFromClaims: a.dynamicMetadataFromClaims ?? {},
  };
  if (a.jwt) {
    const j = a.jwt;
    if (j.localJwks) {
      // Reported exactly as Gloo (Go encoding/json) words it, e.g. for `{keys:[…]}`.
      const jwks = inspectLocalJwks(j.localJwks.inlineString);
      if (!jwks.ok) return { ok: false, message: jwks.error };
      if (jwks.ignored.length) warnings.push(`localJwks: ${jwks.usable} usable signing key(s); ignored ${jwks.ignored.join('; ')}`);
      else if (jwks.usable === 0) warnings.push('localJwks: the key set is empty; no token will verify');
    }
    out.jwt = {
      remoteJwks: j.remoteJwks ? { url: j.remoteJwks.url, refreshIntervalMs: j.remoteJwks.refreshInterval ? durationMs(j.remoteJwks.refreshInterval) : undefined } : null,
      localJwks: j.localJwks ? { inlineString: j.localJwks.inlineString } : null,
      issuer: j.issuer ?? null,
    };
  } else if (a.introspection || a.introspectionUrl) {
    const i = a.introspection ?? { introspectionUrl: a.introspectionUrl! };
    let clientSecret: string | null = null;
    if ('clientSecretRef' in i && i.clientSecretRef && !('disableClientSecret' in i && i.disableClientSecret)) {
      const s = secretValue(ctx, i.clientSecretRef.namespace || ns, i.clientSecretRef.name, ['client-secret', 'clientSecret']);
      if (!s.ok) return s;
      clientSecret = s.value;
    }
    out.introspection = {
      introspectionUrl: i.introspectionUrl,
      clientId: 'clientId' in i ? (i.clientId ?? null) : null,
      clientSecret,
      userIdAttributeName: 'userIdAttributeName' in i ? (i.userIdAttributeName ?? null) : null,
    };
  } else {
    return { ok: false, message: 'accessTokenValidation: one of jwt, introspection or introspectionUrl is required' };
  }
  return { ok: true, value: out };
};
