// The error Go's encoding/json Decoder gives for text JSON.parse rejected, as OPA's json.unmarshal reports it
// (util.UnmarshalJSON: one Decode, then a Token() to refuse trailing values). Only called after JSON.parse
// failed, so valid input never pays for it. The texts are the scanner's: "invalid character 'x' looking for
// beginning of value", "unexpected EOF", "EOF", ...

class Stop {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Go's quoteChar: 'x', '\'' , '"', or the strconv.Quote escape ('\n', '\x01'). */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c).slice(1, -1);
  if (/^\\u00[01][0-9a-f]$/.test(q)) return `'\\x${q.slice(4)}'`;
  return `'${q}'`;
}

const isWS = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

class Scanner {
  i = 0;
  readonly s: string;
  constructor(s: string) {
    this.s = s;
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
  ws(): void {
    while (this.i < this.s.length && isWS(this.s[this.i])) this.i++;
  }
  /** The next character, or end of input (truncated value → "unexpected EOF"). */
  need(): string {
    if (this.i >= this.s.length) throw new Stop('unexpected EOF');
    return this.s[this.i];
  }
  bad(c: string, context: string): never {
    throw new Stop(`invalid character ${quoteChar(c)} ${context}`);
  }
  value(): void {
    this.ws();
    const c = this.need();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || isDigit(c)) return this.number();
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit[0]) continue;
      this.i++;
      for (let k = 1; k < lit.length; k++, this.i++) {
        const d = this.need();
        if (d !== lit[k]) this.bad(d, `in literal ${lit} (expecting ${quoteChar(lit[k])})`);
      }
      return;
    }
    this.bad(c, 'looking for beginning of value');
  }
  object(): void {
    this.i++;
    this.ws();
    if (this.need() === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      const c = this.need();
      if (c !== '"') this.bad(c, 'looking for beginning of object key string');
      this.string();
      this.ws();
      const colon = this.need();
      if (colon !== ':') this.bad(colon, 'after object key');
      this.i++;
      this.value();
      this.ws();
      const next = this.need();
      this.i++;
      if (next === '}') return;
      if (next !== ',') this.bad(next, 'after object key:value pair');
    }
  }
  array(): void {
    this.i++;
    this.ws();
    if (this.need() === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      const next = this.need();
      this.i++;
      if (next === ']') return;
      if (next !== ',') this.bad(next, 'after array element');
    }
  }
  string(): void {
    this.i++;
    for (;;) {
      const c = this.need();
      this.i++;
      if (c === '"') return;
      if (c === '\\') {
        const e = this.need();
        this.i++;
        if (e === 'u') {
          for (let k = 0; k < 4; k++, this.i++) {
            const h = this.need();
            if (!/[0-9a-fA-F]/.test(h)) this.bad(h, 'in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) this.bad(e, 'in string escape code');
      } else if (c < ' ') this.bad(c, 'in string literal');
    }
  }
  number(): void {
    if (this.peek() === '-') {
      this.i++;
      const d = this.need();
      if (!isDigit(d)) this.bad(d, 'in numeric literal');
    }
    if (this.peek() === '0') this.i++;
    else while (isDigit(this.peek())) this.i++;
    if (this.peek() === '.') {
      this.i++;
      const d = this.need();
      if (!isDigit(d)) this.bad(d, 'after decimal point in numeric literal');
      while (isDigit(this.peek())) this.i++;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i++;
      let d = this.need();
      if (d === '+' || d === '-') {
        this.i++;
        d = this.need();
      }
      if (!isDigit(d)) this.bad(d, 'in exponent of numeric literal');
      while (isDigit(this.peek())) this.i++;
    }
  }
}

/** Go's Decoder error for `text`, or null when Go would accept it too. */
export function goJSONDecodeError(text: string): string | null {
  const sc = new Scanner(text);
  try {
    sc.ws();
    if (sc.i >= text.length) return 'EOF';
    sc.value();
    sc.ws();
    if (sc.i >= text.length) return null;
    // OPA's Token() after the value: a second value is "after top-level value", anything else a scan error
    const start = sc.i;
    const c = text[start];
    if (c === '{' || c === '[') return `error: invalid character '${c}' after top-level value`;
    sc.value();
    const tok = text.slice(start, sc.i);
    return `error: invalid character '${tok.startsWith('"') ? (JSON.parse(tok) as string) : tok}' after top-level value`;
  } catch (e) {
    if (e instanceof Stop) return e.message;
    throw e;
  }
}
