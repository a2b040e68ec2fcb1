// The static types of Rego values as OPA's type checker knows them (OPA's v1/types): scalars, arrays with a
// static prefix and/or a dynamic element type, objects with static properties and/or a dynamic key/value,
// sets, unions (`any<…>`, the bare `any` being the top type) and function signatures. `null` in a Type
// position is OPA's nil type: unknown so far (printed `???`). The operations and their printed forms follow
// OPA's semantics, so error texts name types exactly as OPA does (`array<number, string>`, `set[number]`,
// `object<a: string>[string: any]`, `any<number, string>`).

/** A constant object key (or set element / ref operand) as the checker keeps it: a JSON scalar. */
export type Key = string | number | boolean | null;

export type Type =
  | { readonly k: 'null' }
  | { readonly k: 'boolean' }
  | { readonly k: 'number' }
  | { readonly k: 'string' }
  | { readonly k: 'array'; readonly static: readonly Ty[]; readonly dynamic: Ty }
  | { readonly k: 'object'; readonly static: readonly (readonly [Key, Ty])[]; readonly dynamic: { readonly key: Ty; readonly value: Ty } | null }
  | { readonly k: 'set'; readonly of: Ty }
  | { readonly k: 'any'; readonly of: readonly Type[] }
  | { readonly k: 'function'; readonly args: readonly Ty[]; readonly result: Ty; readonly variadic: Ty };

/** A type or nil (unknown). */
export type Ty = Type | null;

export const Nl: Type = { k: 'null' };
export const B: Type = { k: 'boolean' };
export const N: Type = { k: 'number' };
export const S: Type = { k: 'string' };
/** The top type. */
export const A: Type = { k: 'any', of: [] };

export const arrayT = (st: readonly Ty[], dynamic: Ty = null): Type => ({ k: 'array', static: st, dynamic });
export const setT = (of: Ty): Type => ({ k: 'set', of });
export const fnT = (args: readonly Ty[], result: Ty, variadic: Ty = null): Type => ({ k: 'function', args, result, variadic });
export function objectT(st: readonly (readonly [Key, Ty])[], dynamic: { key: Ty; value: Ty } | null = null): Type {
  return { k: 'object', static: [...st].sort((a, b) => compareKeys(a[0], b[0])), dynamic };
}
export function anyT(...of: Type[]): Type {
  let out: Type = { k: 'any', of: [] };
  // OPA's NewAny keeps the members sorted; duplicates removed
  const sorted = [...of].sort(compare);
  const members: Type[] = [];
  for (const t of sorted) if (!members.length || compare(members[members.length - 1], t) !== 0) members.push(t);
  out = { k: 'any', of: members };
  return out;
}

const ORDER: Record<Type['k'], number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6, any: 7, function: 8 };

function keyRank(k: Key): number {
  return k === null ? 0 : typeof k === 'boolean' ? 1 : typeof k === 'number' ? 2 : 3;
}

/** OPA's util.Compare on JSON scalars: null < booleans < numbers < strings. */
export function compareKeys(a: Key, b: Key): number {
  const ra = keyRank(a);
  const rb = keyRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a === b) return 0;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

