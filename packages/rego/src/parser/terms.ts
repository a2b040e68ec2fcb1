// Term and expression parsing (shared by modules, queries and `input_term` text).
// Keywords (not, some, every, in, if, contains, with, as, else, default) are contextual: an identifier is
// a keyword only where the keyword fits, so they stay usable as ref segments and rule names (keywordrefs).
import { fail, type Location } from '../errors.ts';
import type { Token } from '../lexer/lexer.ts';
import { tokenize } from '../lexer/lexer.ts';
import type { CallTerm, Expr, RefTerm, Term, VarTerm, WithModifier, ExprBody } from '../ast/types.ts';
import { numberFromText } from '../value/index.ts';

const INFIX: Record<string, [number, string]> = {
  '==': [2, 'equal'],
  '!=': [2, 'neq'],
  '<': [2, 'lt'],
  '>': [2, 'gt'],
  '<=': [2, 'lte'],
  '>=': [2, 'gte'],
  '|': [3, 'or'],
  '&': [4, 'and'],
  '+': [5, 'plus'],
  '-': [5, 'minus'],
  '*': [6, 'mul'],
  '/': [6, 'div'],
  '%': [6, 'rem'],
};

export class TermParser {
  toks: Token[];
  pos = 0;
  file: string;
  regoVersion: 0 | 1;
  private wildcards = 0;

  constructor(toks: Token[], file: string, regoVersion: 0 | 1) {
    this.toks = toks;
    this.file = file;
    this.regoVersion = regoVersion;
  }

