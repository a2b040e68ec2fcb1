// String builtins (OPA topdown/strings.go). Indexes and lengths count Unicode code points, as Go's runes.
import type { Value } from '../value/index.ts';
import { isArray, isSet, setValues } from '../value/index.ts';
import { builtinError, typeError } from './builtin-error.ts';
import { T_BOOL, T_NUM, T_STR, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { elementError, int, num, obj, operandTypeError, str } from './lib/operands.ts';
import { goReplaceAll, goSplit, goTrim, goTrimLeft, goTrimRight, goTrimSpace } from './lib/gostrings.ts';
import type { BuiltinTable } from './lib/types.ts';
import { float } from './lib/num.ts';
import { objectEntries } from '../value/index.ts';
import type { ObjectValue } from '../value/index.ts';

const S2 = [T_STR, T_STR];
const STRS = anyOf(T_STR, setOf(T_STR), arrayOf(T_STR));

function runeIndex(s: string, utf16Index: number): number {
  return [...s.slice(0, utf16Index)].length;
}

/** string | set | array of strings, with OPA's texts for any_prefix_match / any_suffix_match. */
function stringOrStrings(args: Value[], i: number): string[] {
  const v = args[i];
  if (typeof v === 'string') return [v];
  if (!isArray(v) && !isSet(v)) throw operandTypeError(i + 1, v, 'string', 'set', 'array');
  const xs = isArray(v) ? v : setValues(v);
  return xs.map((x) => {
    if (typeof x !== 'string') throw elementError(i + 1, v, x, 'string');
    return x;
  });
}

function joinable(args: Value[]): string[] {
  const v = args[1];
  if (!isArray(v) && !isSet(v)) throw operandTypeError(2, v, 'set', 'array');
  const xs = isArray(v) ? v : setValues(v);
  return xs.map((x) => {
    if (typeof x !== 'string') throw elementError(2, v, x, 'string');
    return x;
  });
}

function formatInt(args: Value[]): Value {
  const n = num(args, 0);
  const base = num(args, 1);
  if (base !== 2 && base !== 8 && base !== 10 && base !== 16) throw typeError('operand 2 must be one of {2, 8, 10, 16}');
  const i = typeof n === 'bigint' ? n : BigInt(Math.trunc(float(n)));
  return i.toString(Number(base));
}

function substring(args: Value[]): Value {
  const runes = [...str(args, 0)];
  const start = int(args, 1);
  if (start >= runes.length) return '';
  if (start < 0) throw builtinError('negative offset');
  const length = int(args, 2);
  return runes.slice(start, length < 0 ? undefined : start + length).join('');
}

function indexofN(args: Value[]): Value {
  const base = [...str(args, 0)];
  const search = [...str(args, 1)];
  if (search.length === 0) throw builtinError('empty search character');
  const out: Value[] = [];
  const needle = search.join('');
  for (let i = 0; i + search.length <= base.length; i++) {
    if (base.slice(i, i + search.length).join('') === needle) out.push(i);
  }
  return out;
}

function splitN(args: Value[]): Value {
  const parts = goSplit(str(args, 0), str(args, 1));
  const n = int(args, 2);
  if (n === 0) return [];
  if (n > 0) {
    if (parts.length <= n) return parts;
    // Go's SplitN keeps the rest in the last part; OPA returns only the first n parts.
    return parts.slice(0, n);
  }
  return parts.slice(Math.max(parts.length + n, 0));
}

/** Go strings.NewReplacer over the patterns in key order: at each position the first matching key wins. */
function replaceN(args: Value[]): Value {
  const patterns = obj(args, 0) as ObjectValue;
  const s = str(args, 1);
  const pairs: [string, string][] = [];
  for (const [k, v] of objectEntries(patterns)) {
    if (typeof k !== 'string') throw typeError('operand 1 non-string key found in pattern object');
    if (typeof v !== 'string') throw typeError('operand 1 non-string value found in pattern object');
    pairs.push([k, v]);
  }
  let out = '';
  let i = 0;
  while (i <= s.length) {
    const hit = pairs.find(([k]) => s.startsWith(k, i));
    if (hit) {
      out += hit[1];
      if (hit[0].length > 0) {
        i += hit[0].length;
        continue;
      }
    }
    if (i < s.length) {
      const cp = String.fromCodePoint(s.codePointAt(i)!);
      out += cp;
      i += cp.length;
    } else break;
  }
  return out;
}

function goCount(s: string, sub: string): number {
  if (sub === '') return [...s].length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

export const stringBuiltins: BuiltinTable = {
  concat: { decl: fn('concat', [T_STR, anyOf(setOf(T_STR), arrayOf(T_STR))], T_STR), impl: (a) => joinable(a).join(str(a, 0)) },
  contains: { decl: fn('contains', S2, T_BOOL), impl: (a) => str(a, 0).includes(str(a, 1)) },
  startswith: { decl: fn('startswith', S2, T_BOOL), impl: (a) => str(a, 0).startsWith(str(a, 1)) },
  endswith: { decl: fn('endswith', S2, T_BOOL), impl: (a) => str(a, 0).endsWith(str(a, 1)) },
  format_int: { decl: fn('format_int', [T_NUM, T_NUM], T_STR), impl: formatInt },
  indexof: {
    decl: fn('indexof', S2, T_NUM),
    impl: (a) => {
      const s = str(a, 0);
      const needle = str(a, 1);
      if (needle === '') throw builtinError('empty search character');
      const i = s.indexOf(needle);
      return i < 0 ? -1 : runeIndex(s, i);
    },
  },
  indexof_n: { decl: fn('indexof_n', S2, arrayOf(T_NUM)), impl: indexofN },
  lower: { decl: fn('lower', [T_STR], T_STR), impl: (a) => str(a, 0).toLowerCase() },
  upper: { decl: fn('upper', [T_STR], T_STR), impl: (a) => str(a, 0).toUpperCase() },
  replace: { decl: fn('replace', [T_STR, T_STR, T_STR], T_STR), impl: (a) => goReplaceAll(str(a, 0), str(a, 1), str(a, 2)) },
  split: { decl: fn('split', S2, arrayOf(T_STR)), impl: (a) => goSplit(str(a, 0), str(a, 1)) },
  'strings.split_n': { decl: fn('strings.split_n', [T_STR, T_STR, T_NUM], arrayOf(T_STR)), impl: splitN },
  substring: { decl: fn('substring', [T_STR, T_NUM, T_NUM], T_STR), impl: substring },
  trim: { decl: fn('trim', S2, T_STR), impl: (a) => goTrim(str(a, 0), str(a, 1)) },
  trim_left: { decl: fn('trim_left', S2, T_STR), impl: (a) => goTrimLeft(str(a, 0), str(a, 1)) },
  trim_right: { decl: fn('trim_right', S2, T_STR), impl: (a) => goTrimRight(str(a, 0), str(a, 1)) },
  trim_prefix: {
    decl: fn('trim_prefix', S2, T_STR),
    impl: (a) => { const s = str(a, 0); const p = str(a, 1); return s.startsWith(p) ? s.slice(p.length) : s; },
  },
  trim_suffix: {
    decl: fn('trim_suffix', S2, T_STR),
    impl: (a) => { const s = str(a, 0); const p = str(a, 1); return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s; },
  },
  trim_space: { decl: fn('trim_space', [T_STR], T_STR), impl: (a) => goTrimSpace(str(a, 0)) },
  'strings.reverse': { decl: fn('strings.reverse', [T_STR], T_STR), impl: (a) => [...str(a, 0)].reverse().join('') },
  'strings.count': { decl: fn('strings.count', S2, T_NUM), impl: (a) => goCount(str(a, 0), str(a, 1)) },
  'strings.replace_n': { decl: fn('strings.replace_n', [objectOf(T_STR, T_STR), T_STR], T_STR), impl: replaceN },
  'strings.any_prefix_match': {
    decl: fn('strings.any_prefix_match', [STRS, STRS], T_BOOL),
    impl: (a) => { const xs = stringOrStrings(a, 0); const ps = stringOrStrings(a, 1); return xs.some((x) => ps.some((p) => x.startsWith(p))); },
  },
  'strings.any_suffix_match': {
    decl: fn('strings.any_suffix_match', [STRS, STRS], T_BOOL),
    impl: (a) => { const xs = stringOrStrings(a, 0); const ps = stringOrStrings(a, 1); return xs.some((x) => ps.some((p) => x.endsWith(p))); },
  },
};

