// Portal (apimanagement.gloo.solo.io/v2) — gloo-api.md §5.3.
import { z } from 'zod';
import { labelMap } from '../common/labels.ts';
import { objectSelector, workloadSelector } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { PORTAL_FIELDS } from '../support/fields/portal.ts';

export const portalSpec = z.object({
  portalBackendSelectors: z.array(workloadSelector).optional(),
  apis: z.array(objectSelector).optional(),
  apiProducts: z.array(objectSelector).optional(),
  usagePlans: z.array(z.object({ name: z.string({ error: 'Required' }).min(1, 'Required'), displayName: z.string().optional(), description: z.string().optional() })).optional(),
  domains: z.array(z.string().min(1)).optional(),
  visibility: z.object({ public: z.boolean().optional(), privateAPILabels: labelMap.optional() }).optional(),
  // Portico extensions (docs/portal.md): which portal model the portal server speaks — usage plans and personal
  // keys (Gloo Platform Portal, the default) or teams, apps and approved subscriptions (Gloo Gateway portal) —
  // and the browser origins allowed to call its /v1 API.
  portalModel: z.enum(['usage-plans', 'teams-and-apps']).optional(),
  cors: z.object({ allowOrigins: z.array(z.string().refine((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o), { message: 'must be "*" or an origin such as https://portal.example.com (scheme and host, no path)' })) }).optional(),
});
export type PortalSpec = z.infer<typeof portalSpec>;

export const portal: KindDefinition = {
  kind: 'Portal',
  apiVersion: 'apimanagement.gloo.solo.io/v2',
  plural: 'portals',
  shortNames: [],
  body: 'spec',
  spec: portalSpec,
  fields: PORTAL_FIELDS,
  status: glooStatus.extend({
    ownerWorkspace: z.string().optional(),
    routeTablesCount: z.number().int().optional(),
    extAuthPolicyCount: z.number().int().optional(),
    rateLimitPolicyCount: z.number().int().optional(),
    portalBackendCount: z.number().int().optional(),
  }),
  wideColumns: [{ header: 'DOMAINS', value: (r) => ((r.spec as PortalSpec).domains ?? []).join(',') }],
};
