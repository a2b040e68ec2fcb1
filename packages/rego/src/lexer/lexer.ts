// Rego lexer: turns source text into tokens. Newlines matter in Rego (they separate body expressions),
// so each token records whether a newline preceded it instead of emitting newline tokens.
import { fail } from '../errors.ts';

export type TokenKind = 'ident' | 'string' | 'rawstring' | 'number' | 'op' | 'template' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string; // identifier, operator, number text, or the decoded string
  readonly row: number;
  readonly col: number;
  readonly nl: boolean; // a newline came between the previous token and this one
  readonly ws: boolean; // whitespace or a comment came right before this token
  // For template strings: alternating literal parts and raw expression sources.
  readonly parts?: readonly TemplatePart[];
}

export type TemplatePart = { readonly lit: string } | { readonly expr: string; readonly row: number; readonly col: number };

const OPS3 = new Set<string>();
const OPS2 = new Set([':=', '==', '!=', '<=', '>=']);
const OPS1 = new Set([...'=<>+-*/%&|.,;:[]{}()']);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A `#` comment: its position and the text after `#` (annotations are read from these). */
export interface Comment {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

export function tokenize(src: string, file: string, comments?: Comment[]): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = false;
  let ws = false;
  const n = src.length;
  const loc = () => ({ file, row, col: i - lineStart + 1 });

  while (true) {
    // whitespace and comments
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === 10) {
        nl = true;
        ws = true;
        i++;
        row++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13) {
        ws = true;
        i++;
      } else if (c === 35) {
        const start = i;
        while (i < n && src.charCodeAt(i) !== 10) i++;
        if (comments) comments.push({ row, col: start - lineStart + 1, text: src.slice(start + 1, i).replace(/\r+$/, '') });
        ws = true;
      } else break;
    }
    const col = i - lineStart + 1;
    if (i >= n) {
      toks.push({ kind: 'eof', text: '', row, col, nl: true, ws: true });
      return toks;
    }
    const c = src.charCodeAt(i);
    const push = (kind: TokenKind, text: string, extra?: { parts?: TemplatePart[] }) => {
      toks.push({ kind, text, row, col, nl, ws, ...extra });
      nl = false;
      ws = false;
    };
    if (isIdentStart(c)) {
      const s = i;
      while (i < n && isIdentPart(src.charCodeAt(i))) i++;
      push('ident', src.slice(s, i));
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)) && toks.length > 0 && !isValueEnd(toks[toks.length - 1]))) {
      const s = i;
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (src[i] === '.' && isDigit(src.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (isDigit(src.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(src.charCodeAt(i))) i++;
        }
      }
      push('number', src.slice(s, i));
      continue;
    }
    if (c === 34) {
      const startRow = row;
      const { text, end } = readString(src, i, file, startRow, col);
      i = end;
      push('string', text);
      continue;
    }
    if (c === 96) {
      const e = src.indexOf('`', i + 1);
      if (e < 0) fail('rego_parse_error', 'non-terminated raw string', loc());
      const text = src.slice(i + 1, e);
      for (let j = i; j < e; j++) if (src.charCodeAt(j) === 10) (row++, (lineStart = j + 1));
      i = e + 1;
      push('rawstring', text);
      continue;
    }
    if (c === 36 && (src[i + 1] === '"' || src[i + 1] === '`')) {
      const r = readTemplate(src, i + 1, file, row, col);
      for (let j = i; j < r.end; j++) if (src.charCodeAt(j) === 10) (row++, (lineStart = j + 1));
      i = r.end;
      push('template', '', { parts: r.parts });
      continue;
    }
    const three = src.slice(i, i + 3);
    if (OPS3.has(three)) {
      i += 3;
      push('op', three);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (OPS2.has(two)) {
      i += 2;
      push('op', two);
      continue;
    }
    if (OPS1.has(src[i])) {
      i++;
      push('op', src[i - 1]);
      continue;
    }
    fail('rego_parse_error', `illegal token ${JSON.stringify(src[i])}`, loc());
  }
}

function isValueEnd(t: Token): boolean {
  return t.kind === 'ident' || t.kind === 'number' || t.kind === 'string' || (t.kind === 'op' && (t.text === ']' || t.text === ')' || t.text === '}'));
}

function readString(src: string, i: number, file: string, row: number, col: number): { text: string; end: number } {
  let j = i + 1;
  let hasEscape = false;
  while (j < src.length) {
    const c = src.charCodeAt(j);
    if (c === 34) break;
    if (c === 10) fail('rego_parse_error', 'non-terminated string', { file, row, col });
    if (c === 92) {
      hasEscape = true;
      j += 2;
      continue;
    }
    j++;
  }
  if (j >= src.length) fail('rego_parse_error', 'non-terminated string', { file, row, col });
  const raw = src.slice(i, j + 1);
  let text: string;
  try {
    text = hasEscape ? JSON.parse(raw) : raw.slice(1, -1);
  } catch {
    fail('rego_parse_error', `invalid string literal ${raw}`, { file, row, col });
  }
  return { text, end: j + 1 };
}

// $"a {x} b" / $`a {x} b`: literal parts and embedded expression sources; `\{` escapes a brace in $"..".
function readTemplate(src: string, i: number, file: string, row: number, col: number): { parts: TemplatePart[]; end: number } {
  const raw = src[i] === '`';
  const close = raw ? '`' : '"';
  const parts: TemplatePart[] = [];
  let lit = '';
  let j = i + 1;
  let r = row;
  let lineStart = -1;
  while (j < src.length && src[j] !== close) {
    const ch = src[j];
    if (raw && ch === '\\' && (src[j + 1] === '{' || src[j + 1] === '}')) {
      lit += src[j + 1];
      j += 2;
      continue;
    }
    if (!raw && ch === '\\') {
      const nx = src[j + 1];
      if (nx === '{' || nx === '}') {
        lit += nx;
        j += 2;
        continue;
      }
      let k = j + 2;
      if (nx === 'u') k = j + 6;
      lit += JSON.parse('"' + src.slice(j, k) + '"');
      j = k;
      continue;
    }
    if (ch === '{') {
      if (lit) parts.push({ lit });
      lit = '';
      let depth = 1;
      let k = j + 1;
      while (k < src.length && depth > 0) {
        const d = src[k];
        if (d === '"') {
          k++;
          while (k < src.length && src[k] !== '"') k += src[k] === '\\' ? 2 : 1;
        } else if (d === '{') depth++;
        else if (d === '}') depth--;
        k++;
      }
      const ecol = lineStart < 0 ? col + (j + 1 - (i - 1)) : j + 1 - lineStart + 1;
      parts.push({ expr: src.slice(j + 1, k - 1), row: r, col: ecol });
      j = k;
      continue;
    }
    if (ch === '\n') {
      if (!raw) fail('rego_parse_error', 'non-terminated string', { file, row, col });
      r++;
      lineStart = j + 1;
    }
    lit += ch;
    j++;
  }
  if (j >= src.length) fail('rego_parse_error', 'non-terminated template string', { file, row, col });
  if (lit) parts.push({ lit });
  return { parts, end: j + 1 };
}
