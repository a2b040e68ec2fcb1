// Test helper: call a builtin with plain JSON-like arguments and get plain JSON back (sets as sorted
// arrays, big integers as bigint), or the thrown BuiltinError.
import { BuiltinError, invokeBuiltin, type BuiltinContext } from '../../src/builtins/index.ts';
import { fromJSON, makeSet, toJSON, type Value } from '../../src/value/index.ts';

export function ctx(nowNs = 1_700_000_000_000_000_000n): BuiltinContext {
  return { nowNs, strict: true, cache: new Map() };
}

/** A Rego set argument. */
export function set(...xs: unknown[]): Value {
  return makeSet(xs.map(fromJSON));
}

export function call(name: string, ...args: unknown[]): unknown {
  const r = invokeBuiltin(name, args.map((a) => fromJSON(a)), ctx());
  return r === undefined ? undefined : toJSON(r);
}

export function callIn(c: BuiltinContext, name: string, ...args: unknown[]): unknown {
  const r = invokeBuiltin(name, args.map((a) => fromJSON(a)), c);
  return r === undefined ? undefined : toJSON(r);
}

export function fail(name: string, ...args: unknown[]): BuiltinError {
  try {
    invokeBuiltin(name, args.map((a) => fromJSON(a)), ctx());
  } catch (e) {
    if (e instanceof BuiltinError) return e;
    throw e;
  }
  throw new Error(`${name} did not fail`);
}
