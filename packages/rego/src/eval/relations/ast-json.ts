// rego.parse_module: parses Rego source and returns OPA's JSON form of the AST (terms as {type, value}).
// Covers `# METADATA` annotations (the module's, and each rule's own), package, imports and rules with their
// heads and bodies; locations are not included.
import type { Annotation, Expr, Module, Rule, Term } from '../../ast/types.ts';
import { annotationJSON } from '../../parser/annotations.ts';
import { parseModule } from '../../parser/parser.ts';
import { fromJSON, isNumber, toJSON, type Value } from '../../value/index.ts';

type J = Record<string, unknown>;

function scalar(v: Value): J {
  if (v === null) return { type: 'null', value: null };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (isNumber(v)) return { type: 'number', value: toJSON(v) };
  if (typeof v === 'string') return { type: 'string', value: v };
  return { type: 'unknown', value: toJSON(v) };
}

function term(t: Term): J {
  switch (t.type) {
    case 'scalar':
      return scalar(t.value);
    case 'var':
      return { type: 'var', value: t.name.startsWith('$_') ? '$' + t.name.slice(2) : t.name };
    case 'ref':
      return { type: 'ref', value: [term(t.head), ...t.path.map(term)] };
    case 'array':
      return { type: 'array', value: t.items.map(term) };
    case 'set':
      return { type: 'set', value: t.items.map(term) };
    case 'object':
      return { type: 'object', value: t.items.map(([k, v]) => [term(k), term(v)]) };
    case 'call':
      return { type: 'call', value: [term(t.op), ...t.args.map(term)] };
    case 'compr':
      return t.kind === 'object'
        ? { type: 'objectcomprehension', value: { key: term(t.key!), value: term(t.value), body: body(t.body) } }
        : { type: `${t.kind}comprehension`, value: { term: term(t.value), body: body(t.body) } };
    case 'template':
      return { type: 'templatestring', value: t.parts.map((p) => (typeof p === 'string' ? scalar(p) : term(p))) };
  }
}

const eqRef = (name: string): J => ({ type: 'ref', value: [{ type: 'var', value: name }] });

function expr(e: Expr, index: number): J {
  const b = e.body;
  let terms: unknown;
  switch (b.kind) {
    case 'term':
      terms = b.term.type === 'call' ? [term(b.term.op), ...b.term.args.map(term)] : term(b.term);
      break;
    case 'unify':
      terms = [eqRef(b.assign ? 'assign' : 'eq'), term(b.left), term(b.right)];
      break;
    case 'some':
      terms = { type: 'some', value: b.vars.map(term) };
      break;
    case 'someIn':
      terms = { type: 'some', value: [{ type: 'call', value: [eqRef(b.key ? 'internal.member_3' : 'internal.member_2'), ...(b.key ? [term(b.key)] : []), term(b.value), term(b.collection)] }] };
      break;
    case 'every':
      terms = { type: 'every', value: { key: b.key ? term(b.key) : null, value: term(b.value), domain: term(b.domain), body: body(b.body) } };
      break;
    case 'block':
      terms = body(b.body);
      break;
  }
  const out: J = { index, terms };
  if (e.negated) out.negated = true;
  if (e.with.length) out.with = e.with.map((w) => ({ target: term(w.target), value: term(w.value) }));
  return out;
}

function body(b: Expr[]): J[] {
  return b.map(expr);
}

function rule(r: Rule, annotations: readonly Annotation[]): J {
  const head: J = { name: r.head.ref[0].type === 'var' ? r.head.ref[0].name : '', ref: r.head.ref.map(term) };
  if (r.head.args) head.args = r.head.args.map(term);
  if (r.head.key) head.key = term(r.head.key);
  if (r.head.value) head.value = term(r.head.value);
  else if (r.kind !== 'multi') head.value = scalar(true); // OPA's parser makes the implicit `true` explicit
  if (r.head.assign) head.assign = true;
  const out: J = { head, body: r.body.length ? body(r.body) : [{ index: 0, terms: scalar(true) }] };
  // the `# METADATA` blocks attached to the rule, any scope, as OPA's parser attaches them
  const own = annotations.filter((a) => a.target?.kind === 'rule' && a.target.rule === r);
  if (own.length) out.annotations = own.map((a) => annotationJSON(a, true));
  if (r.isDefault) out.default = true;
  if (r.elseRule) out.else = rule(r.elseRule, annotations);
  return out;
}

export function moduleJSON(m: Module): J {
  return {
    ...(m.annotations.length ? { annotations: m.annotations.map((a) => annotationJSON(a, true)) } : {}),
    package: { path: [{ type: 'var', value: 'data' }, ...m.pkg.map((s) => scalar(s))] },
    ...(m.imports.length ? { imports: m.imports.map((i) => ({ path: term(i.path), ...(i.alias ? { alias: i.alias } : {}) })) } : {}),
    ...(m.rules.length ? { rules: m.rules.map((r) => rule(r, m.annotations)) } : {}),
  };
}

/** Throws RegoFailure (rego_parse_error) for bad source. */
export function parseModuleValue(file: string, src: string): Value {
  const version = /^\s*import\s+rego\.v1\b/m.test(src) || /\bif\b/.test(src) ? 1 : 0;
  return fromJSON(moduleJSON(parseModule(src, file, version)));
}
