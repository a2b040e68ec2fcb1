// Every field path a zod schema accepts, for the field-support registry: `http[].forwardTo.destinations[].ref.name`
// (`[]` = any array element, `*` = any map key whose value has fields). Leaves only: a scalar, a list of scalars, a
// string map, `{}` or an opaque value. Recursive schemas (nested descriptors) stop at the first repeat.
import type { z } from 'zod';
import { defOf, type Def } from '../normalize.ts';

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema under wrappers, pipes and lazies; `lazies` collects the lazy definitions passed through (a lazy
 *  getter builds a new schema per call, so recursion is detected on the lazy, not on what it returns). */
function unwrap(schema: z.ZodType, lazies?: Def[]): Def {
  let def = defOf(schema);
  for (;;) {
    if (WRAPPERS.has(def.type)) def = defOf(def.innerType!);
    else if (def.type === 'pipe') def = defOf(def.in!);
    else if (def.type === 'lazy') {
      lazies?.push(def);
      def = defOf(def.getter!());
    } else return def;
  }
}

export function schemaFieldPaths(schema: z.ZodType): string[] {
  const out = new Set<string>();
  walk(schema, '', new Set<Def>(), out);
  return [...out];
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function walk(schema: z.ZodType, path: string, stack: Set<Def>, out: Set<string>): void {
  const lazies: Def[] = [];
  const def = unwrap(schema, lazies);
  if (lazies.some((l) => stack.has(l))) {
    out.add(path); // recursion (nested descriptors): the first level lists the fields
    return;
  }
  switch (def.type) {
    case 'object': {
      const keys = Object.keys(def.shape ?? {});
      if (keys.length === 0) {
        if (path !== '') out.add(path);
        return;
      }
      for (const l of lazies) stack.add(l);
      for (const k of keys) walk(def.shape![k]!, join(path, k), stack, out);
      for (const l of lazies) stack.delete(l);
      return;
    }
    case 'array':
      if (unwrap(def.element!).type === 'object') walk(def.element!, `${path}[]`, stack, out);
      else out.add(path);
      return;
    case 'record':
      if (unwrap(def.valueType!).type === 'object' && Object.keys(unwrap(def.valueType!).shape ?? {}).length > 0) walk(def.valueType!, join(path, '*'), stack, out);
      else out.add(path);
      return;
    case 'union':
      for (const o of def.options ?? []) walk(o, path, stack, out);
      return;
    case 'intersection':
      walk(def.left!, path, stack, out);
      walk(def.right!, path, stack, out);
      return;
    default:
      if (path !== '') out.add(path);
  }
}

/** The leaf paths present in a value, in the same notation (for a stored spec). */
export function valueFieldPaths(value: unknown, path = '', out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) valueFieldPaths(v, `${path}[]`, out);
    if (value.length === 0 && path !== '') out.add(path);
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0 && path !== '') out.add(path);
    for (const [k, v] of entries) valueFieldPaths(v, join(path, k), out);
    return out;
  }
  if (path !== '') out.add(path.replace(/\[\]$/, ''));
  return out;
}
