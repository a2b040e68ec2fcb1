// ExtAuthServer (admin.gloo.solo.io/v2) — gloo-api.md §2.2. Defaults (requestTimeout 2s, statusOnError 403,
// failureModeAllow false, maxRequestBytes 4KB when requestBody is set) are applied by translation, not here, so
// the stored spec stays what the user wrote.
import { z } from 'zod';
import { destinationReference, duration } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { EXT_AUTH_SERVER_FIELDS } from '../support/fields/admin.ts';

/** The HTTP codes Envoy's ext_authz accepts for status_on_error. */
const STATUS_CODES = [
  100, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
  410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 426, 428, 429, 431, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];

export const extAuthServerSpec = z.object({
  destinationServer: destinationReference.optional(),
  httpService: z
    .object({
      pathPrefix: z.string().optional(),
      request: z.object({ allowedHeaders: z.array(z.string()).optional(), headersToAdd: z.record(z.string(), z.string()).optional() }).optional(),
      response: z.object({ allowedUpstreamHeaders: z.array(z.string()).optional(), allowedClientHeaders: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
  requestTimeout: duration.optional(),
  failureModeAllow: z.boolean().optional(),
  requestBody: z
    .object({ maxRequestBytes: z.number().int().min(0).optional(), allowPartialMessage: z.boolean().optional(), packAsBytes: z.boolean().optional() })
    .optional(),
  clearRouteCache: z.boolean().optional(),
  statusOnError: z
    .number()
    .int()
    .refine((n) => STATUS_CODES.includes(n), { message: 'statusOnError must be a valid HTTP status code', params: { rule: 'HTTP status code' } })
    .optional(),
  transportApiVersion: z.enum(['GLOO_MESH_AUTO', 'ENVOY_AUTO', 'V3']).optional(),
  statPrefix: z.string().optional(),
});
export type ExtAuthServerSpec = z.infer<typeof extAuthServerSpec>;
export type ExtAuthServer = Resource<ExtAuthServerSpec>;

export const extAuthServer: KindDefinition = {
  kind: 'ExtAuthServer',
  apiVersion: 'admin.gloo.solo.io/v2',
  plural: 'extauthservers',
  shortNames: ['eas'],
  body: 'spec',
  spec: extAuthServerSpec,
  fields: EXT_AUTH_SERVER_FIELDS,
  status: glooStatus.extend({ numAppliedPolicies: z.number().int().optional(), numSelectedBackingServices: z.number().int().optional() }),
  wideColumns: [{ header: 'TIMEOUT', value: (r) => (r.spec as ExtAuthServerSpec).requestTimeout ?? '2s' }],
};
