// Module and query parsing for Rego v0 and v1. v0-only forms (`p[x] { … }` partial sets, bodies
// without `if`) and v1 forms (`if`, `contains`) are both accepted: every valid program of either
// version parses to the same AST shape; the version only decides v0's `p[x]` meaning.
import { fail, RegoFailure, type Location, type RegoError } from '../errors.ts';
import { tokenize, type Comment } from '../lexer/lexer.ts';
import type { Expr, Import, Module, Rule, RuleHead, Term, VarTerm } from '../ast/types.ts';
import { TermParser } from './terms.ts';
import { attachAnnotations, parseAnnotationBlocks, type Statement } from './annotations.ts';

/** `lenient`: Rego v1 keywords without v1's requirements (bodies without `if`, deprecated built-ins), the
 * engine's default when no version is given, so policies written for OPA before 1.0 keep compiling. */
export function parseModule(src: string, file: string, regoVersion: 0 | 1, lenient = false): Module {
  const comments: Comment[] = [];
  const p = new TermParser(tokenize(src, file, comments), file, regoVersion);
  if (!p.isIdent('package')) p.error('expected package');
  const pkgLoc = p.loc();
  p.next();
  const pkgTerm = p.postfix(p.parseTerm(7));
  const pkg = refToPath(pkgTerm, 'package');
  const module: Module = { file, pkg, pkgLoc, imports: [], rules: [], annotations: [], regoVersion, v1: regoVersion === 1 && !lenient };
  while (p.isIdent('import')) {
    const loc = p.loc();
    p.next();
    const path = p.parseTerm(7);
    let alias: string | null = null;
    if (p.isIdent('as') && !p.tok.nl) {
      p.next();
      if (p.tok.kind !== 'ident') p.error('expected alias');
      alias = p.next().text;
    }
    module.imports.push({ path, alias, loc } as Import);
    if (path.type === 'ref' && path.head.type === 'var' && path.head.name === 'rego' && path.path.length === 1 && (path.path[0] as { value?: unknown }).value === 'v1') module.v1 = true;
  }
  while (p.tok.kind !== 'eof') parseRules(p, module);
  if (comments.length) readAnnotations(module, comments);
  return module;
}

function readAnnotations(module: Module, comments: Comment[]): void {
  const { blocks, errors } = parseAnnotationBlocks(comments, module.file, refText);
  const stmts: Statement[] = [
    { row: module.pkgLoc!.row, target: { kind: 'package' } } as Statement,
    ...module.imports.map((i): Statement => ({ row: i.loc.row, target: { kind: 'import' } })),
    ...module.rules.map((rule): Statement => ({ row: rule.loc.row, target: { kind: 'rule', rule } })),
  ].sort((a, b) => a.row - b.row);
  errors.push(...attachAnnotations(blocks, stmts));
  if (errors.length) throw new RegoFailure(errors);
  module.annotations = blocks;
}

/** A ref written as text (`input.user`, `schema["x"]`) → its segments, or null when it is not a ref. */
function refText(text: string): string[] | null {
  try {
    const p = new TermParser(tokenize(text, 'annotation'), 'annotation', 1);
    const t = p.postfix(p.parseTerm(7));
    if (p.tok.kind !== 'eof') return null;
    return refToPath(t, 'annotation');
  } catch {
    return null;
  }
}

// Rego v1 requires `if` before every body and `contains` for multi-value rules (OPA reports both for `p[x] { … }`).
function v1BodyErrors(isFunction: boolean, looksLikePartialSet: boolean, loc: Location): never {
  const errors: RegoError[] = [{ code: 'rego_parse_error', message: `\`if\` keyword is required before ${isFunction ? 'function' : 'rule'} body`, location: loc }];
  if (looksLikePartialSet) errors.push({ code: 'rego_parse_error', message: '`contains` keyword is required for partial set rules', location: loc });
  throw new RegoFailure(errors);
}

function refToPath(t: Term, what: string): string[] {
  const out: string[] = [];
  if (t.type === 'var') return [t.name];
  if (t.type !== 'ref' || t.head.type !== 'var') fail('rego_parse_error', `invalid ${what} path`, t.loc);
  out.push(t.head.name);
  for (const s of t.path) {
    if (s.type !== 'scalar' || typeof s.value !== 'string') fail('rego_parse_error', `invalid ${what} path`, s.loc);
    out.push(s.value);
  }
  return out;
}

function parseHeadRef(p: TermParser): Term[] {
  const t = p.tok;
  if (t.kind !== 'ident') p.error('expected rule head');
  p.next();
  const ref: Term[] = [{ type: 'var', name: t.text, slot: -1, loc: p.loc(t) }];
  for (;;) {
    if (p.isOp('.') && !p.tok.ws) {
      p.next();
      const id = p.tok;
      if (id.kind !== 'ident') p.error('expected identifier');
      p.next();
      ref.push({ type: 'scalar', value: id.text, loc: p.loc(id), dot: true } as Term);
    } else if (p.isOp('[')) {
      p.next();
      ref.push(p.parseTerm(1));
      p.expectOp(']');
    } else return ref;
  }
}

