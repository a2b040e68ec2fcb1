// Workspace (admin.gloo.solo.io/v2) — gloo-api-more.md §3. A workspace is a set of namespaces; resources in them
// see each other, and see other workspaces' resources only through WorkspaceSettings export/import.
// Portico runs one cluster: every `workloadClusters[].name` glob selects it.
import { z } from 'zod';
import { labelMap } from '../common/labels.ts';
import { glooStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { WORKSPACE_FIELDS } from '../support/fields/admin.ts';

export const workspaceNamespace = z.object({
  /** Namespace name; `*` globs. */
  name: z.string({ error: 'Required' }).min(1, 'Required'),
  labels: labelMap.optional(),
  configEnabled: z.boolean().optional(),
});

export const workloadCluster = z.object({
  name: z.string().optional(),
  selector: labelMap.optional(),
  namespaces: z.array(workspaceNamespace).optional(),
  configEnabled: z.boolean().optional(),
});

export const workspaceSpec = z.object({
  workloadClusters: z.array(workloadCluster).optional(),
});
export type WorkspaceSpec = z.infer<typeof workspaceSpec>;
export type Workspace = Resource<WorkspaceSpec>;

export const workspaceStatus = glooStatus.extend({
  workspaceSettings: z.object({ name: z.string(), namespace: z.string() }).optional(),
  numSelectedNamespaces: z.number().int().optional(),
  namespaces: z.array(z.string()).optional(),
});

export const workspace: KindDefinition = {
  kind: 'Workspace',
  apiVersion: 'admin.gloo.solo.io/v2',
  plural: 'workspaces',
  shortNames: ['ws'],
  body: 'spec',
  spec: workspaceSpec,
  fields: WORKSPACE_FIELDS,
  status: workspaceStatus,
  wideColumns: [
    { header: 'NAMESPACES', value: (r) => ((r.status as { namespaces?: string[] } | undefined)?.namespaces ?? []).join(',') },
  ],
};
