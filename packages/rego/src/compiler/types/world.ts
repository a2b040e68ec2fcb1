// The type environment of a compilation (OPA's TypeEnv for rules): the types of rule documents and user
// functions, learned from their bodies. OPA checks rules in dependency order; here every rule is inferred
// repeatedly until no type changes (a fixpoint), so rules may refer to rules and functions defined later in
// the module or in other modules. Then every rule is checked once more against the final environment, and
// that pass reports the errors.
import type { Module, Rule, Term } from '../../ast/types.ts';
import type { RegoError } from '../../errors.ts';
import { fromSchema } from '../../types/from.ts';
import { A, B, compareKeys, fnT, objectT, or, setT, typeString, type Key, type Ty, type Type } from '../../types/types.ts';
import { overlaps, refPath, walkShallow } from './terms.ts';
import { walkExpr, walkTerm } from '../../ast/walk.ts';
import type { Binding, RuleSchemas } from '../schemas.ts';
import { BodyChecker, jsonKey, type DataNode, type TypeWorld } from './check.ts';

class Node implements DataNode {
  type: Ty = null;
  isFunc = false;
  /** Rule paths ending at or under this node. */
  leaves = 0;
  private readonly kids = new Map<string, [Key, Node]>();
  child(k: Key): Node | undefined {
    return this.kids.get(JSON.stringify(k))?.[1];
  }
  ensure(k: Key): Node {
    const id = JSON.stringify(k);
    let c = this.kids.get(id);
    if (!c) this.kids.set(id, (c = [k, new Node()]));
    return c[1];
  }
  keys(): Key[] {
    return [...this.kids.values()].map(([k]) => k);
  }
}

/** The tree as the rule at `self` sees it. OPA checks rules in dependency order and a rule sees the documents
 * of the rules checked before it: never its own, so a branch holding only the rule itself is not there. */
class View implements DataNode {
  private readonly node: Node;
  private readonly self: readonly Key[] | null;
  constructor(node: Node, self: readonly Key[] | null) {
    this.node = node;
    this.self = self;
  }
  get type(): Ty {
    return this.node.type;
  }
  get isFunc(): boolean {
    return this.node.isFunc;
  }
  child(k: Key): DataNode | undefined {
    const c = this.node.child(k);
    if (!c) return undefined;
    if (this.self && this.self.length && JSON.stringify(this.self[0]) === JSON.stringify(k)) {
      const own = ownLeaves(c, this.self.slice(1));
      if (c.leaves - own <= 0) return undefined;
      return new View(c, this.self.slice(1));
    }
    return new View(c, null);
  }
  keys(): Key[] {
    return this.node.keys().filter((k) => this.child(k) !== undefined);
  }
}

function ownLeaves(n: Node, rest: readonly Key[]): number {
  let cur: Node | undefined = n;
  for (const k of rest) cur = cur?.child(k);
  if (!cur) return 0;
  let below = 0;
  for (const k of cur.keys()) below += cur.child(k)?.leaves ?? 0;
  return cur.leaves - below;
}

/** OPA's mergeTypes for several definitions of one document: partial sets and dynamic objects merge their
 * element types; anything else is a union. */
function merge(a: Ty, b: Ty): Ty {
  if (a === null) return b;
  if (b === null) return a;
  if (a.k === 'set' && b.k === 'set') return setT(or(a.of, b.of));
  if (a.k === 'object' && b.k === 'object' && !a.static.length && !b.static.length && a.dynamic && b.dynamic) {
    return objectT([], { key: or(a.dynamic.key, b.dynamic.key), value: merge(a.dynamic.value, b.dynamic.value) });
  }
  return or(a, b);
}

function constRest(rule: Rule): Key[] {
  const out: Key[] = [];
  for (const t of rule.rest) {
    if (t.type !== 'scalar' || (t.value !== null && typeof t.value === 'object')) break;
    out.push(jsonKey(t.value));
  }
  return out;
}

const schemaTypes = new WeakMap<object, Type>();
function schemaType(b: Binding): Type {
  if (typeof b.schema !== 'object' || b.schema === null) return A;
  let t = schemaTypes.get(b.schema);
  if (!t) schemaTypes.set(b.schema, (t = fromSchema(b.schema)));
  return t;
}

/** The schema-typed documents of one rule: `input`/`data` paths with their types, after OPA's way of applying
 * schemas in order (checkRule): a schema for a path under one already typed refines that type (override);
 * otherwise it is put at its path, replacing what was there. */
