// Value navigation shared by refs, `some … in`, `every` and `with`: child lookup, iteration, path update.
import { ObjectValue, SetValue, type Value } from '../value/index.ts';

/** `v[key]` with Rego semantics: undefined (not an error) when absent or of the wrong kind. */
export function lookup(v: Value, key: Value): Value | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (Array.isArray(v)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= v.length) return undefined;
    return v[key];
  }
  if (v instanceof ObjectValue) return v.get(key);
  return v instanceof SetValue && v.has(key) ? key : undefined;
}

/** Calls fn(key, value) for each member of a collection until fn returns true. */
export function iterate(v: Value, fn: (k: Value, x: Value) => boolean): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (fn(i, v[i])) return true;
    return false;
  }
  if (v instanceof ObjectValue) {
    for (const [k, x] of v.entries()) if (fn(k, x)) return true;
    return false;
  }
  if (!(v instanceof SetValue)) return false;
  for (const x of v.values()) if (fn(x, x)) return true;
  return false;
}

/** A copy of `base` with `path` set to `value`, creating objects along the way (for `with`). */
export function setPath(base: Value | undefined, path: readonly Value[], value: Value): Value {
  if (path.length === 0) return value;
  const out = new ObjectValue();
  if (base instanceof ObjectValue) for (const [k, x] of base.entries()) out.set(k, x);
  out.set(path[0], setPath(base instanceof ObjectValue ? base.get(path[0]) : undefined, path.slice(1), value));
  return out;
}
