// v1 ConfigMap: OPA modules and other plain data referenced by policies.
import { z } from 'zod';
import type { KindDefinition } from './definition.ts';
import { CONFIG_MAP_FIELDS } from '../support/fields/portal.ts';

export const configMapBody = z.object({
  data: z.record(z.string(), z.string()).optional(),
  binaryData: z.record(z.string(), z.string()).optional(),
  immutable: z.boolean().optional(),
});
export type ConfigMapBody = z.infer<typeof configMapBody>;

export const configMap: KindDefinition = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  plural: 'configmaps',
  shortNames: ['cm'],
  body: 'data',
  spec: configMapBody,
  fields: CONFIG_MAP_FIELDS,
  wideColumns: [{ header: 'DATA', value: (r) => String(Object.keys((r.data as object | undefined) ?? {}).length) }],
};
