// semver.is_valid and semver.compare (SemVer 2.0.0 precedence; OPA topdown/semver.go).
import type { Value } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_NUM, T_STR, fn } from './lib/decl.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

interface Version {
  core: [bigint, bigint, bigint];
  pre: string[];
}

function parse(s: string): Version | null {
  const m = SEMVER.exec(s);
  if (!m) return null;
  return { core: [BigInt(m[1]), BigInt(m[2]), BigInt(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function version(args: Value[], i: number): Version {
  const s = str(args, i);
  const v = parse(s);
  if (!v) throw builtinError(`operand ${i + 1}: string ${JSON.stringify(s)} is not a valid SemVer`);
  return v;
}

export const semverBuiltins: BuiltinTable = {
  'semver.is_valid': {
    decl: fn('semver.is_valid', [T_ANY], T_BOOL),
    impl: (a) => typeof a[0] === 'string' && parse(a[0]) !== null,
  },
  'semver.compare': {
    decl: fn('semver.compare', [T_STR, T_STR], T_NUM),
    impl: (a) => {
      const x = version(a, 0);
      const y = version(a, 1);
      for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] < y.core[i] ? -1 : 1;
      return comparePre(x.pre, y.pre);
    },
  },
};
