// Object builtins (OPA topdown/object.go): get, keys, union, union_n, remove, filter, subset.
import type { ObjectValue, SetValue, Value } from '../value/index.ts';
import { equal, isArray, isObject, isSet, makeObject, makeSet, objectEntries, setHas, setValues } from '../value/index.ts';
import { typeError } from './builtin-error.ts';
import { T_ANY, T_BOOL, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { arr, elementError, obj, operandTypeError } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const O = objectOf();
const KEYS = anyOf(objectOf(), setOf(), arrayOf());

/** Keys named by an array, a set or an object's keys (object.remove / object.filter operand 2). */
function keySet(v: Value): SetValue {
  if (isArray(v)) return makeSet(v);
  if (isSet(v)) return v;
  if (isObject(v)) return makeSet(objectEntries(v).map(([k]) => k));
  throw operandTypeError(2, v, 'object', 'set', 'array');
}

/** Recursive merge; b's values win, nested objects merge. */
export function unionObjects(a: ObjectValue, b: ObjectValue): ObjectValue {
  const out = makeObject(objectEntries(a));
  for (const [k, v] of objectEntries(b)) {
    const old = a.get(k);
    out.set(k, old !== undefined && isObject(old) && isObject(v) ? unionObjects(old, v) : v);
  }
  return out;
}

function get(args: Value[]): Value {
  const o = obj(args, 0) as ObjectValue;
  const key = args[1];
  const dflt = args[2];
  if (!isArray(key)) return o.get(key) ?? dflt;
  // OPA's Value.Find: objects by key, arrays by integer index, sets by membership
  let cur: Value = o;
  for (const k of key) {
    let next: Value | undefined;
    if (isObject(cur)) next = cur.get(k);
    else if (isArray(cur)) next = typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < cur.length ? cur[k] : undefined;
    else if (isSet(cur)) next = setHas(cur, k) ? k : undefined;
    if (next === undefined) return dflt;
    cur = next;
  }
  return cur;
}

function arraySubset(sup: readonly Value[], sub: readonly Value[]): boolean {
  if (sub.length === 0) return true;
  for (let i = 0; i + sub.length <= sup.length; i++) {
    let ok = true;
    for (let j = 0; j < sub.length && ok; j++) ok = equal(sup[i + j], sub[j]);
    if (ok) return true;
  }
  return false;
}

function subsetOf(sup: Value, sub: Value): boolean {
  if (isObject(sup) && isObject(sub)) {
    return objectEntries(sub).every(([k, v]) => {
      const s = sup.get(k);
      if (s === undefined) return false;
      return comparable(s, v) ? subsetOf(s, v) : equal(s, v);
    });
  }
  if (isSet(sup) && isSet(sub)) return setValues(sub).every((v) => setHas(sup, v));
  if (isArray(sup) && isArray(sub)) return arraySubset(sup, sub);
  if (isArray(sup) && isSet(sub)) return setValues(sub).every((v) => sup.some((x) => equal(x, v)));
  return false;
}

/** Pairs object.subset recurses into: object/object, set/set, array/array and array/set. */
function comparable(sup: Value, sub: Value): boolean {
  return (isObject(sup) && isObject(sub)) || (isSet(sup) && isSet(sub)) || (isArray(sup) && (isArray(sub) || isSet(sub)));
}

function subset(args: Value[]): Value {
  const [sup, sub] = args;
  if (!isObject(sup) && !isSet(sup) && !isArray(sup)) throw operandTypeError(1, sup, 'object', 'set', 'array');
  if (!isObject(sub) && !isSet(sub) && !isArray(sub)) throw operandTypeError(2, sub, 'object', 'set', 'array');
  if (!comparable(sup, sub)) throw typeError('both arguments must be of the same type or array and set');
  return subsetOf(sup, sub);
}

export const objectBuiltins: BuiltinTable = {
  'object.get': { decl: fn('object.get', [O, T_ANY, T_ANY], T_ANY), impl: get },
  'object.keys': {
    decl: fn('object.keys', [O], setOf()),
    impl: (a) => makeSet(objectEntries(obj(a, 0) as ObjectValue).map(([k]) => k)),
  },
  'object.union': {
    decl: fn('object.union', [O, O], O),
    impl: (a) => unionObjects(obj(a, 0) as ObjectValue, obj(a, 1) as ObjectValue),
  },
  'object.union_n': {
    decl: fn('object.union_n', [arrayOf(O)], O),
    impl: (a) => {
      const xs = arr(a, 0);
      let acc = makeObject([]);
      for (const x of xs) {
        if (!isObject(x)) throw elementError(1, a[0], x, 'object');
        acc = unionObjects(acc, x);
      }
      return acc;
    },
  },
  'object.remove': {
    decl: fn('object.remove', [O, KEYS], O),
    impl: (a) => {
      const o = obj(a, 0) as ObjectValue;
      const drop = keySet(a[1]);
      return makeObject(objectEntries(o).filter(([k]) => !setHas(drop, k)));
    },
  },
  'object.filter': {
    decl: fn('object.filter', [O, KEYS], O),
    impl: (a) => {
      const o = obj(a, 0) as ObjectValue;
      const keep = keySet(a[1]);
      return makeObject(objectEntries(o).filter(([k]) => setHas(keep, k)));
    },
  },
  'object.subset': {
    decl: fn('object.subset', [anyOf(O, setOf(), arrayOf()), anyOf(O, setOf(), arrayOf())], T_BOOL),
    impl: subset,
  },
};
