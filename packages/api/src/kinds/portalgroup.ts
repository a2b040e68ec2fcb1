// PortalGroup (apimanagement.gloo.solo.io/v2): which ID-token claims grant which APIs and usage plans (§5.3).
import { z } from 'zod';
import { objectSelector } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { PORTAL_GROUP_FIELDS } from '../support/fields/portal.ts';

export const portalGroupSpec = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  membership: z.array(z.object({ claims: z.array(z.object({ key: z.string({ error: 'Required' }).min(1, 'Required'), value: z.string().optional() })).optional() })).optional(),
  accessLevel: z.object({ apis: z.array(objectSelector).optional(), usagePlans: z.array(z.string()).optional() }).optional(),
});
export type PortalGroupSpec = z.infer<typeof portalGroupSpec>;

export const portalGroup: KindDefinition = {
  kind: 'PortalGroup',
  apiVersion: 'apimanagement.gloo.solo.io/v2',
  plural: 'portalgroups',
  shortNames: ['pg'],
  body: 'spec',
  spec: portalGroupSpec,
  fields: PORTAL_GROUP_FIELDS,
  status: glooStatus,
};