type SchemaEntry = { root: string; path: Key[]; type: Type };

function samePath(a: readonly Key[], b: readonly Key[]): boolean {
  return a.length === b.length && a.every((k, i) => compareKeys(k, b[i]) === 0);
}

function objectPath(keys: readonly Key[], o: Type, dyn: Extract<Type, { k: 'object' }>['dynamic']): Type {
  return objectT([[keys[0], keys.length === 1 ? o : objectPath(keys.slice(1), o, dyn)]], dyn);
}

/** OPA's override: t with the member at `keys` replaced by (or extended with) o. */
function override(keys: readonly Key[], t: Type, o: Type): Type {
  if (t.k !== 'object') return objectPath(keys, o, { key: A, value: A });
  let found = false;
  const st: (readonly [Key, Ty])[] = t.static.map(([k, v]): readonly [Key, Ty] => {
    if (compareKeys(k, keys[0]) !== 0) return [k, v];
    found = true;
    return [k, keys.length === 1 || v === null ? o : override(keys.slice(1), v, o)];
  });
  if (!found) st.push(...(objectPath(keys, o, t.dynamic) as Extract<Type, { k: 'object' }>).static);
  return objectT(st, t.dynamic);
}

function schemaEnv(bindings: readonly Binding[]): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  const at = (root: string, path: readonly Key[]) => entries.findIndex((e) => e.root === root && samePath(e.path, path));
  const put = (root: string, path: Key[], type: Type) => {
    const i = at(root, path);
    if (i >= 0) entries.splice(i, 1);
    entries.push({ root, path, type });
  };
  for (const b of bindings) {
    const t = schemaType(b);
    let prefix = -1;
    for (let n = 0; n < b.prefix.length; n++) {
      if (at(b.root, b.prefix.slice(0, n)) >= 0) {
        prefix = n;
        break;
      }
    }
    if (prefix < 0) put(b.root, [...b.prefix], t);
    else put(b.root, b.prefix.slice(0, prefix), override(b.prefix.slice(prefix), entries[at(b.root, b.prefix.slice(0, prefix))].type, t));
  }
  return entries;
}

/** The type a schema gives the shortest typed prefix of `keys` under `root`. */
function lookup(entries: readonly SchemaEntry[], root: string, keys: readonly Key[]): { type: Type; consumed: number } | null {
  for (let n = 0; n <= keys.length; n++) {
    const e = entries.find((x) => x.root === root && samePath(x.path, keys.slice(0, n)));
    if (e) return { type: e.type, consumed: n };
  }
  return null;
}

export interface TypeCheckOptions {
  /** Schemas in force per rule (from `schemas` annotations and given schemas). */
  schemas: RuleSchemas | null;
}

function forEachRule(modules: readonly Module[], fn: (r: Rule, top: Rule) => void): void {
  for (const m of modules) for (const r of m.rules) for (let x: Rule | null = r; x; x = x.elseRule) fn(x, r);
}

