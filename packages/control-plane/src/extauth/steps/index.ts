// One AuthConfig entry (api form, exactly one type set) → the ext-auth StepConfig with references resolved.
// A type maps to its translator in TRANSLATORS; types ext-auth does not run yet are rejected by name.
import type { AuthConfigStep } from '@portico/api';
import type { StepConfig } from '@portico/ext-auth/config';
import type { TranslationContext } from '../../translate/stage.ts';
import type { Resolved } from '../refs.ts';
import { translateAccessToken } from './access-token.ts';
import { resolveSecretKeys } from './apikey.ts';
import { translateOidc } from './oidc.ts';
import { translateOpa } from './opa.ts';

/** `warnings` collects notes that make the AuthConfig WARNING (applied, but probably not as meant). */
export type StepTranslator = (step: AuthConfigStep, ns: string, ctx: TranslationContext, name: string, warnings: string[]) => Resolved<StepConfig>;

const TRANSLATORS: Record<string, StepTranslator> = {
  oauth2: (s, ns, ctx, name, warnings) => {
    const o = s.oauth2!;
    if (o.accessTokenValidation) {
      const r = translateAccessToken(o.accessTokenValidation, ns, ctx, warnings);
      return r.ok ? { ok: true, value: { kind: 'accessTokenValidation', name, config: r.value } } : r;
    }
    if (o.oidcAuthorizationCode) {
      const r = translateOidc(o.oidcAuthorizationCode as Record<string, unknown>, ns, ctx);
      return r.ok ? { ok: true, value: { kind: 'oidcAuthorizationCode', name, config: r.value as never } } : r;
    }
    return { ok: false, message: 'oauth2.oauth2 (plain OAuth2) is not supported by Portico ext-auth' };
  },
  opaAuth: (s, ns, ctx, name) => {
    const r = translateOpa(s.opaAuth!, ns, ctx);
    return r.ok ? { ok: true, value: { kind: 'opaAuth', name, config: r.value } } : r;
  },
  apiKeyAuth: (s, ns, ctx, name, warnings) => {
    const a = s.apiKeyAuth!;
    const fromSecrets = resolveSecretKeys(a, ns, ctx, `${name}.apiKeyAuth`);
    if (fromSecrets === null) return { ok: true, value: { kind: 'apiKeyAuth', name, config: a as never } };
    warnings.push(...fromSecrets.warnings);
    const { k8sSecretApikeyStorage: _s, labelSelector: _l, apiKeySecretRefs: _r, aerospikeApikeyStorage: _a, ...rest } = a;
    return { ok: true, value: { kind: 'apiKeyAuth', name, config: { ...rest, apiKeyHashes: fromSecrets.hashes } } };
  },
  // url, cacheDuration, redisOptions: reported as ignored by the field registry (api/src/support/fields/policies.ts).
  portalAuth: (s, _ns, _ctx, name) => {
    const { url: _url, cacheDuration: _cache, redisOptions: _redis, ...config } = s.portalAuth!;
    return { ok: true, value: { kind: 'portalAuth', name, config } };
  },
};

export function translateStep(step: AuthConfigStep, index: number, ns: string, ctx: TranslationContext, warnings: string[]): Resolved<StepConfig> {
  const type = Object.keys(step).find((k) => k !== 'name' && (step as Record<string, unknown>)[k] !== undefined) ?? '';
  const name = step.name || `config_${index}`;
  const t = TRANSLATORS[type];
  if (!t) return { ok: false, message: `configs[${index}]: auth config type ${type || '(none)'} is not supported by Portico ext-auth` };
  return t(step, ns, ctx, name, warnings);
}
