// The builtin declarations as OPA's capabilities.json shape ({"builtins": [{name, decl}]}), generated
// from the decls so that the list of supported builtins and their types is data others can read.
// capabilities.json beside this file is the committed copy; a test keeps the two equal.
import type { TypeSpec } from '../types/index.ts';
import type { Builtin } from './lib/types.ts';

export type OpaType = Record<string, unknown>;

export function opaType(t: TypeSpec): OpaType {
  switch (t.kind) {
    case 'any':
      return t.of ? { type: 'any', of: t.of.map(opaType) } : { type: 'any' };
    case 'array': {
      const out: OpaType = { type: 'array' };
      if (t.static) out.static = t.static.map(opaType);
      if (t.dynamic) out.dynamic = opaType(t.dynamic);
      return out;
    }
    case 'set':
      return { type: 'set', of: opaType(t.of) };
    case 'object': {
      const out: OpaType = { type: 'object' };
      if (t.static) out.static = t.static.map(([key, value]) => ({ key, value: opaType(value) }));
      if (t.dynamic) out.dynamic = { key: opaType(t.dynamic.key), value: opaType(t.dynamic.value) };
      return out;
    }
    case 'function':
      return { type: 'function', args: t.args.map(opaType), result: opaType(t.result) };
    default:
      return { type: t.kind };
  }
}

export function capabilities(builtins: ReadonlyMap<string, Builtin>): { builtins: OpaType[] } {
  const names = [...builtins.keys()].sort();
  return {
    builtins: names.map((name) => {
      const d = builtins.get(name)!.decl;
      const entry: OpaType = { name, decl: { args: d.args.map(opaType), result: opaType(d.result), type: 'function' } };
      if (d.nondeterministic) entry.nondeterministic = true;
      return entry;
    }),
  };
}
