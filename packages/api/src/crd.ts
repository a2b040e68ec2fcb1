// Kubernetes CRD generation from the same zod schemas that validate manifests: z.toJSONSchema gives the
// OpenAPI v3 body; CEL rules kept as data (common/cel.ts) become x-kubernetes-validations.
import { z } from 'zod';
import type { CelRule } from './common/cel.ts';
import type { KindDefinition } from './kinds/definition.ts';
import { ROUTE_TABLE_RULES } from './kinds/routetable.ts';
import { groupOf, KINDS } from './registry.ts';

/** CEL rules attached to a kind's spec (rules deeper in the tree are enforced by Portico's validator). */
const SPEC_RULES: Record<string, readonly CelRule<never>[]> = {
  RouteTable: ROUTE_TABLE_RULES as readonly CelRule<never>[],
};

type JsonSchema = Record<string, unknown>;

/** Kubernetes structural schemas allow neither `$schema`, `additionalProperties: false` nor `propertyNames`. */
function structural(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(structural);
  if (!s || typeof s !== 'object') return s;
  // Kubernetes has no $ref: recursive parts (nested rate-limit descriptors) are kept as free-form objects.
  if ('$ref' in s) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$schema' || k === 'propertyNames' || k === '$defs' || k === 'id') continue;
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = structural(v);
  }
  return out;
}

/** The structural OpenAPI v3 schema of a whole object of this kind (the CRD's openAPIV3Schema; for the core kinds,
 *  `data`/`stringData`/`type` at the top level). Also what the Kubernetes API serves at /openapi. */
export function objectSchemaFor(def: KindDefinition): JsonSchema {
  const body = structural(z.toJSONSchema(def.spec, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'inline' })) as JsonSchema;
  const envelope = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
  if (def.body !== 'spec') return { type: 'object', properties: { ...envelope, ...((body.properties as JsonSchema | undefined) ?? {}) } };
  const rules = SPEC_RULES[def.kind] ?? [];
  if (rules.length) body['x-kubernetes-validations'] = rules.map((r) => ({ rule: r.rule, message: r.message }));
  return { type: 'object', properties: { ...envelope, spec: body, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } };
}

/** The CustomResourceDefinition for one Gloo kind (body 'spec'); core v1 kinds have none. */
export function crdFor(def: KindDefinition): JsonSchema | null {
  const group = groupOf(def.apiVersion);
  if (group === '' || def.body !== 'spec') return null;
  const version = def.apiVersion.slice(group.length + 1);
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${group}` },
    spec: {
      group,
      names: { kind: def.kind, listKind: `${def.kind}List`, plural: def.plural, singular: def.kind.toLowerCase(), shortNames: [...def.shortNames] },
      scope: 'Namespaced',
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: objectSchemaFor(def) },
        },
      ],
    },
  };
}

/** Every Gloo kind's CRD. */
export function crds(): JsonSchema[] {
  return KINDS.map(crdFor).filter((c): c is JsonSchema => c !== null);
}

export const crd = { crdFor, crds };
