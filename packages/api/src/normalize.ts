// jsonpb-style input normalisation (gloo-api.md §0.1): both the lowerCamel JSON name and the snake_case proto
// name are accepted, and unknown fields are ignored — with a warning naming the path, so typos do not vanish
// silently. The walk follows the zod schema, so user-data maps (labels, customMetadata, ConfigMap data) keep
// their keys untouched.
import type { z } from 'zod';

export interface FieldWarning {
  path: string;
  message: string;
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Renders a path like `spec.http[0].forwardTo`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** The parts of a zod v4 schema definition the schema walkers read. */
export interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Returns `value` with keys normalised to the schema's names; appends a warning per ignored field. */
export function normalizeToSchema(schema: z.ZodType, value: unknown, path: PropertyKey[], warnings: FieldWarning[]): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return normalizeToSchema(def.innerType!, value, path, warnings);
    case 'pipe':
      return normalizeToSchema(def.in!, value, path, warnings);
    case 'lazy':
      return normalizeToSchema(def.getter!(), value, path, warnings);
    case 'array':
      return Array.isArray(value) ? value.map((v, i) => normalizeToSchema(def.element!, v, [...path, i], warnings)) : value;
    case 'record':
      if (!isPlainObject(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeToSchema(def.valueType!, v, [...path, k], warnings)]));
    case 'object':
      return isPlainObject(value) ? normalizeObject(def.shape!, value, path, warnings) : value;
    default:
      return value;
  }
}

function normalizeObject(shape: Record<string, z.ZodType>, value: Record<string, unknown>, path: PropertyKey[], warnings: FieldWarning[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = key in shape ? key : snakeToCamel(key);
    const field = shape[name];
    if (field === undefined) {
      warnings.push({ path: formatPath([...path, key]), message: `unknown field "${formatPath([...path, key])}" ignored` });
      continue;
    }
    if (name !== key && name in value) {
      warnings.push({ path: formatPath([...path, key]), message: `field "${formatPath([...path, key])}" duplicates "${name}"; "${name}" wins` });
      continue;
    }
    out[name] = normalizeToSchema(field, v, [...path, name], warnings);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
