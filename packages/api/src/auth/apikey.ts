// AuthConfig `apiKeyAuth` (gloo-api.md §2.8).
import { z } from 'zod';
import { resourceRef } from '../common/refs.ts';

export const apiKeyAuth = z.object({
  headerName: z.string().optional(),
  headersFromMetadataEntry: z.record(z.string(), z.object({ name: z.string(), required: z.boolean().optional() })).optional(),
  k8sSecretApikeyStorage: z.object({ labelSelector: z.record(z.string(), z.string()).optional(), apiKeySecretRefs: z.array(resourceRef).optional() }).optional(),
  aerospikeApikeyStorage: z.record(z.string(), z.unknown()).optional(),
  labelSelector: z.record(z.string(), z.string()).optional(),
  apiKeySecretRefs: z.array(resourceRef).optional(),
  headersFromMetadata: z.record(z.string(), z.string()).optional(),
  skipMetadataValidation: z.boolean().optional(),
});
export type ApiKeyAuth = z.infer<typeof apiKeyAuth>;
