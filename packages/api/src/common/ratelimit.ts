// Rate-limit building blocks shared by the rate-limit kinds (gloo-api.md §5.2): server-side descriptors and
// client-side actions.
import { z } from 'zod';
import { headerMatcher } from './matchers.ts';

export const rateLimitUnit = z.enum(['UNKNOWN', 'SECOND', 'MINUTE', 'HOUR', 'DAY']);

export const rateLimit = z.object({
  unit: rateLimitUnit,
  requestsPerUnit: z.number().int().min(0),
});
export type RateLimit = z.infer<typeof rateLimit>;

export interface Descriptor {
  key: string;
  value?: string | undefined;
  rateLimit?: RateLimit | undefined;
  descriptors?: Descriptor[] | undefined;
  weight?: number | undefined;
  alwaysApply?: boolean | undefined;
}

// Recursive: a descriptor nests descriptors. The explicit type annotation keeps z.infer finite.
export const descriptor: z.ZodType<Descriptor> = z.lazy(() =>
  z.object({
    key: z.string({ error: 'Required' }).min(1, 'Required'),
    value: z.string().optional(),
    rateLimit: rateLimit.optional(),
    descriptors: z.array(descriptor).optional(),
    weight: z.number().int().min(0).optional(),
    alwaysApply: z.boolean().optional(),
  }),
);

export const setDescriptor = z.object({
  simpleDescriptors: z.array(z.object({ key: z.string({ error: 'Required' }).min(1, 'Required'), value: z.string().optional() })).optional(),
  rateLimit: rateLimit.optional(),
  alwaysApply: z.boolean().optional(),
});
export type SetDescriptor = z.infer<typeof setDescriptor>;

export const rateLimitAction = z.object({
  sourceCluster: z.object({}).optional(),
  destinationCluster: z.object({}).optional(),
  requestHeaders: z.object({ headerName: z.string(), descriptorKey: z.string(), skipIfAbsent: z.boolean().optional() }).optional(),
  remoteAddress: z.object({}).optional(),
  genericKey: z.object({ descriptorValue: z.string(), descriptorKey: z.string().optional() }).optional(),
  headerValueMatch: z
    .object({ descriptorValue: z.string(), descriptorKey: z.string().optional(), expectMatch: z.boolean().optional(), headers: z.array(headerMatcher).optional() })
    .optional(),
  metadata: z
    .object({
      descriptorKey: z.string(),
      metadataKey: z.object({ key: z.string(), path: z.array(z.object({ key: z.string() })).optional() }),
      defaultValue: z.string().optional(),
      source: z.enum(['DYNAMIC', 'ROUTE_ENTRY']).optional(),
    })
    .optional(),
});
export type RateLimitAction = z.infer<typeof rateLimitAction>;

export const rateLimitActions = z.object({
  actions: z.array(rateLimitAction).optional(),
  setActions: z.array(rateLimitAction).optional(),
  limit: z.object({ dynamicMetadata: z.object({ metadataKey: z.object({ key: z.string(), path: z.array(z.object({ key: z.string() })).optional() }) }).optional() }).optional(),
});
export type RateLimitActions = z.infer<typeof rateLimitActions>;

export const phase = z.object({
  preAuthz: z.object({ priority: z.number().int().optional() }).optional(),
  postAuthz: z.object({ priority: z.number().int().optional() }).optional(),
});
