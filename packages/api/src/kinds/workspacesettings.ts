// WorkspaceSettings (admin.gloo.solo.io/v2) — gloo-api-more.md §3: what a workspace exports to and imports from
// others. One per workspace (in any of its namespaces); `options` are mesh features Portico reports as unsupported.
import { z } from 'zod';
import { labelMap } from '../common/labels.ts';
import { glooStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { WORKSPACE_SETTINGS_FIELDS } from '../support/fields/admin.ts';

export const SHAREABLE_KINDS = [
  'ALL',
  'ROUTE_TABLE',
  'SERVICE',
  'VIRTUAL_DESTINATION',
  'EXTERNAL_SERVICE',
  'API_DOC',
  'GRAPHQL_SCHEMA',
  'GRAPHQL_RESOLVER_MAP',
  'GRAPHQL_STITCHED_SCHEMA',
  'EXTERNAL_WORKLOAD',
] as const;

export const workspaceSelectorEntry = z.object({
  /** Workspace name, exact or glob (`*` = all). */
  name: z.string().optional(),
  selector: labelMap.optional(),
});

export const shareableResource = z.object({
  kind: z.enum(SHAREABLE_KINDS).optional(),
  labels: labelMap.optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  cluster: z.string().optional(),
});
export type ShareableResource = z.infer<typeof shareableResource>;

export const workspaceSharing = z.object({
  workspaces: z.array(workspaceSelectorEntry).optional(),
  resources: z.array(shareableResource).optional(),
});
export type WorkspaceSharing = z.infer<typeof workspaceSharing>;

export const workspaceSettingsSpec = z.object({
  importFrom: z.array(workspaceSharing).optional(),
  exportTo: z.array(workspaceSharing).optional(),
  options: z
    .object({
      serviceIsolation: z.record(z.string(), z.unknown()).optional(),
      federation: z.record(z.string(), z.unknown()).optional(),
      eastWestGateways: z.array(z.unknown()).optional(),
      virtualDestClientMode: z.record(z.string(), z.unknown()).optional(),
      trimAllProxyConfig: z.boolean().optional(),
    })
    .optional(),
});
export type WorkspaceSettingsSpec = z.infer<typeof workspaceSettingsSpec>;
export type WorkspaceSettings = Resource<WorkspaceSettingsSpec>;

export const workspaceSettings: KindDefinition = {
  kind: 'WorkspaceSettings',
  apiVersion: 'admin.gloo.solo.io/v2',
  plural: 'workspacesettings',
  shortNames: ['wss'],
  body: 'spec',
  spec: workspaceSettingsSpec,
  fields: WORKSPACE_SETTINGS_FIELDS,
  status: glooStatus.extend({ workspace: z.string().optional() }),
};
