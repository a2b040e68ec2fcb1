// Regular-expression builtins with RE2 semantics (OPA topdown/regex.go).
import type { Value } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_NUM, T_STR, arrayOf, fn } from './lib/decl.ts';
import { compileRe, findAll, findAllSubmatch, isValidRe, quoteMeta, replaceAll, split } from './lib/re2.ts';
import { int, str } from './lib/operands.ts';
import { globsMatch } from './lib/glob-intersect.ts';
import type { BuiltinTable } from './lib/types.ts';

/** gorilla/mux-style template: literal text with delimited regex parts, matched as a whole. */
function templateRegex(template: string, open: string, close: string): string {
  let level = 0;
  let idx = 0;
  let out = '^';
  let rawStart = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === open) {
      if (level++ === 0) {
        out += quoteMeta(template.slice(rawStart, i));
        idx = i + 1;
      }
    } else if (c === close) {
      if (--level === 0) {
        out += '(' + template.slice(idx, i) + ')';
        rawStart = i + 1;
      } else if (level < 0) throw builtinError(`unbalanced braces in "${template}"`);
    }
  }
  if (level !== 0) throw builtinError(`unbalanced braces in "${template}"`);
  return out + quoteMeta(template.slice(rawStart)) + '$';
}

function delimiter(args: Value[], i: number, which: string): string {
  const d = str(args, i);
  if ([...d].length !== 1) throw builtinError(`${which} delimiter has to be exactly one character long but is ${[...d].length} long`);
  return d;
}

export const regexBuiltins: BuiltinTable = {
  'regex.is_valid': {
    // Any operand: a non-string is simply not a valid pattern.
    decl: fn('regex.is_valid', [T_ANY], T_BOOL),
    impl: (a) => typeof a[0] === 'string' && isValidRe(a[0]),
  },
  'regex.match': {
    decl: fn('regex.match', [T_STR, T_STR], T_BOOL),
    impl: (a) => compileRe(str(a, 0)).test(str(a, 1)),
  },
  re_match: {
    decl: fn('re_match', [T_STR, T_STR], T_BOOL),
    impl: (a) => compileRe(str(a, 0)).test(str(a, 1)),
  },
  'regex.find_n': {
    decl: fn('regex.find_n', [T_STR, T_STR, T_NUM], arrayOf(T_STR)),
    impl: (a) => findAll(compileRe(str(a, 0)), str(a, 1), int(a, 2)),
  },
  'regex.find_all_string_submatch_n': {
    decl: fn('regex.find_all_string_submatch_n', [T_STR, T_STR, T_NUM], arrayOf(arrayOf(T_STR))),
    impl: (a) => findAllSubmatch(compileRe(str(a, 0)), str(a, 1), int(a, 2)),
  },
  'regex.split': {
    decl: fn('regex.split', [T_STR, T_STR], arrayOf(T_STR)),
    impl: (a) => split(compileRe(str(a, 0)), str(a, 1)),
  },
  'regex.replace': {
    decl: fn('regex.replace', [T_STR, T_STR, T_STR], T_STR),
    impl: (a) => replaceAll(compileRe(str(a, 1)), str(a, 0), str(a, 2)),
  },
  'regex.template_match': {
    decl: fn('regex.template_match', [T_STR, T_STR, T_STR, T_STR], T_BOOL),
    impl: (a) => {
      const tpl = str(a, 0);
      const value = str(a, 1);
      const re = templateRegex(tpl, delimiter(a, 2, 'start'), delimiter(a, 3, 'end'));
      return compileRe(re).test(value);
    },
  },
  'regex.globs_match': {
    decl: fn('regex.globs_match', [T_STR, T_STR], T_BOOL),
    impl: (a) => globsMatch(str(a, 0), str(a, 1)),
  },
};
