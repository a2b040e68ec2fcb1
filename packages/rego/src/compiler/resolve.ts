// Name resolution: assigns every local variable a frame slot (with Rego's scoping: `:=`, `some`, function
// args and `every` declare; other vars are shared with enclosing bodies) and rewrites references to
// globals — rules of the package, imports — into refs rooted at `data`/`input`. Calls get their target:
// a user function's data path or a builtin name.
import { fail, type Location } from '../errors.ts';
import { builtinDecl } from './typecheck.ts';
import { skippedBuiltins } from '../builtins/index.ts';
import type { CallTerm, ComprTerm, Expr, Module, RefTerm, Rule, Term, VarTerm, WithModifier } from '../ast/types.ts';

export interface Globals {
  /** Rule names of a package (first segment of each head ref), by package path key. */
  rulesByPkg: Map<string, Set<string>>;
  /** Data paths (joined by \u0000) that hold user functions. */
  funcPaths: Set<string>;
}

interface Scope {
  vars: Map<string, number>;
  parent: Scope | null;
  /** Vars declared by `:=` / `some` and the index of the declaring expression: a closure in an earlier expression
   * does not see them (OPA renames a declared var from its declaration on), its same-named var is its own. */
  declaredAt?: Map<string, number>;
  /** Index of the expression being resolved. */
  at?: number;
}

export class Resolver {
  slots = 0;
  slotNames: string[] = [];
  // slots declared inside each comprehension / every body (for closure analysis by the safety pass)
  readonly locals = new Map<object, Set<number>>();
  private aliases = new Map<string, Term>();
  private pkgRules: Set<string>;
  private pkg: string[];
  private globals: Globals;
  private owner: Set<number>[] = [];

  constructor(module: Module | null, globals: Globals, pkg: string[] = module?.pkg ?? []) {
    this.globals = globals;
    this.pkg = pkg;
    this.pkgRules = globals.rulesByPkg.get(pkg.join('\u0000')) ?? new Set();
    for (const imp of module?.imports ?? []) {
      const p = imp.path;
      const head = p.type === 'ref' ? p.head : p;
      if (head.type !== 'var' || (head.name !== 'data' && head.name !== 'input')) continue;
      const path = p.type === 'ref' ? p.path : [];
      const last = path.length ? path[path.length - 1] : null;
      const name = imp.alias ?? (last && last.type === 'scalar' ? String(last.value) : head.name);
      this.aliases.set(name, p);
    }
  }

  private newSlot(name: string): number {
    const s = this.slots++;
    this.slotNames.push(name);
    for (const o of this.owner) o.add(s);
    return s;
  }

