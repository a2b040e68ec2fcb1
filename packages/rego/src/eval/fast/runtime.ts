// Helpers the generated fast-path code calls. Generated code works on raw JSON input (plain objects and
// arrays, never wrapped) mixed with Rego values returned by builtins; these helpers accept both.
import { RegoFailure, fail } from '../../errors.ts';
import { BigNum, ObjectValue, SetValue, compare, compareStrings, equal, fromJSON, type Value } from '../../value/index.ts';
import { BuiltinError, invokeBuiltin, type BuiltinContext } from '../../builtins/index.ts';
import type { Location } from '../../errors.ts';

export interface FastState {
  steps: number;
  max: number;
  bctx: BuiltinContext;
}

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Raw JSON or Value → Value. */
export function V(x: unknown): Value {
  return x instanceof ObjectValue || x instanceof SetValue || x instanceof BigNum ? x : fromJSON(x);
}

/** `o[k]` over raw JSON or values; undefined when absent. Scalars read from raw JSON are validated. */
export function G(o: unknown, k: Value): unknown {
  if (o === undefined || o === null || typeof o !== 'object') return undefined;
  // hot path: a plain JSON object (an own "constructor" key only sends it down the slow path)
  if ((o as { constructor?: unknown }).constructor === Object) {
    if (typeof k !== 'string') return undefined;
    const x = (o as Record<string, unknown>)[k];
    switch (typeof x) {
      case 'undefined':
        return undefined;
      case 'string':
      case 'boolean':
        return x; // Object.prototype holds only functions (and __proto__), so these are own values
      case 'object':
        return k === '__proto__' && !Object.hasOwn(o, k) ? undefined : x;
      default:
        return Object.hasOwn(o, k) ? fromJSON(x) : undefined;
    }
  }
  if (Array.isArray(o)) {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= o.length) return undefined;
    const x = o[k];
    return typeof x === 'object' ? x : fromJSON(x);
  }
  if (o instanceof ObjectValue) return o.get(k);
  if (o instanceof SetValue) return o.has(k) ? k : undefined;
  if (o instanceof BigNum) return undefined;
  if (!isPlain(o)) return G(fromJSON(o), k);
  if (typeof k !== 'string' || !Object.hasOwn(o, k)) return undefined;
  const x = o[k];
  return typeof x === 'object' || x === undefined ? x : fromJSON(x);
}

/** Slow half of an inlined load: numbers are validated, inherited or non-JSON members rejected. */
export function FIX(o: object, k: string, x: unknown): unknown {
  return Object.hasOwn(o, k) ? fromJSON(x) : undefined;
}

export function EQ(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (a === b) return true;
    return (typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint') && a == b;
  }
  return equal(V(a), V(b));
}

export function CMP(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compare(V(a), V(b));
}

/** Builtin call; `args` are already values (the generated code wraps raw operands with V). */
export function CALL(s: FastState, name: string, args: Value[], loc: Location): unknown {
  try {
    return invokeBuiltin(name, args, s.bctx);
  } catch (e) {
    if (e instanceof BuiltinError) {
      if (s.bctx.strict) throw new RegoFailure([{ code: e.code, message: e.message, location: loc }]);
      return undefined;
    }
    throw e;
  }
}

/** Members to iterate: array elements, object values in key order, set members in order. */
export function VALS(c: unknown): readonly unknown[] {
  if (Array.isArray(c)) return c;
  if (c instanceof ObjectValue) return c.entries().map((e) => e[1]);
  if (c instanceof SetValue) return c.values();
  if (isPlain(c)) return (V(c) as ObjectValue).entries().map((e) => e[1]);
  if (typeof c === 'object' && c !== null && !(c instanceof BigNum)) return VALS(V(c));
  return [];
}

export function LIMIT(s: FastState, loc: Location): never {
  fail('eval_limit_error', `evaluation exceeded the step limit (${s.max} steps)`, loc);
}
