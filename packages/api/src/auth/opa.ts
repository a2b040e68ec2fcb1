// AuthConfig `opaAuth` / `opaServerAuth` (gloo-api.md §2.6).
import { z } from 'zod';
import { resourceRef } from '../common/refs.ts';

const options = z.object({ fastInputConversion: z.boolean().optional(), returnDecisionReason: z.boolean().optional() });

export const opaAuth = z.object({
  modules: z.array(resourceRef).optional(),
  query: z.string({ error: 'Required' }).min(1, 'Required'),
  options: options.optional(),
});
export type OpaAuth = z.infer<typeof opaAuth>;

export const opaServerAuth = z.object({
  package: z.string({ error: 'Required' }).min(1, 'Required'),
  ruleName: z.string().optional(),
  serverAddr: z.string().optional(),
  options: options.optional(),
});
export type OpaServerAuth = z.infer<typeof opaServerAuth>;
