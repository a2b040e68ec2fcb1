// Which JSON schemas apply to each rule: schemas given to compile() (`input`, or `schema.<name>` for
// annotations) and `schemas` annotations (`- input: schema.x` or an inline definition) on rules, their
// document, package or subpackages. The type checker (compiler/types/) types `input` and `data` refs by them.
import type { RegoError } from '../errors.ts';
import type { Annotation, Module, Rule } from '../ast/types.ts';

export type Binding = { root: string; prefix: string[]; schema: unknown };

function fromAnnotation(a: Annotation, rule: Rule, schemas: Record<string, unknown> | undefined, errors: RegoError[]): Binding[] {
  const out: Binding[] = [];
  for (const s of a.schemas ?? []) {
    const [root, ...prefix] = s.path;
    if (root !== 'input' && root !== 'data') continue;
    let schema: unknown = s.definition;
    if (s.schema) {
      // without a schema set (no --schema), named schemas are not resolved, as in OPA
      if (schemas === undefined) continue;
      const name = s.schema.slice(1).join('.');
      schema = schemas[name];
      if (schema === undefined) {
        // OPA reports it for each rule the annotation applies to, at the rule
        const message = `undefined schema: schema.${name}`;
        if (!errors.some((e) => e.message === message && e.location === rule.loc)) errors.push({ code: 'rego_type_error', message, location: rule.loc });
        continue;
      }
    }
    out.push({ root, prefix, schema });
  }
  return out;
}

/** The schemas that apply to each rule, in the order OPA applies them (a later one replaces or refines an
 * earlier one): the given input schema, then `schemas` annotations of subpackages scope (outermost package
 * first), package scope, document scope and the rule's own. */
export type RuleSchemas = Map<Rule, Binding[]>;

export interface SchemaOptions {
  /** The given `input` schema types input in every rule (`rego check -s input.json`); when false, given
   * schemas are only what annotations refer to (OPA's compiler corpus passes them so). */
  globalInput?: boolean;
}

const key = (path: readonly string[]) => path.join('\u0000');

/** The schemas per rule; `schemas` maps 'input' and annotation schema names to JSON schemas. Unknown schema
 * names are errors. */
export function schemaBindings(modules: readonly Module[], schemas: Record<string, unknown> | undefined, errors: RegoError[], opts: SchemaOptions = {}): RuleSchemas {
  const perRule: RuleSchemas = new Map();
  const global: Binding[] = opts.globalInput !== false && schemas?.input !== undefined ? [{ root: 'input', prefix: [], schema: schemas.input }] : [];
  const packages = new Map<string, Annotation>();
  const subpackages = new Map<string, Annotation>();
  const documents = new Map<string, Annotation>();
  for (const m of modules) {
    for (const a of m.annotations) {
      if (a.scope === 'package' && !packages.has(key(m.pkg))) packages.set(key(m.pkg), a);
      else if (a.scope === 'subpackages' && !subpackages.has(key(m.pkg))) subpackages.set(key(m.pkg), a);
      else if (a.scope === 'document' && a.target?.kind === 'rule' && !documents.has(key(a.target.rule.path))) documents.set(key(a.target.rule.path), a);
    }
  }
  for (const m of modules) {
    for (const r of m.rules) {
      const scoped: Annotation[] = [];
      for (let i = 1; i <= m.pkg.length; i++) {
        const sub = subpackages.get(key(m.pkg.slice(0, i)));
        if (sub) scoped.push(sub);
      }
      const pkg = packages.get(key(m.pkg));
      if (pkg) scoped.push(pkg);
      const doc = documents.get(key(r.path));
      if (doc) scoped.push(doc);
      scoped.push(...(r.annotations ?? []));
      const bindings = [...global, ...scoped.flatMap((a) => fromAnnotation(a, r, schemas, errors))];
      for (let x: Rule | null = r; x; x = x.elseRule) perRule.set(x, bindings);
    }
  }
  return perRule;
}