  get tok(): Token {
    return this.toks[this.pos];
  }
  peek(k = 1): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)];
  }
  loc(t: Token = this.tok): Location {
    return { file: this.file, row: t.row, col: t.col };
  }
  next(): Token {
    return this.toks[this.pos++];
  }
  isOp(text: string, t: Token = this.tok): boolean {
    return t.kind === 'op' && t.text === text;
  }
  isIdent(text: string, t: Token = this.tok): boolean {
    return t.kind === 'ident' && t.text === text;
  }
  expectOp(text: string): Token {
    if (!this.isOp(text)) this.error(`expected ${text}`);
    return this.next();
  }
  error(msg: string, t: Token = this.tok): never {
    // OPA's `and`/`or` logic operators exist only behind its experimental-keywords switch (not in its
    // language reference), so a body using them is told so rather than given a bare syntax error
    if (t.kind === 'ident' && (t.text === 'and' || t.text === 'or')) {
      fail('rego_parse_error', `unexpected ${t.text}: the \`and\`/\`or\` keywords are not supported (experimental in OPA)`, this.loc(t));
    }
    const found = t.kind === 'eof' ? 'EOF' : t.kind === 'string' ? 'string' : t.text;
    fail('rego_parse_error', `${msg}${t.kind === 'eof' ? ' but reached end of input' : ` but found ${found}`}`, this.loc(t));
  }
  /** A keyword at the current position: the identifier, not followed by a ref continuation. */
  isKeyword(text: string): boolean {
    if (!this.isIdent(text)) return false;
    const n = this.peek();
    if (n.kind === 'op' && (n.text === '.' || ((n.text === '[' || n.text === '(') && !n.ws))) return false;
    if (n.kind === 'op' && (n.text === ':=' || n.text === '=')) return text === 'with' || text === 'else';
    return true;
  }

  freshWildcard(loc: Location): VarTerm {
    return { type: 'var', name: `$_${this.wildcards++}`, slot: -1, loc };
  }

  // ---- expressions -------------------------------------------------------------------------------

  parseBody(close: string): Expr[] {
    const body: Expr[] = [];
    while (!this.isOp(close)) {
      if (this.tok.kind === 'eof') this.error(`expected ${close}`);
      body.push(this.parseExpr());
      if (this.isOp(';')) this.next();
      else if (!this.isOp(close) && !this.tok.nl) this.error('unexpected token, expected end of expression');
    }
    return body;
  }

  parseExpr(): Expr {
    const loc = this.loc();
    let negated = false;
    if (this.isKeyword('not')) {
      this.next();
      negated = true;
    }
    let body: ExprBody;
    if (negated && this.isOp('{')) {
      // `not { … }` (future.keywords.not): negation of a whole body
      this.next();
      const inner = this.parseBody('}');
      this.next();
      body = { kind: 'block', body: inner };
    } else if (this.isKeyword('some')) body = this.parseSome();
    else if (this.isKeyword('every')) body = this.parseEvery();
    else body = this.parseExprBody();
    return { negated, with: this.parseWiths(), loc, body };
  }

  private parseExprBody(): ExprBody {
    const left = this.parseTerm(1, false, true);
    if (this.isOp(':=') || this.isOp('=')) {
      const assign = this.next().text === ':=';
      const right = this.parseTerm(1, false, true);
      return { kind: 'unify', left, right, assign };
    }
    return { kind: 'term', term: left };
  }

  private parseSome(): ExprBody {
    this.next();
    const first = this.parseTerm(2);
    const terms: Term[] = [first];
    while (this.isOp(',')) {
      this.next();
      terms.push(this.parseTerm(2));
    }
    if (this.isIdent('in')) {
      this.next();
      if (terms.length > 2) this.error('unexpected , in some declaration');
      const collection = this.parseTerm(2);
      return terms.length === 2
        ? { kind: 'someIn', key: terms[0], value: terms[1], collection }
        : { kind: 'someIn', key: null, value: terms[0], collection };
    }
    for (const t of terms) if (t.type !== 'var') fail('rego_parse_error', 'expected var in some declaration', t.loc);
    return { kind: 'some', vars: terms as VarTerm[] };
  }

  private parseEvery(): ExprBody {
    this.next();
    const a = this.parseTerm(7);
    let key: VarTerm | null = null;
    let value = a;
    if (this.isOp(',')) {
      this.next();
      key = a as VarTerm;
      value = this.parseTerm(7);
    }
    if (!this.isIdent('in')) this.error('expected in');
    this.next();
    const domain = this.parseTerm(2);
    for (const v of [key, value]) if (v && v.type !== 'var') fail('rego_parse_error', 'expected var in every', v.loc);
    this.expectOp('{');
    const body = this.parseBody('}');
    this.next();
    return { kind: 'every', key, value: value as VarTerm, domain, body };
  }

  // ---- terms -------------------------------------------------------------------------------------

  /**
   * Precedence climbing: 1 `in`, 2 relations, 3 `|`, 4 `&`, 5 `+ -`, 6 `* / %`, 7 primary.
   * `noOr` keeps `|` free for comprehensions; `allowPair` admits `k, v in xs` at expression level.
   */
  parseTerm(minLevel: number, noOr = false, allowPair = false): Term {
    let left = this.parseUnary();
    if (allowPair && this.isOp(',') && minLevel <= 1) {
      // `k, v in xs`
      const save = this.pos;
      this.next();
      const v = this.parseTerm(2, noOr);
      if (this.isIdent('in')) {
        const loc = this.loc();
        this.next();
        const coll = this.parseTerm(2, noOr);
        left = this.call('internal.member_3', [left, v, coll], loc);
      } else this.pos = save;
    }
    for (;;) {
      const t = this.tok;
      if (t.nl) break; // a newline ends the expression
      if (t.kind === 'ident' && t.text === 'in' && minLevel <= 1) {
        this.next();
        const right = this.parseTerm(2, noOr);
        left = this.call('internal.member_2', [left, right], this.loc(t));
        continue;
      }
      if (t.kind !== 'op') break;
      const info = INFIX[t.text];
      if (!info || info[0] < minLevel || (noOr && t.text === '|')) break;
      this.next();
      const right = this.parseTerm(info[0] + 1, noOr);
      left = this.call(info[1], [left, right], this.loc(t));
    }
    return left;
  }

  call(name: string, args: Term[], loc: Location): CallTerm {
    return { type: 'call', op: { type: 'var', name, slot: -1, loc }, args, loc };
  }

  private parseUnary(): Term {
    const t = this.tok;
    if (this.isOp('-')) {
      this.next();
      const n = this.tok;
      if (n.kind === 'number' && !n.ws) {
        this.next();
        return this.postfix(this.number('-' + n.text, t));
      }
      const operand = this.parseUnary();
      return this.call('minus', [{ type: 'scalar', value: 0, loc: this.loc(t) }, operand], this.loc(t));
    }
    return this.postfix(this.parsePrimary());
  }

  number(text: string, t: Token): Term {
    // OPA keeps number literals exact (json.Number): integers of any size, decimals beyond float64's
    // digits or range (0.10000000000000000001, 2e308) as BigNum with their text
    const value = numberFromText(text);
    if (value === undefined) fail('rego_parse_error', `number too big: ${text}`, this.loc(t));
    return { type: 'scalar', value, loc: this.loc(t) };
  }

  private parsePrimary(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    switch (t.kind) {
      case 'number':
        this.next();
        return this.number(t.text, t);
      case 'string':
      case 'rawstring':
        this.next();
        return { type: 'scalar', value: t.text, loc };
      case 'template':
        this.next();
        return this.template(t);
      case 'ident': {
        this.next();
        const refNext = this.isOp('.') && !this.tok.ws;
        if (refNext) return { type: 'var', name: t.text, slot: -1, loc }; // `false.foo`: keywords as ref heads
        if (t.text === 'true' || t.text === 'false') return { type: 'scalar', value: t.text === 'true', loc };
        if (t.text === 'null') return { type: 'scalar', value: null, loc };
        if (t.text === 'set' && this.isOp('(') && this.isOp(')', this.peek())) {
          this.next();
          this.next();
          return { type: 'set', items: [], loc };
        }
        if (t.text === '_') return this.freshWildcard(loc);
        return { type: 'var', name: t.text, slot: -1, loc };
      }
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.parseTerm(1, false, true);
          this.expectOp(')');
          return inner;
        }
        if (t.text === '[') return this.parseArray();
        if (t.text === '{') return this.parseBrace();
    }
    this.error('unexpected token');
  }

  private template(t: Token): Term {
    const parts: (string | Term)[] = [];
    for (const p of t.parts!) {
      if ('lit' in p) parts.push(p.lit);
      else {
        const sub = new TermParser(tokenize(p.expr, this.file), this.file, this.regoVersion);
        for (const tk of sub.toks) (tk as { row: number }).row += p.row - 1;
        sub.wildcards = this.wildcards + 1000;
        let term = sub.parseTerm(1);
        if (sub.isKeyword('with')) term = sub.withTerm(term);
        if (sub.tok.kind !== 'eof') sub.error('unexpected token in template expression');
        parts.push(term);
      }
    }
    return { type: 'template', parts, loc: this.loc(t) };
  }

  /** `with <target> as <value>` modifiers (zero or more). */
  parseWiths(): WithModifier[] {
    const withs: WithModifier[] = [];
    while (this.isKeyword('with')) {
      const wl = this.loc();
      this.next();
      const target = this.parseTerm(7);
      if (!this.isIdent('as')) this.error('expected as');
      this.next();
      withs.push({ target, value: this.parseTerm(1), loc: wl });
    }
    return withs;
  }

  /** After a comprehension's `|`: the body up to and including the closing bracket. */
  private comprBody(close: string): Expr[] {
    this.next();
    const body = this.parseBody(close);
    this.next();
    return body;
  }

  /** `{x with input as v}` inside a template: `[__t | __t = x with …][0]`, a one-element comprehension. */
  withTerm(term: Term): Term {
    const loc = term.loc;
    const withs = this.parseWiths();
    const v: VarTerm = { type: 'var', name: `__template_with_${this.wildcards++}`, slot: -1, loc };
    const body: Expr[] = [{ negated: false, with: withs, loc, body: { kind: 'unify', left: v, right: term, assign: false } }];
    const compr: Term = { type: 'compr', kind: 'array', key: null, value: v, body, loc };
    return { type: 'ref', head: compr, path: [{ type: 'scalar', value: 0, loc }], loc };
  }

  private parseArray(): Term {
    const loc = this.loc();
    this.next();
    if (this.isOp(']')) {
      this.next();
      return { type: 'array', items: [], loc };
    }
    const first = this.parseTerm(1, true);
    if (this.isOp('|')) return { type: 'compr', kind: 'array', key: null, value: first, body: this.comprBody(']'), loc };
    const items = [first, ...this.restItems(']')];
    return { type: 'array', items, loc };
  }

  private restItems(close: string): Term[] {
    const items: Term[] = [];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(close)) break;
      items.push(this.parseTerm(1));
    }
    this.expectOp(close);
    return items;
  }

  private parseBrace(): Term {
    const loc = this.loc();
    this.next();
    if (this.isOp('}')) {
      this.next();
      return { type: 'object', items: [], loc };
    }
    const first = this.parseTerm(1, true);
    if (this.isOp(':')) {
      this.next();
      const v = this.parseTerm(1, true);
      if (this.isOp('|')) return { type: 'compr', kind: 'object', key: first, value: v, body: this.comprBody('}'), loc };
      const items: [Term, Term][] = [[first, v]];
      while (this.isOp(',')) {
        this.next();
        if (this.isOp('}')) break;
        const k = this.parseTerm(1);
        this.expectOp(':');
        items.push([k, this.parseTerm(1)]);
      }
      this.expectOp('}');
      return { type: 'object', items, loc };
    }
    if (this.isOp('|')) return { type: 'compr', kind: 'set', key: null, value: first, body: this.comprBody('}'), loc };
    return { type: 'set', items: [first, ...this.restItems('}')], loc };
  }

  /** Ref continuations (`.x`, `[t]`, no whitespace before) and calls (`f(…)`). */
  postfix(term: Term): Term {
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'op' || t.ws) return term;
      if (t.text === '.') {
        this.next();
        const id = this.tok;
        if (id.kind !== 'ident') fail('rego_parse_error', `unexpected ${id.kind === 'eof' ? 'eof' : id.text} token: expected ident`, this.loc(id));
        this.next();
        term = this.extend(term, { type: 'scalar', value: id.text, loc: this.loc(id) });
      } else if (t.text === '[') {
        this.next();
        const key = this.parseTerm(1);
        this.expectOp(']');
        term = this.extend(term, key);
      } else if (t.text === '(' && (term.type === 'var' || (term.type === 'ref' && term.head.type === 'var'))) {
        this.next();
        const args: Term[] = [];
        while (!this.isOp(')')) {
          args.push(this.parseTerm(1));
          if (this.isOp(',')) this.next();
          else if (!this.isOp(')')) this.error('expected , or )');
        }
        this.next();
        term = { type: 'call', op: term as RefTerm | VarTerm, args, loc: term.loc };
      } else return term;
    }
  }

  private extend(term: Term, key: Term): RefTerm {
    if (term.type === 'ref') return { type: 'ref', head: term.head, path: [...term.path, key], loc: term.loc };
    return { type: 'ref', head: term, path: [key], loc: term.loc };
  }
}

/** Dotted name of a call operator (`count`, `object.get`, `data.x.f`), or null if not all-static. */
export function refName(t: Term): string | null {
  if (t.type === 'var') return t.name;
  if (t.type !== 'ref' || t.head.type !== 'var') return null;
  let s = t.head.name;
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return null;
    s += '.' + p.value;
  }
  return s;
}
