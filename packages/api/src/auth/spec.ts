// AuthConfigSpec (gloo-api.md §2.4): the `glooAuth` of an ExtAuthPolicy and the spec of a derived AuthConfig.
import { z } from 'zod';
import { apiKeyAuth } from './apikey.ts';
import { oauth2Config } from './oauth2.ts';
import { opaAuth, opaServerAuth } from './opa.ts';
import { basicAuth, hmacAuth, ldap, passThroughAuth, pluginAuth } from './other.ts';

export const AUTH_STEP_TYPES = [
  'basicAuth', 'oauth', 'oauth2', 'apiKeyAuth', 'pluginAuth', 'opaAuth', 'ldap', 'jwt', 'passThroughAuth', 'hmacAuth', 'opaServerAuth', 'portalAuth',
] as const;

/** Gloo Gateway's portal step (portal-teams-apps.md §4); `headersFromMetadataEntry` is Portico's (docs/portal.md). */
export const portalAuth = z.object({
  url: z.string().optional(),
  cacheDuration: z.string().optional(),
  apiKeyHeader: z.string().optional(),
  redisOptions: z.record(z.string(), z.unknown()).optional(),
  headersFromMetadataEntry: z.record(z.string(), z.object({ name: z.string(), required: z.boolean().optional() })).optional(),
});
export type AuthStepType = (typeof AUTH_STEP_TYPES)[number];

export const authConfigStep = z
  .object({
    name: z.string().optional(),
    basicAuth: basicAuth.optional(),
    oauth: z.record(z.string(), z.unknown()).optional(), // deprecated Gloo Edge form
    oauth2: oauth2Config.optional(),
    apiKeyAuth: apiKeyAuth.optional(),
    pluginAuth: pluginAuth.optional(),
    opaAuth: opaAuth.optional(),
    ldap: ldap.optional(),
    jwt: z.object({}).optional(),
    passThroughAuth: passThroughAuth.optional(),
    hmacAuth: hmacAuth.optional(),
    opaServerAuth: opaServerAuth.optional(),
    portalAuth: portalAuth.optional(),
  })
  .superRefine((c, ctx) => {
    const set = AUTH_STEP_TYPES.filter((k) => c[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: set.length === 0 ? `exactly one auth config type must be set: ${AUTH_STEP_TYPES.join(', ')}` : `only one auth config type may be set per entry, found ${set.join(' and ')}`,
        params: { rule: 'oneof auth_config' },
      });
    }
  });
export type AuthConfigStep = z.infer<typeof authConfigStep>;

export const authConfigSpec = z.object({
  configs: z.array(authConfigStep, { error: 'Required' }).min(1, 'configs must have at least 1 item'),
  booleanExpr: z.string().optional(),
  failOnRedirect: z.boolean().optional(),
});
export type AuthConfigSpec = z.infer<typeof authConfigSpec>;
