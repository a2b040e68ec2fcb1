// GraphQL parser core and executable documents (SDL is in sdl.ts), producing vektah/gqlparser's AST shape (the one
// OPA's graphql.* builtins return) as plain objects; source positions ride along under a symbol key.
import { describe, lex, type Kind, type Token } from './lexer.ts';

export const POS = Symbol('pos');
export type Node = Record<string, unknown> & { [POS]?: { line: number; col: number } };

export class GqlError extends Error {
  readonly line: number;
  readonly col: number;
  constructor(message: string, line: number, col: number) {
    super(message);
    this.line = line;
    this.col = col;
  }
}

const VALUE_KIND = { Variable: 0, Int: 1, Float: 2, String: 3, BlockString: 4, Boolean: 5, Null: 6, Enum: 7, List: 8, Object: 9 };
export const LOCATIONS = new Set([
  'QUERY', 'MUTATION', 'SUBSCRIPTION', 'FIELD', 'FRAGMENT_DEFINITION', 'FRAGMENT_SPREAD', 'INLINE_FRAGMENT', 'VARIABLE_DEFINITION',
  'SCHEMA', 'SCALAR', 'OBJECT', 'FIELD_DEFINITION', 'ARGUMENT_DEFINITION', 'INTERFACE', 'UNION', 'ENUM', 'ENUM_VALUE',
  'INPUT_OBJECT', 'INPUT_FIELD_DEFINITION',
]);

export function at<T extends Node>(n: T, t: Token): T {
  Object.defineProperty(n, POS, { value: { line: t.line, col: t.col }, enumerable: false });
  return n;
}