function parseRuleBody(p: TermParser, hasIf: boolean): Expr[] | null {
  if (p.isOp('{')) {
    const save = p.pos;
    try {
      p.next();
      const body = p.parseBody('}');
      p.next();
      return body;
    } catch (e) {
      // `if {x: 1 | …}`: after `if`, a brace that is not a body is an object/set term expression
      if (!hasIf) throw e;
      p.pos = save;
      return [p.parseExpr()];
    }
  }
  if (hasIf) return [p.parseExpr()];
  return null;
}

function parseRules(p: TermParser, module: Module): void {
  const loc = p.loc();
  let isDefault = false;
  if (p.isIdent('default') && p.peek().kind === 'ident') {
    p.next();
    isDefault = true;
  }
  const ref = parseHeadRef(p);
  let args: Term[] | null = null;
  if (p.isOp('(') && !p.tok.ws) {
    p.next();
    args = [];
    while (!p.isOp(')')) {
      args.push(p.parseTerm(1));
      if (p.isOp(',')) p.next();
      else if (!p.isOp(')')) p.error('expected , or )');
    }
    p.next();
  }
  let key: Term | null = null;
  let value: Term | null = null;
  let assign = false;
  if (p.isIdent('contains') && !p.tok.nl) {
    p.next();
    key = p.parseTerm(1);
  }
  if ((p.isOp('=') || p.isOp(':=')) && !p.tok.nl) {
    assign = p.next().text === ':=';
    value = p.parseTerm(1);
  }
  let hasIf = false;
  if (p.isIdent('if') && !p.isOp('.', p.peek())) {
    p.next();
    hasIf = true;
  }
  let body = parseRuleBody(p, hasIf);
  const last = ref[ref.length - 1];
  if (module.v1 && body !== null && !hasIf) v1BodyErrors(args !== null, !value && !key && ref.length === 2 && !(last as { dot?: boolean }).dot, loc);
  let kind: Rule['kind'] = args ? 'function' : key ? 'multi' : 'complete';
  let headRef = ref;
  if (kind === 'complete' && !value && module.regoVersion === 0 && ref.length === 2 && !(last as { dot?: boolean }).dot && !hasIf) {
    // v0: `p[x] { … }` is a partial set rule
    kind = 'multi';
    key = last;
    headRef = ref.slice(0, 1);
  }
  const head: RuleHead = { ref: headRef, args, key, value, assign, loc };
  const mk = (h: RuleHead, b: Expr[] | null, l = loc): Rule => ({
    head: h,
    body: b ?? [],
    isDefault,
    kind,
    elseRule: null,
    path: [],
    rest: [],
    slots: 0,
    module,
    loc: l,
  });
  if (body === null && !value && !key && !isDefault && kind !== 'function' && !(kind === 'multi')) {
    if (!(ref.length > 1)) p.error('expected rule body or value');
  }
  let rule = mk(head, body);
  module.rules.push(rule);
  // else chain
  let cur = rule;
  while (p.isKeyword('else')) {
    const el = p.loc();
    p.next();
    let ev: Term | null = null;
    let eassign = false;
    if (p.isOp('=') || p.isOp(':=')) {
      eassign = p.next().text === ':=';
      ev = p.parseTerm(1);
    }
    let eif = false;
    if (p.isIdent('if')) {
      p.next();
      eif = true;
    }
    const eb = parseRuleBody(p, eif);
    if (module.v1 && eb !== null && !eif) v1BodyErrors(args !== null, false, el);
    const er = mk({ ref: headRef, args, key: null, value: ev, assign: eassign, loc: el }, eb, el);
    cur.elseRule = er;
    cur = er;
  }
  // several bodies for one head: `p { a } { b }` (v0), `p if { a } { b }` (v1, where the head has `if`)
  while (p.isOp('{') && body) {
    const l2 = p.loc();
    if (module.v1 && !hasIf) v1BodyErrors(args !== null, false, l2);
    body = parseRuleBody(p, false);
    rule = mk(head, body, l2);
    module.rules.push(rule);
  }
}

export function parseQuery(src: string, regoVersion: 0 | 1, file = 'query'): Expr[] {
  const p = new TermParser(tokenize(src, file), file, regoVersion);
  const body: Expr[] = [];
  while (p.tok.kind !== 'eof') {
    body.push(p.parseExpr());
    if (p.isOp(';')) p.next();
    else if ((p.tok.kind as string) !== 'eof' && !p.tok.nl) p.error('unexpected token, expected end of expression');
  }
  if (body.length === 0) fail('rego_parse_error', 'empty query', { file, row: 1, col: 1 });
  return body;
}

/** Parse a single term (for `input_term` text and rego.parse_module-style uses). */
export function parseTermText(src: string, file = 'term'): Term {
  const p = new TermParser(tokenize(src, file), file, 1);
  const t = p.parseTerm(1);
  if (p.tok.kind !== 'eof') p.error('unexpected token after term');
  return t;
}

export type { VarTerm };
