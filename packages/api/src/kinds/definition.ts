// What the registry knows about one kind. Each kind file exports one of these; its schemas are the single
// definition serving validation, TypeScript types (z.infer) and CRD generation.
import type { z } from 'zod';
import type { FieldSupportMap } from '../support/types.ts';

export interface KindDefinition {
  kind: string;
  /** The apiVersion written by Portico; `alsoAccepts` lists others accepted on input. */
  apiVersion: string;
  alsoAccepts?: readonly string[];
  /** Lower-case plural, as kubectl uses it (`routetables`). */
  plural: string;
  shortNames: readonly string[];
  /** 'spec' for Gloo kinds; 'data' for ConfigMap/Secret, which keep `data`/`stringData`/`type` at the top level. */
  body: 'spec' | 'data';
  /** Validates `spec` (body 'spec') or the object `{data, stringData, binaryData, type, immutable}` (body 'data'). */
  spec: z.ZodType;
  status?: z.ZodType;
  /** Derived by the control plane (AuthConfig); refused when a user applies it. */
  readOnly?: boolean;
  /** Every field of `spec` (or of the data body) with its support level — "no silent ignores" (issue 12).
   *  test/field-support.test.ts walks the schema and fails on a field missing here. */
  fields?: FieldSupportMap;
  /** Extra columns for `get -o wide`: header → JSONPath-like getter. */
  wideColumns?: readonly { header: string; value: (r: { spec?: unknown; status?: unknown; data?: unknown }) => string }[];
}
