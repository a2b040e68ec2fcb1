// Type checking of `input` and `data` references against JSON schemas, the part of OPA's schema support this
// engine has: schemas given to compile() (`input`, or `schema.<name>` for annotations) and `schemas`
// annotations (`- input: schema.x` or an inline definition) on rules, their document, package or subpackages.
// A reference through a key the schema's object does not declare (and whose additionalProperties is not
// open) is OPA's `undefined ref` type error. Not checked: types of values flowing through rules, functions
// and built-ins (OPA infers those too).
import type { RegoError } from '../errors.ts';
import type { Annotation, Module, Rule, Term } from '../ast/types.ts';
import { walkExpr, walkTerm } from '../ast/walk.ts';

type Schema = Record<string, unknown>;
const isObj = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

function deref(s: unknown, root: unknown): unknown {
  let cur = s;
  for (let i = 0; i < 32 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith('#/')) return {}; // remote references are not followed: anything goes
    cur = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((o, k) => (isObj(o) ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
  }
  return cur;
}

/** The schema of `key` inside `s`: a schema, `open` when anything is allowed, or null when the key is undefined. */
function child(s: unknown, key: Term, root: unknown): unknown | 'open' | null {
  const d = deref(s, root);
  if (!isObj(d)) return 'open';
  for (const comb of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(d[comb])) return 'open';
  const props = isObj(d.properties) ? d.properties : null;
  const isObject = d.type === 'object' || props !== null;
  if (key.type === 'scalar' && typeof key.value === 'string' && isObject) {
    if (props && key.value in props) return props[key.value];
    if (d.additionalProperties === undefined || d.additionalProperties === false) return props ? null : 'open';
    return isObj(d.additionalProperties) ? d.additionalProperties : 'open';
  }
  if (d.type === 'array') return isObj(d.items) ? d.items : 'open';
  return 'open';
}

function keysOf(s: unknown, root: unknown): string[] {
  const d = deref(s, root);
  return isObj(d) && isObj(d.properties) ? Object.keys(d.properties).sort() : [];
}

function checkRef(t: Term, rootName: string, prefix: string[], schema: unknown, errors: RegoError[]): void {
  if (t.type !== 'ref' || t.head.type !== 'var' || t.head.name !== rootName) return;
  const segs = t.path;
  // skip the path the schema is attached to (`data.x.y` for a schema on data.x.y)
  for (let i = 0; i < prefix.length; i++) {
    const s = segs[i];
    if (!s || s.type !== 'scalar' || s.value !== prefix[i]) return;
  }
  let cur: unknown = schema;
  for (let i = prefix.length; i < segs.length; i++) {
    const next = child(cur, segs[i], schema);
    if (next === 'open') return;
    if (next === null) {
      const text = rootName + segs.slice(0, i + 1).map((s) => (s.type === 'scalar' && typeof s.value === 'string' ? '.' + s.value : '[_]')).join('');
      const key = (segs[i] as { value: string }).value;
      const caret = ' '.repeat(text.length - key.length) + '^';
      const want = keysOf(cur, schema).map((k) => JSON.stringify(k)).join(' ');
      errors.push({ code: 'rego_type_error', message: `undefined ref: ${text}\n\t${text}\n\t${caret}\n\thave: ${JSON.stringify(key)}\n\twant (one of): [${want}]`, location: segs[i].loc });
      return;
    }
    cur = next;
  }
}

function ruleTerms(r: Rule, fn: (t: Term) => void): void {
  const h = r.head;
  for (const t of [...h.ref.slice(1), ...(h.args ?? []), ...(h.key ? [h.key] : []), ...(h.value ? [h.value] : [])]) walkTerm(t, fn, true);
  r.body.forEach((e) => walkExpr(e, fn));
  if (r.elseRule) ruleTerms(r.elseRule, fn);
}

export type Binding = { root: string; prefix: string[]; schema: unknown };

function fromAnnotation(a: Annotation, schemas: Record<string, unknown>, errors: RegoError[]): Binding[] {
  const out: Binding[] = [];
  for (const s of a.schemas ?? []) {
    const [root, ...prefix] = s.path;
    if (root !== 'input' && root !== 'data') continue;
    let schema: unknown = s.definition;
    if (s.schema) {
      const name = s.schema.slice(1).join('.');
      schema = schemas[name];
      if (schema === undefined) {
        errors.push({ code: 'rego_type_error', message: `undefined schema: schema.${name}`, location: a.loc });
        continue;
      }
    }
    out.push({ root, prefix, schema });
  }
  return out;
}

/** The schemas that apply to each rule, most specific path first. */
export type RuleSchemas = Map<Rule, Binding[]>;

/** Checks every rule of the modules; `schemas` maps 'input' and annotation schema names to JSON schemas. Returns
 * the schemas per rule, for the type checker to type `input` references by. */
export function checkSchemas(modules: readonly Module[], schemas: Record<string, unknown>, errors: RegoError[]): RuleSchemas {
  const perRule: RuleSchemas = new Map();
  const global: Binding[] = schemas.input !== undefined ? [{ root: 'input', prefix: [], schema: schemas.input }] : [];
  // package-level annotations (package, subpackages) and document annotations apply to the rules under them
  const pkgLevel = new Map<string, Binding[]>();
  for (const m of modules) for (const a of m.annotations) if (a.target?.kind === 'package') pkgLevel.set(m.pkg.join('.'), [...(pkgLevel.get(m.pkg.join('.')) ?? []), ...fromAnnotation(a, schemas, errors)]);
  for (const m of modules) {
    const docLevel = new Map<string, Binding[]>();
    for (const a of m.annotations) if (a.scope === 'document' && a.target?.kind === 'rule') docLevel.set(a.target.rule.path.join('.'), fromAnnotation(a, schemas, errors));
    for (const r of m.rules) {
      const own = (r.annotations ?? []).flatMap((a) => fromAnnotation(a, schemas, errors));
      const pkgs: Binding[] = [];
      for (let i = m.pkg.length; i >= 1; i--) pkgs.push(...(pkgLevel.get(m.pkg.slice(0, i).join('.')) ?? []));
      // nearest declaration of a root wins: the rule's own, then its document, then packages, then the global one
      const bindings = [...own, ...(docLevel.get(r.path.join('.')) ?? []), ...pkgs, ...global];
      const seen = new Set<string>();
      const active = bindings.filter((b) => {
        const k = [b.root, ...b.prefix].join('.');
        return seen.has(k) ? false : (seen.add(k), true);
      });
      // a ref is checked by the most specific schema whose path it starts with (input.user's own schema
      // replaces that part of input's)
      active.sort((a, b) => b.prefix.length - a.prefix.length);
      for (let x: Rule | null = r; x; x = x.elseRule) perRule.set(x, active);
      if (active.length)
        ruleTerms(r, (t) => {
          const b = active.find((x) => under(t, x));
          if (b) checkRef(t, b.root, b.prefix, b.schema, errors);
        });
    }
  }
  return perRule;
}

function under(t: Term, b: Binding): boolean {
  return t.type === 'ref' && t.head.type === 'var' && t.head.name === b.root && b.prefix.every((k, i) => t.path[i]?.type === 'scalar' && (t.path[i] as { value: unknown }).value === k);
}

const JSON_TYPES: Record<string, string> = { string: 'string', number: 'number', integer: 'number', boolean: 'boolean', array: 'array', object: 'object', null: 'null' };

/** The type (string, number, …) a schema gives a reference with constant keys, or null when it does not say. */
export function schemaType(bindings: Binding[], t: Term): string | null {
  if (t.type !== 'ref') return null;
  const b = bindings.find((x) => under(t, x));
  if (!b) return null;
  let cur: unknown = b.schema;
  for (let i = b.prefix.length; i < t.path.length; i++) {
    const next = child(cur, t.path[i], b.schema);
    if (next === 'open' || next === null) return null;
    cur = next;
  }
  const d = deref(cur, b.schema);
  return isObj(d) && typeof d.type === 'string' ? (JSON_TYPES[d.type] ?? null) : null;
}