function compareList(a: readonly Ty[], b: readonly Ty[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** OPA's types.Compare: a total order (nil first). */
export function compare(a: Ty, b: Ty): number {
  const x = a === null ? -1 : ORDER[a.k];
  const y = b === null ? -1 : ORDER[b.k];
  if (x !== y) return x < y ? -1 : 1;
  if (a === null || b === null) return 0;
  switch (a.k) {
    case 'array': {
      const bb = b as Extract<Type, { k: 'array' }>;
      if ((a.dynamic !== null) !== (bb.dynamic !== null)) return a.dynamic !== null ? 1 : -1;
      if (a.dynamic !== null) {
        const c = compare(a.dynamic, bb.dynamic);
        if (c !== 0) return c;
      }
      return compareList(a.static, bb.static);
    }
    case 'object': {
      const bb = b as Extract<Type, { k: 'object' }>;
      if ((a.dynamic !== null) !== (bb.dynamic !== null)) return a.dynamic !== null ? 1 : -1;
      if (a.dynamic && bb.dynamic) {
        const c = compare(a.dynamic.key, bb.dynamic.key) || compare(a.dynamic.value, bb.dynamic.value);
        if (c !== 0) return c;
      }
      for (let i = 0; i < Math.min(a.static.length, bb.static.length); i++) {
        const c = compareKeys(a.static[i][0], bb.static[i][0]) || compare(a.static[i][1], bb.static[i][1]);
        if (c !== 0) return c;
      }
      return a.static.length === bb.static.length ? 0 : a.static.length < bb.static.length ? -1 : 1;
    }
    case 'set':
      return compare(a.of, (b as Extract<Type, { k: 'set' }>).of);
    case 'any':
      return compareList(a.of, (b as Extract<Type, { k: 'any' }>).of);
    case 'function': {
      const bb = b as Extract<Type, { k: 'function' }>;
      if (a.args.length !== bb.args.length) return a.args.length < bb.args.length ? -1 : 1;
      return compareList(a.args, bb.args) || compare(a.result, bb.result) || compare(a.variadic, bb.variadic);
    }
    default:
      return 0;
  }
}

export const isTop = (t: Ty): boolean => t !== null && t.k === 'any' && t.of.length === 0;

/** OPA's types.Contains: a is a superset of (or equal to) b. */
export function contains(a: Ty, b: Ty): boolean {
  if (a !== null && a.k === 'any') {
    if (b !== null && b.k === 'function') return false;
    return a.of.length === 0 || a.of.some((t) => compare(t, b) === 0);
  }
  return compare(a, b) === 0;
}

/** OPA's types.Or: the union; a superset of the other is returned unchanged. */
export function or(a: Ty, b: Ty): Ty {
  if (a === null) return b;
  if (b === null) return a;
  if (a.k === 'function' || b.k === 'function') {
    if (a.k !== 'function' || b.k !== 'function' || a.args.length !== b.args.length) return null;
    return fnT(
      a.args.map((x, i) => or(x, b.args[i])),
      or(a.result, b.result),
      or(a.variadic, b.variadic),
    );
  }
  if (a.k === 'any' || b.k === 'any') {
    const [x, y] = a.k === 'any' ? [a, b] : [b as Extract<Type, { k: 'any' }>, a];
    if (x.of.length === 0) return x;
    if (y.k === 'any') return y.of.length === 0 ? y : anyT(...x.of, ...y.of);
    if (contains(x, y)) return x;
    return anyT(...x.of, y);
  }
  if (compare(a, b) === 0) return a;
  return anyT(a, b);
}

/** The union of fn over a union's members (the top type stays the top type). */
function overMembers(a: Extract<Type, { k: 'any' }>, fn: (t: Type) => Ty): Ty {
  if (a.of.length === 0) return A;
  let t: Ty = null;
  for (const x of a.of) t = or(fn(x), t);
  return t;
}

/** OPA's types.Keys: what enumerating a's keys yields (numbers for arrays, set elements for sets). */
export function keysOf(a: Ty): Ty {
  if (a === null) return null;
  switch (a.k) {
    case 'array':
      return N;
    case 'object': {
      let t: Ty = null;
      for (const [k] of a.static) t = or(t, typeOfKey(k));
      if (a.dynamic) t = or(t, a.dynamic.key);
      return t;
    }
    case 'set':
      return a.of;
    case 'any':
      return overMembers(a, keysOf);
    default:
      return null;
  }
}

/** OPA's types.Values: what enumerating a's values yields. */
export function valuesOf(a: Ty): Ty {
  if (a === null) return null;
  switch (a.k) {
    case 'array': {
      let t: Ty = null;
      for (const x of a.static) t = or(t, x);
      return or(t, a.dynamic);
    }
    case 'object': {
      let t: Ty = null;
      for (const [, v] of a.static) t = or(t, v);
      if (a.dynamic) t = or(t, a.dynamic.value);
      return t;
    }
    case 'set':
      return a.of;
    case 'any':
      return overMembers(a, valuesOf);
    default:
      return null;
  }
}

export function typeOfKey(k: Key): Type {
  return k === null ? Nl : typeof k === 'boolean' ? B : typeof k === 'number' ? N : S;
}

/** OPA's types.Select: the type of a's member at constant key x, or nil when a has none. */
export function select(a: Ty, x: Key): Ty {
  if (a === null) return null;
  switch (a.k) {
    case 'array': {
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) return null;
      return x < a.static.length ? a.static[x] : a.dynamic;
    }
    case 'object': {
      const hit = a.static.find(([k]) => compareKeys(k, x) === 0);
      if (hit) return hit[1];
      if (a.dynamic && contains(a.dynamic.key, typeOfKey(x))) return a.dynamic.value;
      return null;
    }
    case 'set': {
      const t = typeOfKey(x);
      if (compare(a.of, t) === 0) return a.of;
      if (a.of !== null && a.of.k === 'any' && contains(a.of, t)) return t;
      return null;
    }
    case 'any':
      return overMembers(a, (m) => select(m, x));
    default:
      return null;
  }
}

/** OPA's types.Nil: the type is (or holds) an unknown part. */
export function isNil(a: Ty): boolean {
  if (a === null) return true;
  switch (a.k) {
    case 'function':
      return a.args.some(isNil) || isNil(a.result);
    case 'array':
      return a.static.some(isNil) || (a.dynamic !== null && isNil(a.dynamic));
    case 'object':
      return a.static.some(([, v]) => isNil(v)) || (a.dynamic !== null && (isNil(a.dynamic.key) || isNil(a.dynamic.value)));
    case 'set':
      return isNil(a.of);
    default:
      return false;
  }
}

/** OPA's unifies (ast/check.go): can values of the two types be equal? Nil never unifies. */
export function unifies(a: Ty, b: Ty): boolean {
  if (a === null || b === null) return false;
  const anyA = a.k === 'any';
  const anyB = b.k === 'any';
  if (anyA && unifiesAny(a, b)) return true;
  if (anyB && unifiesAny(b, a)) return true;
  if (anyA || anyB) return false;
  switch (a.k) {
    case 'array': {
      if (b.k !== 'array') return false;
      const st = (x: Extract<Type, { k: 'array' }>, y: Extract<Type, { k: 'array' }>) => x.static.every((t, i) => unifies(t, i < y.static.length ? y.static[i] : y.dynamic));
      return st(a, b) && st(b, a) && (a.dynamic === null || b.dynamic === null || unifies(a.dynamic, b.dynamic));
    }
    case 'object': {
      if (b.k !== 'object') return false;
      const st = (x: Extract<Type, { k: 'object' }>, y: Type) => x.static.every(([k, v]) => unifies(v, select(y, k)));
      return st(a, b) && st(b, a) && (a.dynamic === null || b.dynamic === null || unifies(a.dynamic.value, b.dynamic.value));
    }
    case 'set':
      return b.k === 'set' && unifies(valuesOf(a), valuesOf(b));
    case 'function':
      return b.k === 'function' && a.args.length === b.args.length && a.args.every((t, i) => unifies(t, b.args[i]));
    default:
      return a.k === b.k;
  }
}

function unifiesAny(a: Extract<Type, { k: 'any' }>, b: Type): boolean {
  if (b.k === 'function') return false;
  return a.of.length === 0 || a.of.some((t) => unifies(t, b));
}

/** A constant key as OPA's `%v` prints it inside a type (`object<a: string, 1: number>`). */
function keyText(k: Key): string {
  return k === null ? '<nil>' : String(k);
}

/** OPA's String()/Sprint of a type: `???` for nil. */
export function typeString(t: Ty): string {
  if (t === null) return '???';
  switch (t.k) {
    case 'array': {
      let s = 'array';
      if (t.static.length) s += `<${t.static.map(typeString).join(', ')}>`;
      if (t.dynamic !== null) s += `[${typeString(t.dynamic)}]`;
      return s;
    }
    case 'object': {
      let s = 'object';
      if (t.static.length) s += `<${t.static.map(([k, v]) => `${keyText(k)}: ${typeString(v)}`).join(', ')}>`;
      if (t.dynamic) s += `[${typeString(t.dynamic.key)}: ${typeString(t.dynamic.value)}]`;
      return s;
    }
    case 'set':
      return `set[${typeString(t.of)}]`;
    case 'any':
      return t.of.length ? `any<${t.of.map(typeString).join(', ')}>` : 'any';
    case 'function':
      return `${argsString(t.args, t.variadic)} => ${typeString(t.result)}`;
    default:
      return t.k;
  }
}

/** OPA's FuncArgs.String(): `(number, string)`, `(any...)`, optionally with OPA's argument names. */
export function argsString(args: readonly Ty[], variadic: Ty = null, names?: readonly (string | undefined)[]): string {
  const parts = args.map((a, i) => (names?.[i] ? `${names[i]}: ${typeString(a)}` : typeString(a)));
  if (variadic !== null) parts.push(typeString(variadic) + '...');
  return `(${parts.join(', ')})`;
}
