// glob.match and glob.quote_meta with gobwas/glob's syntax (the library OPA uses): `*` stops at
// delimiters, `**` does not, `?`, `[a-z]`, `[!abc]`, `{a,b}` and `\` escapes. A glob is translated to an
// RE2 pattern, so matching is linear-time like the rest of the regex builtins.
import type { Value } from '../value/index.ts';
import { isArray } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_BOOL, T_NULL, T_STR, anyOf, arrayOf, fn } from './lib/decl.ts';
import { compileRe } from './lib/re2.ts';
import { operandTypeError, str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const RE_META = /[\\.+*?()|[\]{}^$]/g;

function reEscape(s: string): string {
  return s.replace(RE_META, '\\$&');
}

function classEscape(ch: string): string {
  return /[\\\]^[-]/.test(ch) ? '\\' + ch : ch;
}

/** Translates glob text from position i until `stop` (a `,` or `}` inside braces) or the end. */
function translate(g: string, seps: string, start: number, inBraces: boolean): [string, number] {
  const notSep = seps ? `[^${[...seps].map(classEscape).join('')}]` : '(?s:.)';
  let out = '';
  let i = start;
  while (i < g.length) {
    const c = g[i];
    if (inBraces && (c === ',' || c === '}')) return [out, i];
    if (c === '\\') {
      if (i + 1 >= g.length) throw builtinError('unexpected end of input');
      out += reEscape(String.fromCodePoint(g.codePointAt(i + 1)!));
      i += 1 + String.fromCodePoint(g.codePointAt(i + 1)!).length;
    } else if (c === '*') {
      if (g[i + 1] === '*') {
        out += '(?s:.*)';
        i += 2;
      } else {
        out += notSep + '*';
        i++;
      }
    } else if (c === '?') {
      out += notSep;
      i++;
    } else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close < 0) throw builtinError('unexpected end of input');
      let body = g.slice(i + 1, close);
      const neg = body.startsWith('!');
      if (neg) body = body.slice(1);
      const chars = [...body];
      let cls = '';
      for (let k = 0; k < chars.length; k++) {
        if (chars[k + 1] === '-' && k + 2 < chars.length) {
          cls += classEscape(chars[k]) + '-' + classEscape(chars[k + 2]);
          k += 2;
        } else cls += classEscape(chars[k]);
      }
      out += `[${neg ? '^' : ''}${cls}]`;
      i = close + 1;
    } else if (c === '{') {
      const alts: string[] = [];
      let j = i + 1;
      for (;;) {
        const [alt, end] = translate(g, seps, j, true);
        alts.push(alt);
        if (end >= g.length) throw builtinError('unexpected end of input');
        j = end + 1;
        if (g[end] === '}') break;
      }
      out += '(?:' + alts.join('|') + ')';
      i = j;
    } else {
      const ch = String.fromCodePoint(g.codePointAt(i)!);
      out += reEscape(ch);
      i += ch.length;
    }
  }
  if (inBraces) throw builtinError('unexpected end of input');
  return [out, i];
}

function delimiters(v: Value): string {
  if (v === null) return '';
  if (!isArray(v)) throw operandTypeError(2, v, 'array', 'null');
  if (v.length === 0) return '.';
  return v
    .map((d) => {
      if (typeof d !== 'string') throw operandTypeError(2, d, 'string');
      return d;
    })
    .join('');
}

export function globToRe2(pattern: string, seps: string): string {
  return '^(?:' + translate(pattern, seps, 0, false)[0] + ')$';
}

export const globBuiltins: BuiltinTable = {
  'glob.match': {
    decl: fn('glob.match', [T_STR, anyOf(arrayOf(T_STR), T_NULL), T_STR], T_BOOL),
    impl: (a) => compileRe(globToRe2(str(a, 0), delimiters(a[1]))).test(str(a, 2)),
  },
  'glob.quote_meta': {
    decl: fn('glob.quote_meta', [T_STR], T_STR),
    impl: (a) => str(a, 0).replace(/[*,?\\[\]{}]/g, '\\$&'),
  },
};