  private lookup(scope: Scope, name: string): number | undefined {
    for (let s: Scope | null = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) {
        const at = s === scope ? undefined : s.declaredAt?.get(name);
        return at !== undefined && s.at !== undefined && at > s.at ? undefined : v;
      }
    }
    return undefined;
  }

  private isGlobal(name: string): boolean {
    return name === 'data' || name === 'input' || this.aliases.has(name) || this.pkgRules.has(name);
  }

  /** Rule: args, body and head share the root scope. */
  resolveRule(rule: Rule): void {
    const scope: Scope = { vars: new Map(), parent: null };
    const declare = (t: Term) => this.declarePattern(t, scope);
    for (const a of rule.head.args ?? []) declare(a);
    this.declareBody(rule.body, scope);
    const headTerms = [...rule.head.ref.slice(1), ...(rule.head.key ? [rule.head.key] : []), ...(rule.head.value ? [rule.head.value] : [])];
    for (const t of headTerms) this.collectImplicit(t, scope);
    rule.head.args = rule.head.args?.map((t) => this.term(t, scope)) ?? null;
    rule.body = this.body(rule.body, scope);
    rule.head.ref = [rule.head.ref[0], ...rule.head.ref.slice(1).map((t) => this.term(t, scope))];
    if (rule.head.key) rule.head.key = this.term(rule.head.key, scope);
    if (rule.head.value) rule.head.value = this.term(rule.head.value, scope);
    rule.slots = this.slots;
  }

  /** Query: one root scope. */
  resolveQuery(body: Expr[]): { body: Expr[]; scope: Map<string, number> } {
    const scope: Scope = { vars: new Map(), parent: null };
    this.declareBody(body, scope);
    return { body: this.body(body, scope), scope: scope.vars };
  }

  private declarePattern(t: Term, scope: Scope): void {
    if (t.type === 'var') {
      if (!scope.vars.has(t.name)) scope.vars.set(t.name, this.newSlot(t.name));
    } else if (t.type === 'array' || t.type === 'set') t.items.forEach((i) => this.declarePattern(i, scope));
    else if (t.type === 'object') t.items.forEach(([, v]) => this.declarePattern(v, scope));
  }

  /** Declares a body's explicit locals, then its implicit vars (those not visible from enclosing scopes). */
  private declareBody(body: Expr[], scope: Scope): void {
    const declaredAt = (scope.declaredAt ??= new Map());
    body.forEach((e, i) => {
      const b = e.body;
      const before = new Set(scope.vars.keys());
      if (b.kind === 'some') b.vars.forEach((v) => scope.vars.set(v.name, this.newSlot(v.name)));
      else if (b.kind === 'unify' && b.assign) this.declareFresh(b.left, scope);
      else if (b.kind === 'someIn') {
        if (b.key) this.declareFresh(b.key, scope);
        this.declareFresh(b.value, scope);
      }
      for (const name of scope.vars.keys()) if (!before.has(name)) declaredAt.set(name, i);
    });
    for (const e of body) {
      const b = e.body;
      if (b.kind === 'term') this.collectImplicit(b.term, scope);
      else if (b.kind === 'unify') {
        this.collectImplicit(b.left, scope);
        this.collectImplicit(b.right, scope);
      } else if (b.kind === 'someIn') this.collectImplicit(b.collection, scope);
      else if (b.kind === 'every') this.collectImplicit(b.domain, scope);
      for (const w of e.with) if (!this.isBuiltinName(w.value, scope)) this.collectImplicit(w.value, scope);
    }
  }

  private declareFresh(t: Term, scope: Scope): void {
    if (t.type === 'var') {
      if (t.name.startsWith('$_')) return;
      scope.vars.set(t.name, this.newSlot(t.name));
    } else if (t.type === 'array') t.items.forEach((i) => this.declareFresh(i, scope));
    else if (t.type === 'object') t.items.forEach(([, v]) => this.declareFresh(v, scope));
  }

  private collectImplicit(t: Term, scope: Scope): void {
    switch (t.type) {
      case 'var':
        if (t.name.startsWith('$_')) return;
        if (this.lookup(scope, t.name) === undefined && !this.isGlobal(t.name)) scope.vars.set(t.name, this.newSlot(t.name));
        return;
      case 'ref':
        this.collectImplicit(t.head, scope);
        t.path.forEach((p) => this.collectImplicit(p, scope));
        return;
      case 'array':
      case 'set':
        t.items.forEach((i) => this.collectImplicit(i, scope));
        return;
      case 'object':
        t.items.forEach(([k, v]) => (this.collectImplicit(k, scope), this.collectImplicit(v, scope)));
        return;
      case 'call':
        t.args.forEach((a) => this.collectImplicit(a, scope));
        return;
      case 'template':
        t.parts.forEach((p) => typeof p !== 'string' && this.collectImplicit(p, scope));
        return;
    }
  }

  private nested<T>(key: object, fn: () => T): T {
    const set = new Set<number>();
    this.locals.set(key, set);
    this.owner.push(set);
    try {
      return fn();
    } finally {
      this.owner.pop();
    }
  }

  private body(body: Expr[], scope: Scope): Expr[] {
    const out = body.map((e, i) => ((scope.at = i), this.expr(e, scope)));
    scope.at = undefined;
    return out;
  }

  private expr(e: Expr, scope: Scope): Expr {
    const b = e.body;
    const withs: WithModifier[] = e.with.map((w) => ({
      target: this.withTarget(w.target, scope),
      value: this.isBuiltinName(w.value, scope) ? w.value : this.term(w.value, scope),
      loc: w.loc,
    }));
    let nb: Expr['body'];
    switch (b.kind) {
      case 'term':
        nb = { kind: 'term', term: this.term(b.term, scope) };
        break;
      case 'unify':
        nb = { kind: 'unify', left: this.term(b.left, scope), right: this.term(b.right, scope), assign: b.assign };
        break;
      case 'some':
        nb = { kind: 'some', vars: b.vars.map((v) => this.term(v, scope) as VarTerm) };
        break;
      case 'someIn':
        nb = { kind: 'someIn', key: b.key ? this.term(b.key, scope) : null, value: this.term(b.value, scope), collection: this.term(b.collection, scope) };
        break;
      case 'block': {
        const inner: Scope = { vars: new Map(), parent: scope };
        const out = { kind: 'block' as const, body: [] as Expr[] };
        this.nested(out, () => {
          this.declareBody(b.body, inner);
          out.body = this.body(b.body, inner);
        });
        nb = out;
        break;
      }
      case 'every': {
        const domain = this.term(b.domain, scope);
        const inner: Scope = { vars: new Map(), parent: scope };
        const marker = {};
        const res = this.nested(marker, () => {
          const key = b.key ? (this.declarePattern(b.key, inner), this.term(b.key, inner) as VarTerm) : null;
          inner.vars.set(b.value.name, this.newSlot(b.value.name));
          const value = this.term(b.value, inner) as VarTerm;
          this.declareBody(b.body, inner);
          return { key, value, body: this.body(b.body, inner) };
        });
        const out = { kind: 'every' as const, key: res.key, value: res.value, domain, body: res.body };
        this.locals.set(out, this.locals.get(marker)!);
        nb = out;
        break;
      }
    }
    return { det: false, run: null, negated: e.negated, with: withs, loc: e.loc, body: nb };
  }

  /** `with f as count`: a replacement naming a builtin stays a name (not a variable). */
  private isBuiltinName(t: Term, scope: Scope): boolean {
    const head = t.type === 'ref' ? t.head : t;
    if (head.type !== 'var' || this.lookup(scope, head.name) !== undefined || this.isGlobal(head.name)) return false;
    const name = t.type === 'ref' ? [head.name, ...t.path.map((p) => (p.type === 'scalar' ? String(p.value) : '?'))].join('.') : head.name;
    if (skippedBuiltins.has(name)) fail('rego_unsupported_builtin', `${name}: unsupported builtin: ${skippedBuiltins.get(name)}`, t.loc);
    return builtinDecl(name) !== undefined;
  }

  private withTarget(t: Term, scope: Scope): Term {
    // `with input…`/`with data…` stay as written; function names resolve like call operators.
    const head = t.type === 'ref' ? t.head : t;
    if (head.type === 'var' && (head.name === 'input' || head.name === 'data')) return this.term(t, scope);
    if (head.type === 'var' && (this.pkgRules.has(head.name) || this.aliases.has(head.name))) return this.term(t, scope);
    return t; // builtin name, left as a var/ref of names
  }

  private globalRef(name: string, loc: Location): Term | null {
    if (name === 'data' || name === 'input') return null;
    const alias = this.aliases.get(name);
    if (alias) return alias.type === 'ref' ? { ...alias, loc } : { ...alias, loc };
    if (this.pkgRules.has(name)) {
      return { type: 'ref', head: { type: 'var', name: 'data', slot: -1, loc }, path: [...this.pkg, name].map((s) => ({ type: 'scalar', value: s, loc })), loc };
    }
    return null;
  }

  term(t: Term, scope: Scope): Term {
    switch (t.type) {
      case 'scalar':
        return t;
      case 'var': {
        if (t.name.startsWith('$_')) return { ...t, slot: this.newSlot(t.name) };
        const slot = this.lookup(scope, t.name);
        if (slot !== undefined) return { ...t, slot };
        const g = this.globalRef(t.name, t.loc);
        if (g) return g;
        if (t.name === 'data' || t.name === 'input') return t;
        // implicit var seen only here (e.g. nested head term)
        scope.vars.set(t.name, this.newSlot(t.name));
        return { ...t, slot: scope.vars.get(t.name)! };
      }
      case 'ref': {
        const head = this.term(t.head, scope);
        const path = t.path.map((p) => this.term(p, scope));
        if (head.type === 'ref') return { type: 'ref', head: head.head, path: [...head.path, ...path], loc: t.loc };
        return { type: 'ref', head, path, loc: t.loc };
      }
      case 'array':
        return { ...t, items: t.items.map((i) => this.term(i, scope)) };
      case 'set':
        return { ...t, items: t.items.map((i) => this.term(i, scope)) };
      case 'object':
        return { ...t, items: t.items.map(([k, v]) => [this.term(k, scope), this.term(v, scope)] as [Term, Term]) };
      case 'template':
        return { ...t, parts: t.parts.map((p) => (typeof p === 'string' ? p : this.term(p, scope))) };
      case 'compr':
        return this.compr(t, scope);
      case 'call':
        return this.call(t, scope);
    }
  }

  private compr(t: ComprTerm, scope: Scope): Term {
    const inner: Scope = { vars: new Map(), parent: scope };
    const marker = {};
    const out = this.nested(marker, () => {
      this.declareBody(t.body, inner);
      if (t.key) this.collectImplicit(t.key, inner);
      this.collectImplicit(t.value, inner);
      const body = this.body(t.body, inner);
      return { ...t, key: t.key ? this.term(t.key, inner) : null, value: this.term(t.value, inner), body };
    });
    this.locals.set(out, this.locals.get(marker)!);
    return out;
  }

  private call(t: CallTerm, scope: Scope): Term {
    const args = t.args.map((a) => this.term(a, scope));
    const op = t.op;
    const headName = op.type === 'var' ? op.name : op.head.type === 'var' ? op.head.name : null;
    if (headName === null) fail('rego_type_error', 'invalid function call', t.loc);
    const local = this.lookup(scope, headName);
    if (local !== undefined && op.type === 'var') fail('rego_type_error', `${headName} is not a function`, t.loc);
    const resolved = this.isGlobal(headName) && headName !== 'input' ? this.term(op, { vars: new Map(), parent: null }) : null;
    if (resolved && resolved.type === 'ref' && resolved.head.type === 'var' && resolved.head.name === 'data') {
      const path: string[] = [];
      for (const p of resolved.path) {
        if (p.type !== 'scalar' || typeof p.value !== 'string') fail('rego_type_error', 'invalid function reference', t.loc);
        path.push(p.value);
      }
      return { ...t, args, target: { kind: 'func', path } };
    }
    const name = op.type === 'var' ? op.name : [op.head.type === 'var' ? op.head.name : '', ...op.path.map((p) => (p.type === 'scalar' ? String(p.value) : '?'))].join('.');
    return { ...t, args, target: { kind: 'builtin', name } };
  }
}

export type { RefTerm };
