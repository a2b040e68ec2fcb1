// OPA's AnnotationSet: annotations of all modules by rule, by package and by path (document and subpackages
// scopes share one path index, as in OPA), and the chain rego.metadata.chain() returns for a rule.
import type { RegoError } from '../errors.ts';
import type { Annotation, Module, Rule } from '../ast/types.ts';
import { annotationJSON } from '../parser/annotations.ts';

const key = (path: readonly string[]) => path.join('\u0000');

export class AnnotationSet {
  private readonly byPackage = new Map<string, Annotation>();
  private readonly byPath = new Map<string, Annotation>();
  private readonly targetPath = new Map<Annotation, readonly string[]>();

  /** Needs rule paths (the compiler's index stage); redeclared package/document/subpackages scopes are errors. */
  constructor(modules: readonly Module[], errors: RegoError[]) {
    for (const m of modules) {
      for (const a of m.annotations) {
        const path = a.target?.kind === 'rule' ? a.target.rule.path : m.pkg;
        this.targetPath.set(a, path);
        const index = a.scope === 'package' ? this.byPackage : a.scope === 'document' || a.scope === 'subpackages' ? this.byPath : null;
        if (!index) continue;
        const prev = index.get(key(path));
        if (prev) errors.push({ code: 'rego_type_error', message: `${a.scope} annotation redeclared: ${prev.loc.file}:${prev.loc.row}`, location: a.loc });
        else index.set(key(path), a);
      }
    }
  }

  private ref(a: Annotation): Record<string, unknown> {
    return { path: [...this.targetPath.get(a)!], annotations: annotationJSON(a) };
  }

  /** rego.metadata.rule(): the rule-scope block nearest the rule, or {}. */
  rule(rule: Rule): Record<string, unknown> {
    const own = rule.annotations;
    return own?.length ? annotationJSON(own[own.length - 1]) : {};
  }

  /** rego.metadata.chain(): the rule's blocks nearest first (or one entry with only the path), then document,
   * package and subpackages scopes from the nearest package outwards. Paths leave out the leading `data`. */
  chain(rule: Rule): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = rule.annotations?.length ? [...rule.annotations].reverse().map((a) => this.ref(a)) : [{ path: [...rule.path] }];
    const doc = this.byPath.get(key(rule.path));
    if (doc) out.push(this.ref(doc));
    const pkg = rule.module.pkg;
    const p = this.byPackage.get(key(pkg));
    if (p) out.push(this.ref(p));
    for (let i = pkg.length; i >= 1; i--) {
      const s = this.byPath.get(key(pkg.slice(0, i)));
      if (s) out.push(this.ref(s));
    }
    return out;
  }
}
