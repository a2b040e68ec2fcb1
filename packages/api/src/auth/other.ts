// The remaining AuthConfig step types (gloo-api.md §2.9): kept in the schema so manifests validate; the ext-auth
// service decides which it implements.
import { z } from 'zod';
import { duration, resourceRef } from '../common/refs.ts';

const required = () => z.string({ error: 'Required' }).min(1, 'Required');

export const basicAuth = z
  .object({
    realm: z.string().optional(),
    apr: z.object({ users: z.record(z.string(), z.object({ salt: z.string(), hashedPassword: z.string() })) }).optional(),
    encryption: z.object({ apr: z.object({}).optional(), sha1: z.object({}).optional() }).optional(),
    userList: z.object({ users: z.record(z.string(), z.unknown()).optional() }).optional(),
  })
  .refine((b) => (b.apr !== undefined) !== (b.encryption !== undefined && b.userList !== undefined), {
    message: 'set either apr, or encryption together with userList',
    params: { rule: 'has(self.apr) != (has(self.encryption) && has(self.userList))' },
  });

export const ldap = z.object({
  address: required(),
  userDnTemplate: z.string().optional(),
  membershipAttributeName: z.string().optional(),
  allowedGroups: z.array(z.string()).optional(),
  pool: z.object({ maxSize: z.number().int().optional(), initialSize: z.number().int().optional() }).optional(),
  searchFilter: z.string().optional(),
  disableGroupChecking: z.boolean().optional(),
  groupLookupSettings: z.record(z.string(), z.unknown()).optional(),
});

export const passThroughAuth = z
  .object({
    grpc: z.object({ address: required(), connectionTimeout: duration.optional(), retryPolicy: z.record(z.string(), z.unknown()).optional() }).optional(),
    http: z
      .object({
        url: required(),
        request: z.record(z.string(), z.unknown()).optional(),
        response: z.record(z.string(), z.unknown()).optional(),
        connectionTimeout: duration.optional(),
      })
      .optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    failureModeAllow: z.boolean().optional(),
  })
  .refine((p) => (p.grpc === undefined) !== (p.http === undefined), { message: 'Must specify grpc or http', params: { rule: 'has(self.grpc) || has(self.http)' } });

export const hmacAuth = z.object({
  secretRefs: z.object({ secretRefs: z.array(resourceRef).optional() }).optional(),
  parametersInHeaders: z.object({}).optional(),
});

export const pluginAuth = z.object({
  name: z.string().optional(),
  pluginFileName: z.string().optional(),
  exportedSymbolName: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});
