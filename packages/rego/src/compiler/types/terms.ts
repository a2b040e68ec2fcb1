// Term helpers of the type checker: walks that stop at closures, constant keys, the extent of a data node.
import type { Term } from '../../ast/types.ts';
import { A, compareKeys, objectT, or, S, typeOfKey, type Key, type Ty, type Type } from '../../types/types.ts';

/** What the checker knows outside the body: documents under `data` (rules, schema-typed base documents),
 * `input`, and user functions. */
export interface TypeWorld {
  /** The type node for a ground data path prefix; see DataTypes (world.ts). */
  data: DataLookup;
  /** The input type for this rule (from schemas), or null when input is untyped. */
  input: (path: readonly Key[]) => { type: Type; consumed: number } | null;
  /** Schema-typed base documents under data: the type of the longest bound prefix. */
  dataSchema: (path: readonly Key[]) => { type: Type; consumed: number } | null;
  /** Whether the rules at or under a dotted data path read (through other rules too) any of the paths. */
  dependsOn: (path: string, targets: readonly string[]) => boolean;
  /** User function signature by data path (dotted), or undefined when not known (yet). */
  func: (path: string) => Type | undefined;
}

export interface DataNode {
  /** Leaf type (a rule's document, a function), or null for an inner node (package). */
  readonly type: Ty;
  readonly isFunc: boolean;
  child(k: Key): DataNode | undefined;
  keys(): Key[];
}

export interface DataLookup {
  root: DataNode;
}


/** A ref or name as a dotted path up to its first non-string key (`data.p.q`, `input.user`, `http.send`). */
export function refPath(t: Term): string {
  if (t.type === 'var') return t.name;
  if (t.type !== 'ref' || t.head.type !== 'var') return '';
  const keys = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') break;
    keys.push(p.value);
  }
  return keys.join('.');
}

/** One dotted path is the other or under it. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(b + '.') || b.startsWith(a + '.');
}

/** `data.a.b` for a ref into data with constant string keys, else null. */
export function dataPath(t: Term): string | null {
  if (t.type !== 'ref' || t.head.type !== 'var' || t.head.name !== 'data' || t.head.slot >= 0) return null;
  const keys: string[] = [];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return null;
    keys.push(p.value);
  }
  return ['data', ...keys].join('.');
}

export const isConstKey = (t: Term): t is Term & { type: 'scalar' } => t.type === 'scalar';

/** OPA's getRefRecExtent for a package or a prefix of rule paths: an object of whatever keys the children
 * have (base documents may add any string key). Children are not listed statically: base data can sit
 * beside the rules, so a literal object need not have the same keys. */
export function extent(node: DataNode): Type {
  if (node.type !== null) return node.type;
  let key: Ty = S;
  for (const k of node.keys()) key = or(key, typeOfKey(k));
  return objectT([], { key, value: A });
}

export function sortedKeys(node: DataNode): Key[] {
  return node.keys().sort(compareKeys);
}

export function oneOfType(t: Ty): Key[] | null {
  if (t === null) return null;
  if (t.k === 'object') return t.static.map(([k]) => k).sort(compareKeys);
  if (t.k === 'any') {
    const out: Key[] = [];
    for (const m of t.of) for (const k of oneOfType(m) ?? []) if (!out.some((x) => compareKeys(x, k) === 0)) out.push(k);
    return out.sort(compareKeys);
  }
  return null;
}

/** A scalar key as the checker compares it (bigints and exact decimals as numbers). */
export function jsonKey(v: unknown): Key {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return Number(String(v));
}

export function constPrefix(path: readonly Term[]): Key[] {
  const out: Key[] = [];
  for (const p of path) {
    if (!isConstKey(p) || (p.value !== null && typeof p.value === 'object')) break;
    out.push(jsonKey(p.value));
  }
  return out;
}

export function sameConst(a: Term, b: Term): boolean {
  return isConstKey(a) && isConstKey(b) && compareKeys(jsonKey(a.value), jsonKey(b.value)) === 0 && typeof a.value === typeof b.value;
}

/** Visits sub-terms before the term, not descending into closures. */
export function walkPost(t: Term, fn: (t: Term) => void): void {
  children(t, (c) => walkPost(c, fn));
  fn(t);
}

/** Visits a term and then its sub-terms, not descending into closures (they are checked apart). */
export function walkShallow(t: Term, fn: (t: Term) => void): void {
  fn(t);
  children(t, (c) => walkShallow(c, fn));
}

function children(t: Term, fn: (t: Term) => void): void {
  switch (t.type) {
    case 'ref':
      fn(t.head);
      t.path.forEach(fn);
      return;
    case 'array':
    case 'set':
      t.items.forEach(fn);
      return;
    case 'object':
      t.items.forEach(([k, v]) => (fn(k), fn(v)));
      return;
    case 'call':
      t.args.forEach(fn);
      return;
    case 'template':
      t.parts.forEach((p) => typeof p !== 'string' && fn(p));
      return;
    default:
      return;
  }
}
