// A syntax checker that reports errors exactly as Go's encoding/json does (its scanner.go state machine,
// byte by byte), because Gloo surfaces those texts in AuthConfig status and users search for them — e.g.
// `{keys:[]}` → "invalid character 'k' looking for beginning of object key string" (gloo-api.md §4.2).
// JSON.parse accepts and rejects the same documents but words its errors differently.

const OBJ_KEY = 0; // parsing object key (before colon)
const OBJ_VAL = 1; // parsing object value (after colon)
const ARR_VAL = 2; // parsing array value
const MAX_DEPTH = 10000;

type State =
  | 'beginValue' | 'beginValueOrEmpty' | 'beginStringOrEmpty' | 'beginString' | 'endValue' | 'endTop'
  | 'inString' | 'inStringEsc' | 'u0' | 'u1' | 'u2' | 'u3'
  | 'neg' | 'one' | 'zero' | 'dot' | 'dot0' | 'e' | 'eSign' | 'e0'
  | 't' | 'tr' | 'tru' | 'f' | 'fa' | 'fal' | 'fals' | 'n' | 'nu' | 'nul';

const LITERALS: Partial<Record<State, [string, State, string]>> = {
  // state: [expected byte, next state, error context]
  t: ['r', 'tr', "in literal true (expecting 'r')"],
  tr: ['u', 'tru', "in literal true (expecting 'u')"],
  tru: ['e', 'endValue', "in literal true (expecting 'e')"],
  f: ['a', 'fa', "in literal false (expecting 'a')"],
  fa: ['l', 'fal', "in literal false (expecting 'l')"],
  fal: ['s', 'fals', "in literal false (expecting 's')"],
  fals: ['e', 'endValue', "in literal false (expecting 'e')"],
  n: ['u', 'nu', "in literal null (expecting 'u')"],
  nu: ['l', 'nul', "in literal null (expecting 'l')"],
  nul: ['l', 'endValue', "in literal null (expecting 'l')"],
};

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Returns null when `input` is valid JSON, else Go's SyntaxError text. */
export function goJsonSyntaxError(input: string | Uint8Array): string | null {
  const data = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const stack: number[] = [];
  let state: State = 'beginValue';
  let err: string | null = null;
  let endTop = false;

  const error = (c: number, context: string): void => {
    err = `invalid character ${quoteChar(c)} ${context}`;
  };
  const pop = (): void => {
    stack.pop();
    if (stack.length === 0) {
      state = 'endTop';
      endTop = true;
    } else state = 'endValue';
  };

  function step(c: number): void {
    switch (state) {
      case 'beginValueOrEmpty':
        if (isSpace(c)) return;
        if (c === 0x5d) return endValue(c);
        return beginValue(c);
      case 'beginValue':
        return beginValue(c);
      case 'beginStringOrEmpty':
        if (isSpace(c)) return;
        if (c === 0x7d) {
          stack[stack.length - 1] = OBJ_VAL;
          return endValue(c);
        }
        return beginString(c);
      case 'beginString':
        return beginString(c);
      case 'endValue':
        return endValue(c);
      case 'endTop':
        if (!isSpace(c)) error(c, 'after top-level value');
        return;
      case 'inString':
        if (c === 0x22) state = 'endValue';
        else if (c === 0x5c) state = 'inStringEsc';
        else if (c < 0x20) error(c, 'in string literal');
        return;
      case 'inStringEsc':
        if ('bfnrt\\/"'.includes(String.fromCharCode(c))) state = 'inString';
        else if (c === 0x75) state = 'u0';
        else error(c, 'in string escape code');
        return;
      case 'u0': case 'u1': case 'u2': case 'u3':
        if (!isHex(c)) return error(c, 'in \\u hexadecimal character escape');
        state = state === 'u0' ? 'u1' : state === 'u1' ? 'u2' : state === 'u2' ? 'u3' : 'inString';
        return;
      case 'neg':
        if (c === 0x30) state = 'zero';
        else if (c >= 0x31 && c <= 0x39) state = 'one';
        else error(c, 'in numeric literal');
        return;
      case 'one':
        if (isDigit(c)) return;
        return zero(c);
      case 'zero':
        return zero(c);
      case 'dot':
        if (isDigit(c)) state = 'dot0';
        else error(c, 'after decimal point in numeric literal');
        return;
      case 'dot0':
        if (isDigit(c)) return;
        if (c === 0x65 || c === 0x45) {
          state = 'e';
          return;
        }
        return endValue(c);
      case 'e':
        if (c === 0x2b || c === 0x2d) {
          state = 'eSign';
          return;
        }
        return eSign(c);
      case 'eSign':
        return eSign(c);
      case 'e0':
        if (isDigit(c)) return;
        return endValue(c);
      default: {
        const [want, next, context] = LITERALS[state]!;
        if (c === want.charCodeAt(0)) state = next;
        else error(c, context);
      }
    }
  }
  function beginValue(c: number): void {
    if (isSpace(c)) return;
    switch (c) {
      case 0x7b: state = 'beginStringOrEmpty'; return push(c, OBJ_KEY);
      case 0x5b: state = 'beginValueOrEmpty'; return push(c, ARR_VAL);
      case 0x22: state = 'inString'; return;
      case 0x2d: state = 'neg'; return;
      case 0x30: state = 'zero'; return;
      case 0x74: state = 't'; return;
      case 0x66: state = 'f'; return;
      case 0x6e: state = 'n'; return;
    }
    if (c >= 0x31 && c <= 0x39) state = 'one';
    else error(c, 'looking for beginning of value');
  }
  function push(c: number, ps: number): void {
    stack.push(ps);
    if (stack.length > MAX_DEPTH) error(c, 'exceeded max depth');
  }
  function beginString(c: number): void {
    if (isSpace(c)) return;
    if (c === 0x22) state = 'inString';
    else error(c, 'looking for beginning of object key string');
  }
  function zero(c: number): void {
    if (c === 0x2e) state = 'dot';
    else if (c === 0x65 || c === 0x45) state = 'e';
    else endValue(c);
  }
  function eSign(c: number): void {
    if (isDigit(c)) state = 'e0';
    else error(c, 'in exponent of numeric literal');
  }
  function endValue(c: number): void {
    if (stack.length === 0) {
      state = 'endTop';
      endTop = true;
      return step(c);
    }
    if (isSpace(c)) {
      state = 'endValue';
      return;
    }
    const ps = stack[stack.length - 1];
    if (ps === OBJ_KEY) {
      if (c === 0x3a) {
        stack[stack.length - 1] = OBJ_VAL;
        state = 'beginValue';
      } else error(c, 'after object key');
    } else if (ps === OBJ_VAL) {
      if (c === 0x2c) {
        stack[stack.length - 1] = OBJ_KEY;
        state = 'beginString';
      } else if (c === 0x7d) pop();
      else error(c, 'after object key:value pair');
    } else {
      if (c === 0x2c) state = 'beginValue';
      else if (c === 0x5d) pop();
      else error(c, 'after array element');
    }
  }

  for (const c of data) {
    step(c);
    if (err !== null) return err;
  }
  // eof(): feed a space to finish a trailing number, then require a completed top-level value.
  if (endTop) return null;
  step(0x20);
  if (err !== null) return err;
  if (endTop) return null;
  return 'unexpected end of JSON input';
}

/** Go's quoteChar: the byte as a rune, in single quotes, escaped like strconv.Quote. */
export function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const esc: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (esc[c]) return `'${esc[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // Bytes ≥ 0x80 are read as the rune U+00XX; strconv.IsPrint rejects C1 controls, NBSP and the soft hyphen.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u00${c.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}
