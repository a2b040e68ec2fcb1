// sprintf and strings.render_template (Go text/template). sprintf: OPA hands Go's fmt.Sprintf ints (int or *big.Int), float64s and strings; every other value
// is passed as its Rego text, so `%v` of an array prints `["a", 1]` and `%d` of a boolean is Go's
// `%!d(string=true)`.
import type { Value } from '../value/index.ts';
import { BigNum, formatValue, toJSON } from '../value/index.ts';
import { T_ANY, T_STR, arrayOf, fn, objectOf } from './lib/decl.ts';
import { goSprintf, type GoArg } from './lib/gofmt.ts';
import { renderTemplate } from './lib/gotemplate.ts';
import { arr, obj, str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function toGoArg(v: Value): GoArg {
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'bigint') return v >= INT64_MIN && v <= INT64_MAX ? { kind: 'int', v } : { kind: 'bigint', v };
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? { kind: 'int', v: BigInt(v) } : { kind: 'float', v };
  // OPA: a number that is neither an int nor a float64 (2e308) is handed over as its text
  if (v instanceof BigNum) return Number.isFinite(v.toNumber()) ? { kind: 'float', v: v.toNumber() } : { kind: 'string', v: v.text };
  return { kind: 'string', v: formatValue(v) };
}

export const sprintfBuiltins: BuiltinTable = {
  sprintf: {
    decl: fn('sprintf', [T_STR, arrayOf()], T_STR),
    impl: (a) => goSprintf(str(a, 0), arr(a, 1).map(toGoArg)),
  },
  'strings.render_template': {
    decl: fn('strings.render_template', [T_STR, objectOf(T_STR, T_ANY)], T_STR),
    impl: (a) => renderTemplate(str(a, 0), toJSON(obj(a, 1))),
  },
};
