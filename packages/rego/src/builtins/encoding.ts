// Encoding builtins: base64, base64url, hex, urlquery (OPA topdown/encoding.go).
import type { ObjectValue, Value } from '../value/index.ts';
import { isArray, isSet, makeObject, objectEntries, setValues } from '../value/index.ts';
import { builtinError, typeError } from './builtin-error.ts';
import { T_BOOL, T_STR, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { goBase64Decode } from './lib/gobase64.ts';
import { obj, str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const utf8 = (b: Buffer) => b.toString('utf8');

function hexDecode(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (!/[0-9a-fA-F]/.test(s[i])) {
      const cp = s.codePointAt(i)!;
      throw builtinError(`encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(String.fromCodePoint(cp)).replace(/^"|"$/g, "'")}`);
    }
  }
  if (s.length % 2 === 1) throw builtinError('encoding/hex: odd length hex string');
  return utf8(Buffer.from(s, 'hex'));
}

/** Go url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go url.QueryUnescape. */
export function queryUnescape(s: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i];
    if (b === 0x25) {
      const h = raw.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        throw builtinError(`invalid URL escape ${JSON.stringify(raw.subarray(i, Math.min(i + 3, raw.length)).toString('utf8'))}`);
      }
      bytes.push(parseInt(h, 16));
      i += 2;
    } else bytes.push(b === 0x2b ? 0x20 : b);
  }
  return utf8(Buffer.from(bytes));
}

function encodeObject(args: Value[]): Value {
  const o = obj(args, 0) as ObjectValue;
  const parts: string[] = [];
  for (const [k, v] of objectEntries(o)) {
    if (typeof k !== 'string') throw typeError('operand 1 must be object of strings');
    const vals = typeof v === 'string' ? [v] : isArray(v) ? v : isSet(v) ? setValues(v) : null;
    if (vals === null) throw typeError(`operand 1 values must be string, array[string], or set[string]`);
    for (const x of vals) {
      if (typeof x !== 'string') throw typeError(`operand 1 values must be string, array[string], or set[string]`);
      parts.push(queryEscape(k) + '=' + queryEscape(x));
    }
  }
  return parts.join('&');
}

/** Go url.ParseQuery: `&`-separated pairs (a `;` is an error), keys may repeat. */
function decodeObject(args: Value[]): Value {
  const s = str(args, 0);
  const acc = new Map<string, string[]>();
  for (const part of s.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) throw builtinError('invalid semicolon separator in query');
    const eq = part.indexOf('=');
    const k = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const v = queryUnescape(eq < 0 ? '' : part.slice(eq + 1));
    acc.set(k, [...(acc.get(k) ?? []), v]);
  }
  return makeObject([...acc].map(([k, vs]) => [k, vs]));
}

function b64urlDecode(s: string): string {
  // OPA: padded URL encoding when the length allows it, otherwise the raw (unpadded) one.
  return utf8(goBase64Decode(s, true, s.length % 4 === 0));
}

export const encodingBuiltins: BuiltinTable = {
  'base64.encode': { decl: fn('base64.encode', [T_STR], T_STR), impl: (a) => Buffer.from(str(a, 0), 'utf8').toString('base64') },
  'base64.decode': { decl: fn('base64.decode', [T_STR], T_STR), impl: (a) => utf8(goBase64Decode(str(a, 0), false, true)) },
  'base64.is_valid': {
    decl: fn('base64.is_valid', [T_STR], T_BOOL),
    impl: (a) => {
      try {
        goBase64Decode(str(a, 0), false, true);
        return true;
      } catch {
        return false;
      }
    },
  },
  'base64url.encode': {
    decl: fn('base64url.encode', [T_STR], T_STR),
    impl: (a) => Buffer.from(str(a, 0), 'utf8').toString('base64').replaceAll('+', '-').replaceAll('/', '_'),
  },
  'base64url.encode_no_pad': {
    decl: fn('base64url.encode_no_pad', [T_STR], T_STR),
    impl: (a) => Buffer.from(str(a, 0), 'utf8').toString('base64url'),
  },
  'base64url.decode': { decl: fn('base64url.decode', [T_STR], T_STR), impl: (a) => b64urlDecode(str(a, 0)) },
  'hex.encode': { decl: fn('hex.encode', [T_STR], T_STR), impl: (a) => Buffer.from(str(a, 0), 'utf8').toString('hex') },
  'hex.decode': { decl: fn('hex.decode', [T_STR], T_STR), impl: (a) => hexDecode(str(a, 0)) },
  'urlquery.encode': { decl: fn('urlquery.encode', [T_STR], T_STR), impl: (a) => queryEscape(str(a, 0)) },
  'urlquery.decode': { decl: fn('urlquery.decode', [T_STR], T_STR), impl: (a) => queryUnescape(str(a, 0)) },
  'urlquery.encode_object': {
    decl: fn('urlquery.encode_object', [objectOf(T_STR, anyOf(T_STR, arrayOf(T_STR), setOf(T_STR)))], T_STR),
    impl: encodeObject,
  },
  'urlquery.decode_object': {
    decl: fn('urlquery.decode_object', [T_STR], objectOf(T_STR, arrayOf(T_STR))),
    impl: decodeObject,
  },
};