export class Parser {
  private i = 0;
  private readonly toks: Token[];
  constructor(src: string) {
    this.toks = lex(src);
  }
  peek(): Token {
    return this.toks[Math.min(this.i, this.toks.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (t.kind === '<Invalid>') this.unexpected(t);
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  unexpected(t: Token = this.peek()): never {
    throw new GqlError(`Unexpected ${describe(t)}`, t.line, t.col);
  }
  expect(kind: Kind): Token {
    const t = this.peek();
    if (t.kind !== kind) {
      if (t.kind === '<Invalid>') this.unexpected(t);
      throw new GqlError(`Expected ${kind}, found ${describe(t)}`, t.line, t.col);
    }
    return this.next();
  }
  skip(kind: Kind): boolean {
    if (this.peek().kind !== kind) return false;
    this.next();
    return true;
  }
  peekKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'Name' && t.value === word;
  }
  expectKeyword(word: string): Token {
    const t = this.peek();
    if (t.kind === 'Name' && t.value === word) return this.next();
    throw new GqlError(`Expected ${JSON.stringify(word)}, found ${describe(t)}`, t.line, t.col);
  }
  skipKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.next();
    return true;
  }
  name(): string {
    return this.expect('Name').value;
  }
  /** Zero or more items between delimiters (absent delimiters = none). */
  many<T>(open: Kind, close: Kind, item: () => T): T[] {
    const out: T[] = [];
    if (!this.skip(open)) return out;
    while (!this.skip(close)) out.push(item());
    return out;
  }
  /** One or more items between delimiters. */
  some<T>(open: Kind, close: Kind, item: () => T): T[] {
    const out: T[] = [];
    if (!this.skip(open)) return out;
    while (this.peek().kind !== close) out.push(item());
    if (out.length === 0) {
      const t = this.peek();
      throw new GqlError(`expected at least one definition, found ${t.kind}`, t.line, t.col);
    }
    this.next();
    return out;
  }

  // ---- values, types, directives
  value(isConst: boolean): Node {
    const t = this.peek();
    const v = (kind: number, raw: string, children?: Node[]) =>
      at({ ...(children ? { Children: children } : {}), ExpectedTypeHasDefault: false, Kind: kind, Raw: raw }, t);
    switch (t.kind) {
      case '[':
        return v(VALUE_KIND.List, '', this.many('[', ']', () => ({ Name: '', Value: this.value(isConst) })));
      case '{':
        return v(VALUE_KIND.Object, '', this.many('{', '}', () => {
          const nt = this.peek();
          const n = this.name();
          this.expect(':');
          return at({ Name: n, Value: this.value(isConst) }, nt);
        }));
      case '$':
        if (isConst) this.unexpected();
        this.next();
        return v(VALUE_KIND.Variable, this.name());
      case 'Int':
      case 'Float':
      case 'String':
      case 'BlockString':
        this.next();
        return v(VALUE_KIND[t.kind], t.value);
      case 'Name':
        this.next();
        if (t.value === 'true' || t.value === 'false') return v(VALUE_KIND.Boolean, t.value);
        if (t.value === 'null') return v(VALUE_KIND.Null, t.value);
        return v(VALUE_KIND.Enum, t.value);
      default:
        this.unexpected();
    }
  }
  typeRef(): Node {
    const t = this.peek();
    let ty: Node;
    if (this.skip('[')) {
      const elem = this.typeRef();
      this.expect(']');
      ty = at({ Elem: elem, NamedType: '', NonNull: false }, t);
    } else ty = at({ NamedType: this.name(), NonNull: false }, t);
    if (this.skip('!')) ty.NonNull = true;
    return ty;
  }
  arguments(isConst: boolean): Node[] {
    return this.many('(', ')', () => {
      const t = this.peek();
      const n = this.name();
      this.expect(':');
      return at({ Name: n, Value: this.value(isConst) }, t);
    });
  }
  directives(isConst: boolean): Node[] {
    const out: Node[] = [];
    while (this.peek().kind === '@') {
      const t = this.next();
      const n = this.name();
      out.push(at({ Arguments: this.arguments(isConst), Location: '', Name: n }, t));
    }
    return out;
  }

  // ---- executable documents
  queryDocument(): Node {
    const ops: Node[] = [];
    const frags: Node[] = [];
    while (this.peek().kind !== '<EOF>') {
      const t = this.peek();
      if (t.kind === '{') ops.push(this.operation());
      else if (t.kind === 'Name' && (t.value === 'query' || t.value === 'mutation' || t.value === 'subscription')) ops.push(this.operation());
      else if (t.kind === 'Name' && t.value === 'fragment') frags.push(this.fragmentDefinition());
      else this.unexpected();
    }
    return { Operations: ops, Fragments: frags };
  }
  operation(): Node {
    const t = this.peek();
    if (t.kind === '{') return at({ Name: '', Operation: 'query', SelectionSet: this.selectionSet() }, t);
    const op = this.operationType();
    const name = this.peek().kind === 'Name' ? this.name() : '';
    return at({ Directives: [], Name: name, Operation: op, VariableDefinitions: this.variableDefinitions(), ...this.dirsAndSelections() }, t);
  }
  private dirsAndSelections(): Node {
    const Directives = this.directives(false);
    return { Directives, SelectionSet: this.requiredSelectionSet() };
  }
  operationType(): string {
    const t = this.peek();
    if (t.kind === 'Name' && (t.value === 'query' || t.value === 'mutation' || t.value === 'subscription')) return this.next().value;
    this.unexpected();
  }
  variableDefinitions(): Node[] {
    return this.many('(', ')', () => {
      const t = this.expect('$');
      const v = this.name();
      this.expect(':');
      const Type = this.typeRef();
      const DefaultValue = this.skip('=') ? this.value(true) : undefined;
      return at({ DefaultValue, Directives: this.directives(true), Type, Used: false, Variable: v }, t);
    });
  }
  requiredSelectionSet(): Node[] {
    const t = this.peek();
    if (t.kind !== '{') {
      if (t.kind === '<Invalid>') this.unexpected(t);
      throw new GqlError(`Expected {, found ${describe(t)}`, t.line, t.col);
    }
    return this.selectionSet();
  }
  selectionSet(): Node[] {
    return this.some('{', '}', () => (this.peek().kind === '...' ? this.fragment() : this.field()));
  }
  field(): Node {
    const t = this.peek();
    let alias = this.name();
    let name = alias;
    if (this.skip(':')) name = this.name();
    else alias = name;
    const Arguments = this.arguments(false);
    const Directives = this.directives(false);
    const SelectionSet = this.peek().kind === '{' ? this.selectionSet() : [];
    return at({ Alias: alias, Arguments, Directives, Name: name, SelectionSet }, t);
  }
  fragment(): Node {
    const t = this.expect('...');
    if (this.peekKeyword('on') || this.peek().kind !== 'Name') {
      const TypeCondition = this.skipKeyword('on') ? this.name() : '';
      return at({ Directives: this.directives(false), SelectionSet: this.requiredSelectionSet(), TypeCondition }, t);
    }
    return at({ Directives: [], Name: this.fragmentName(), ...{} }, t);
  }
  fragmentName(): string {
    if (this.peekKeyword('on')) this.unexpected();
    return this.name();
  }
  fragmentDefinition(): Node {
    const t = this.expectKeyword('fragment');
    const Name = this.fragmentName();
    const VariableDefinition = this.variableDefinitions();
    this.expectKeyword('on');
    const TypeCondition = this.name();
    const Directives = this.directives(false);
    return at({ Directives, Name, SelectionSet: this.requiredSelectionSet(), TypeCondition, VariableDefinition }, t);
  }
}

export function parseQuery(src: string): Node {
  return new Parser(src).queryDocument();
}

/** OPA's pruning of the AST for output: no undefined/null, no empty lists or objects. */
export function prune(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(prune);
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (v === undefined || v === null) continue;
    const p = prune(v);
    if (Array.isArray(p) && p.length === 0) continue;
    if (p !== null && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
    out[k] = p;
  }
  return out;
}
