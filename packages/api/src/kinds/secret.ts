// v1 Secret. As in Kubernetes, `data` values are base64 and `stringData` is plain text merged into `data` when
// stored (the store never keeps `stringData`). Values are redacted by the CLI's table output.
import { z } from 'zod';
import type { KindDefinition } from './definition.ts';
import { SECRET_FIELDS } from '../support/fields/portal.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const secretBody = z.object({
  data: z
    .record(z.string(), z.string().regex(BASE64, 'must be base64-encoded (use stringData for plain text)'))
    .optional(),
  stringData: z.record(z.string(), z.string()).optional(),
  type: z.string().optional(),
  immutable: z.boolean().optional(),
});
export type SecretBody = z.infer<typeof secretBody>;

/** Folds `stringData` into base64 `data`, as the Kubernetes API server does on write. */
export function mergeStringData(body: SecretBody): { data: Record<string, string>; type: string } {
  const data: Record<string, string> = { ...(body.data ?? {}) };
  for (const [k, v] of Object.entries(body.stringData ?? {})) data[k] = Buffer.from(v, 'utf8').toString('base64');
  return { data, type: body.type ?? 'Opaque' };
}

export const secret: KindDefinition = {
  kind: 'Secret',
  apiVersion: 'v1',
  plural: 'secrets',
  shortNames: [],
  body: 'data',
  spec: secretBody,
  fields: SECRET_FIELDS,
  wideColumns: [
    { header: 'TYPE', value: (r) => String((r as { type?: string }).type ?? 'Opaque') },
    { header: 'DATA', value: (r) => String(Object.keys((r.data as object | undefined) ?? {}).length) },
  ],
};
