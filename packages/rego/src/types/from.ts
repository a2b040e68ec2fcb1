// Types from the three places they come from: builtin declarations (TypeSpec data), JSON schemas (`--schema`
// and `schemas` annotations, read the way OPA's schema loader reads them) and constant values.
import type { TypeSpec } from './spec.ts';
import { A, anyT, arrayT, B, fnT, N, Nl, objectT, or, S, setT, type Key, type Ty, type Type } from './types.ts';

const specCache = new WeakMap<object, Type>();

export function fromSpec(s: TypeSpec): Type {
  const hit = specCache.get(s);
  if (hit) return hit;
  let t: Type;
  switch (s.kind) {
    case 'null':
      t = Nl;
      break;
    case 'boolean':
      t = B;
      break;
    case 'number':
      t = N;
      break;
    case 'string':
      t = S;
      break;
    case 'any':
      t = s.of && s.of.length ? anyT(...s.of.map(fromSpec)) : A;
      break;
    case 'array':
      // a bare arrayOf() (no element type) is an array of anything, as OPA's types.NewArray(nil, types.A)
      t = arrayT((s.static ?? []).map(fromSpec), s.dynamic ? fromSpec(s.dynamic) : s.static?.length ? null : A);
      break;
    case 'object':
      t = objectT(
        (s.static ?? []).map(([k, v]) => [k, fromSpec(v)] as const),
        s.dynamic ? { key: fromSpec(s.dynamic.key), value: fromSpec(s.dynamic.value) } : s.static?.length ? null : { key: A, value: A },
      );
      break;
    case 'set':
      t = setT(s.of ? fromSpec(s.of) : A);
      break;
    case 'function':
      t = fnT(s.args.map(fromSpec), fromSpec(s.result));
      break;
  }
  specCache.set(s, t);
  return t;
}

type Schema = Record<string, unknown>;
const isObj = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

function deref(s: unknown, root: unknown): unknown {
  let cur = s;
  for (let i = 0; i < 32 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith('#')) return {}; // remote references are not followed: anything goes
    cur = ref
      .slice(2)
      .split('/')
      .filter((k) => k !== '')
      .reduce<unknown>((o, k) => (isObj(o) ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
  }
  return cur;
}

/** The type OPA's schema loader gives a JSON schema: objects with declared properties are closed (unless
 * additionalProperties is a schema); `items` types arrays; anyOf/oneOf are unions; allOf merges objects. */
export function fromSchema(schema: unknown, root: unknown = schema, depth = 0): Type {
  const s = deref(schema, root);
  if (!isObj(s) || depth > 64) return A;
  for (const comb of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[comb])) {
      let t: Ty = null;
      for (const x of s[comb] as unknown[]) t = or(t, fromSchema(x, root, depth + 1));
      return t ?? A;
    }
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as unknown[]).map((x) => fromSchema(x, root, depth + 1));
    if (parts.every((p) => p.k === 'object')) {
      const st = new Map<Key, Type>();
      for (const p of parts) if (p.k === 'object') for (const [k, v] of p.static) st.set(k, v as Type);
      const dyn = parts.find((p) => p.k === 'object' && p.dynamic) as Extract<Type, { k: 'object' }> | undefined;
      return objectT([...st], dyn?.dynamic ?? null);
    }
    return A;
  }
  if (Array.isArray(s.type)) {
    let t: Ty = null;
    for (const ty of s.type as unknown[]) t = or(t, fromSchema({ ...s, type: ty }, root, depth + 1));
    return t ?? A;
  }
  const props = isObj(s.properties) ? s.properties : null;
  switch (s.type ?? (props ? 'object' : undefined)) {
    case 'null':
      return Nl;
    case 'boolean':
      return B;
    case 'number':
    case 'integer':
      return N;
    case 'string':
      return S;
    case 'array': {
      if (Array.isArray(s.items)) return arrayT((s.items as unknown[]).map((x) => fromSchema(x, root, depth + 1)));
      return arrayT([], s.items !== undefined ? fromSchema(s.items, root, depth + 1) : A);
    }
    case 'object': {
      const st = props ? Object.entries(props).map(([k, v]) => [k, fromSchema(v, root, depth + 1)] as const) : [];
      const ap = s.additionalProperties;
      if (!props || st.length === 0) return objectT([], { key: A, value: ap !== undefined && ap !== true && ap !== false ? fromSchema(ap, root, depth + 1) : A });
      // declared properties close the object, as OPA's schema loader does even with additionalProperties: true;
      // an additionalProperties schema types the other keys
      if (isObj(ap)) return objectT(st, { key: S, value: fromSchema(ap, root, depth + 1) });
      return objectT(st);
    }
    default:
      return A;
  }
}

/** The type of a constant JSON value (OPA's types.TypeOf). */
export function typeOfJSON(v: unknown): Type {
  if (v === null || v === undefined) return Nl;
  if (typeof v === 'boolean') return B;
  if (typeof v === 'number' || typeof v === 'bigint') return N;
  if (typeof v === 'string') return S;
  if (Array.isArray(v)) return arrayT(v.map(typeOfJSON));
  return objectT(Object.entries(v as object).map(([k, x]) => [k, typeOfJSON(x)] as const));
}