/** Checks the types of every rule; returns OPA's type errors, sorted by location. */
export function checkModuleTypes(modules: readonly Module[], opts: TypeCheckOptions): RegoError[] {
  let docs = new Map<string, Ty>(); // dotted data path (with constant ref-head keys) → document type
  let funcs = new Map<string, Type>();
  const envs = new Map<readonly Binding[], SchemaEntry[]>();
  const reads = documentReads(modules);
  const dependsOn = (path: string, targets: readonly string[]): boolean => {
    const seen = new Set<string>();
    const visit = (p: string): boolean => {
      if (seen.has(p)) return false;
      seen.add(p);
      for (const [doc, refs] of reads) {
        if (!overlaps(doc, p)) continue;
        for (const q of refs) if (targets.some((t) => overlaps(t, q)) || visit(q)) return true;
      }
      return false;
    };
    return targets.length > 0 && visit(path);
  };
  const worldFor = (rule: Rule, dataRoot: Node): TypeWorld => {
    const bindings = opts.schemas?.get(rule) ?? [];
    let entries = envs.get(bindings);
    if (!entries) envs.set(bindings, (entries = schemaEnv(bindings)));
    return {
      data: { root: new View(dataRoot, [...rule.path, ...constRest(rule)]) },
      input: (keys) => lookup(entries, 'input', keys),
      dataSchema: (keys) => lookup(entries, 'data', keys),
      func: (p) => funcs.get(p),
      dependsOn,
    };
  };
  const buildTree = (): Node => {
    const root = new Node();
    forEachRule(modules, (r) => {
      let n = root;
      n.leaves++;
      for (const k of [...r.path, ...constRest(r)]) (n = n.ensure(k)).leaves++;
      if (r.kind === 'function') {
        n.isFunc = true;
        n.type = funcs.get(r.path.join('.')) ?? A;
      } else {
        const id = [...r.path, ...constRest(r)].join('\u0000');
        n.type = docs.get(id) ?? A;
      }
    });
    return root;
  };
  // 1. infer to a fixpoint (errors ignored: a rule whose body does not check is of any type, as in OPA)
  for (let round = 0; round < 10; round++) {
    const root = buildTree();
    const nextDocs = new Map<string, Ty>();
    const nextFuncs = new Map<string, Type>();
    forEachRule(modules, (r) => {
      const c = new BodyChecker(worldFor(r, root));
      const errs = [...c.checkBody(r.body), ...checkHead(c, r)];
      const fixed = constRest(r).length;
      const t: Ty = errs.length ? A : headType(c, r, fixed);
      if (r.kind === 'function') {
        const p = r.path.join('.');
        const prev = nextFuncs.get(p);
        const merged = prev ? (or(prev, t) ?? A) : (t ?? A);
        nextFuncs.set(p, merged);
      } else {
        const id = [...r.path, ...constRest(r)].join('\u0000');
        nextDocs.set(id, merge(nextDocs.get(id) ?? null, t ?? A));
      }
    });
    const same = sameTypes(docs, nextDocs) && sameTypes(funcs, nextFuncs);
    docs = nextDocs;
    funcs = nextFuncs;
    if (same) break;
  }
  // 2. check against the final environment, reporting
  const root = buildTree();
  const errors: RegoError[] = [];
  forEachRule(modules, (r) => {
    const c = new BodyChecker(worldFor(r, root));
    errors.push(...c.checkBody(r.body), ...checkHead(c, r));
  });
  return errors;
}

/** What each rule document (dotted `data.…` path) reads: refs into data and input, user function calls. */
function documentReads(modules: readonly Module[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  forEachRule(modules, (r) => {
    const doc = ['data', ...r.path].join('.');
    let set = out.get(doc);
    if (!set) out.set(doc, (set = new Set()));
    const onTerm = (t: Term) => {
      if (t.type === 'ref' && t.head.type === 'var' && t.head.slot < 0 && (t.head.name === 'data' || t.head.name === 'input')) set.add(refPath(t));
      else if (t.type === 'call' && t.target?.kind === 'func') set.add(['data', ...t.target.path].join('.'));
    };
    r.body.forEach((e) => walkExpr(e, onTerm));
    for (const t of [...(r.head.key ? [r.head.key] : []), ...(r.head.value ? [r.head.value] : [])]) walkTerm(t, onTerm, true);
  });
  return out;
}

/** Head terms are checked after the body (OPA moves calls and refs out of heads into the body). */
function checkHead(c: BodyChecker, r: Rule): RegoError[] {
  const terms: Term[] = [...r.rest, ...(r.head.key ? [r.head.key] : []), ...(r.head.value ? [r.head.value] : [])];
  return terms.length ? c.checkTerms(terms) : [];
}

function sameTypes(a: ReadonlyMap<string, Ty>, b: ReadonlyMap<string, Ty>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || typeString(b.get(k)!) !== typeString(v)) return false;
  return true;
}

/** The type of a rule's document (or function) after its body was checked by `c`. */
function headType(c: BodyChecker, rule: Rule, dynamicFrom = 0): Ty {
  const h = rule.head;
  if (rule.kind === 'function') {
    const args = (h.args ?? []).map((a) => {
      walkShallow(a, (x) => {
        if (x.type === 'var' && x.slot >= 0 && !c.vars.has(x.slot)) c.vars.set(x.slot, A);
      });
      return c.typeOf(a);
    });
    return fnT(args, h.value ? c.typeOf(h.value) : B);
  }
  let v: Ty;
  if (rule.kind === 'multi') {
    const k = h.key ? c.typeOf(h.key) : null;
    v = k === null ? null : setT(k);
  } else v = h.value ? c.typeOf(h.value) : B;
  for (let i = rule.rest.length - 1; i >= dynamicFrom; i--) {
    const k = c.typeOf(rule.rest[i]);
    if (v === null || k === null) return null;
    v = objectT([], { key: k, value: v });
  }
  return v;
}
