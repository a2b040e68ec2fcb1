// RateLimitServerSettings (admin.gloo.solo.io/v2): how the gateway talks to the rate limiter. Defaults
// (requestTimeout 100ms, denyOnFail false) are applied by translation.
import { z } from 'zod';
import { destinationReference, duration } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { RATE_LIMIT_SERVER_SETTINGS_FIELDS } from '../support/fields/admin.ts';

export const rateLimitServerSettingsSpec = z.object({
  destinationServer: destinationReference.optional(),
  requestTimeout: duration.optional(),
  denyOnFail: z.boolean().optional(),
  rateLimitBeforeAuth: z.boolean().optional(),
});
export type RateLimitServerSettingsSpec = z.infer<typeof rateLimitServerSettingsSpec>;

export const rateLimitServerSettings: KindDefinition = {
  kind: 'RateLimitServerSettings',
  apiVersion: 'admin.gloo.solo.io/v2',
  plural: 'ratelimitserversettings',
  shortNames: ['rlss'],
  body: 'spec',
  spec: rateLimitServerSettingsSpec,
  fields: RATE_LIMIT_SERVER_SETTINGS_FIELDS,
  status: glooStatus,
};
