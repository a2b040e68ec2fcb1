// RouteTable `portalMetadata` (gloo-api.md §1.7; common/v2 portal_metadata.proto).
import { z } from 'zod';

export const portalMetadata = z.object({
  apiProductId: z
    .string({ error: 'Required' })
    .min(1, 'Required')
    .refine((s) => !s.includes(' '), { message: 'Must not contain spaces.', params: { rule: "!self.contains(' ')" } }),
  apiProductDisplayName: z.string().optional(),
  apiVersion: z.string({ error: 'Required' }).min(1, 'Required'),
  title: z.string().optional(),
  description: z.string().optional(),
  // The comments ask for a URL / an email; examples in the wild use free text, so these are not hard-rejected.
  termsOfService: z.string().optional(),
  contact: z.string().optional(),
  license: z.string().optional(),
  lifecycle: z.string().optional(),
  customMetadata: z.record(z.string(), z.string()).optional(),
});
export type PortalMetadata = z.infer<typeof portalMetadata>;
