// Which JSON schemas apply to each rule: schemas given to compile() (`input`, or `schema.<name>` for
// annotations) and `schemas` annotations (`- input: schema.x` or an inline definition) on rules, their
// document, package or subpackages. The type checker (compiler/types/) types `input` and `data` refs by them.
import type { RegoError } from '../errors.ts';
import type { Annotation, Module, Rule } from '../ast/types.ts';

export type Binding = { root: string; prefix: string[]; schema: unknown };

function fromAnnotation(a: Annotation, schemas: Record<string, unknown> | undefined, errors: RegoError[]): Binding[] {
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

/** The schemas per rule; `schemas` maps 'input' and annotation schema names to JSON schemas. Unknown schema
 * names are errors. */
export function schemaBindings(modules: readonly Module[], schemas: Record<string, unknown> | undefined, errors: RegoError[]): RuleSchemas {
  const perRule: RuleSchemas = new Map();
  const global: Binding[] = schemas?.input !== undefined ? [{ root: 'input', prefix: [], schema: schemas.input }] : [];
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
    }
  }
  return perRule;
}

