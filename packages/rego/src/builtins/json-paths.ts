// json.filter, json.remove and json.patch (OPA topdown/json.go): editing documents by JSON pointer
// paths ("a/b/0", with ~0/~1 escapes) or arrays of path segments.
import type { ObjectValue, Value } from '../value/index.ts';
import { equal, isArray, isObject, isSet, makeObject, makeSet, objectEntries, setHas, setValues } from '../value/index.ts';
import { typeError } from './builtin-error.ts';
import { T_ANY, anyOf, arrayOf, fn, objectOf, setOf } from './lib/decl.ts';
import { arr, obj } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

type Path = Value[];

function parsePath(p: Value): Path {
  if (typeof p === 'string') {
    if (p === '') return [];
    return p.replace(/^\/+/, '').split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (isArray(p)) return [...p];
  throw typeError(`operand 2 must be one of {set, array} containing string paths or array of path segments but got ${p === null ? 'null' : typeof p}`);
}

function paths(v: Value): Path[] {
  const xs = isArray(v) ? v : isSet(v) ? setValues(v) : null;
  if (xs === null) throw typeError('operand 2 must be one of {set, array}');
  return xs.map(parsePath);
}

function arrayIndex(seg: Value, len: number): number | undefined {
  const n = typeof seg === 'number' ? seg : typeof seg === 'string' && /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : NaN;
  return Number.isInteger(n) && n >= 0 && n < len ? n : undefined;
}

// A filter tree: null marks "keep everything below here".
type Tree = Map<string, { seg: Value; sub: Tree | null }>;

function insert(tree: Tree, path: Path): void {
  if (path.length === 0) return;
  const [seg, ...rest] = path;
  const key = JSON.stringify(seg, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  const node = tree.get(key);
  if (rest.length === 0) {
    tree.set(key, { seg, sub: null });
    return;
  }
  if (node && node.sub === null) return;
  const sub: Tree = node?.sub ?? new Map();
  tree.set(key, { seg, sub });
  insert(sub, rest);
}

function lookup(tree: Tree, key: Value): { sub: Tree | null } | undefined {
  for (const n of tree.values()) {
    if (equal(n.seg, key)) return n;
    if (typeof key === 'number' && n.seg === String(key)) return n;
  }
  return undefined;
}

function filterValue(v: Value, tree: Tree): Value {
  if (isObject(v)) {
    const out: [Value, Value][] = [];
    for (const [k, x] of objectEntries(v)) {
      const n = lookup(tree, k);
      if (n) out.push([k, n.sub === null ? x : filterValue(x, n.sub)]);
    }
    return makeObject(out);
  }
  if (isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const n = lookup(tree, i);
      if (n) out.push(n.sub === null ? x : filterValue(x, n.sub));
    });
    return out;
  }
  if (isSet(v)) return makeSet(setValues(v).filter((x) => lookup(tree, x)));
  return v;
}

function removeValue(v: Value, tree: Tree): Value {
  if (isObject(v)) {
    const out: [Value, Value][] = [];
    for (const [k, x] of objectEntries(v)) {
      const n = lookup(tree, k);
      if (!n) out.push([k, x]);
      else if (n.sub !== null) out.push([k, removeValue(x, n.sub)]);
    }
    return makeObject(out);
  }
  if (isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const n = lookup(tree, i);
      if (!n) out.push(x);
      else if (n.sub !== null) out.push(removeValue(x, n.sub));
    });
    return out;
  }
  if (isSet(v)) return makeSet(setValues(v).filter((x) => !lookup(tree, x)));
  return v;
}

/** null: some path is empty, i.e. names the whole document. */
function treeOf(v: Value): Tree | null {
  const tree: Tree = new Map();
  for (const p of paths(v)) {
    if (p.length === 0) return null;
    insert(tree, p);
  }
  return tree;
}

// ---- json.patch (RFC 6902); any failed operation makes the call undefined, as in OPA.
class PatchFailed extends Error {}

/** OPA reads patch paths like json.filter's: the leading "/" is optional; arrays are segment lists. */
function pointer(v: Value): Path {
  if (typeof v === 'string' || isArray(v)) return parsePath(v);
  throw new PatchFailed();
}

function getAt(doc: Value, path: Path): Value {
  let cur = doc;
  for (const seg of path) {
    if (isObject(cur)) {
      const next = cur.get(seg);
      if (next === undefined) throw new PatchFailed();
      cur = next;
    } else if (isArray(cur)) {
      const i = arrayIndex(seg, cur.length);
      if (i === undefined) throw new PatchFailed();
      cur = cur[i];
    } else if (isSet(cur)) {
      if (!setHas(cur, seg)) throw new PatchFailed();
      cur = seg;
    } else throw new PatchFailed();
  }
  return cur;
}

/** Rebuilds `doc` with `edit` applied to the parent of the path's last segment. */
function editAt(doc: Value, path: Path, edit: (parent: Value, last: Value) => Value): Value {
  if (path.length === 0) throw new PatchFailed();
  const [seg, ...rest] = path;
  if (rest.length === 0) return edit(doc, seg);
  if (isObject(doc)) {
    const child = doc.get(seg);
    if (child === undefined) throw new PatchFailed();
    const out = makeObject(objectEntries(doc));
    out.set(seg, editAt(child, rest, edit));
    return out;
  }
  if (isArray(doc)) {
    const i = arrayIndex(seg, doc.length);
    if (i === undefined) throw new PatchFailed();
    const out = [...doc];
    out[i] = editAt(doc[i], rest, edit);
    return out;
  }
  if (isSet(doc)) {
    // A set member is addressed by its value; editing it replaces the member.
    if (!setHas(doc, seg)) throw new PatchFailed();
    return makeSet([...setValues(doc).filter((x) => !equal(x, seg)), editAt(seg, rest, edit)]);
  }
  throw new PatchFailed();
}

function add(doc: Value, path: Path, value: Value): Value {
  if (path.length === 0) return value;
  return editAt(doc, path, (parent, last) => {
    if (isObject(parent)) {
      const out = makeObject(objectEntries(parent));
      out.set(last, value);
      return out;
    }
    if (isArray(parent)) {
      const i = last === '-' ? parent.length : arrayIndex(last, parent.length + 1);
      if (i === undefined) throw new PatchFailed();
      return [...parent.slice(0, i), value, ...parent.slice(i)];
    }
    if (isSet(parent)) {
      // The path names the member itself, so it must agree with the value.
      if (!equal(last, value)) throw new PatchFailed();
      return makeSet([...setValues(parent), value]);
    }
    throw new PatchFailed();
  });
}

function remove(doc: Value, path: Path): Value {
  return editAt(doc, path, (parent, last) => {
    if (isObject(parent)) {
      if (parent.get(last) === undefined) throw new PatchFailed();
      return makeObject(objectEntries(parent).filter(([k]) => !equal(k, last)));
    }
    if (isArray(parent)) {
      const i = arrayIndex(last, parent.length);
      if (i === undefined) throw new PatchFailed();
      return [...parent.slice(0, i), ...parent.slice(i + 1)];
    }
    if (isSet(parent)) {
      if (!setHas(parent, last)) throw new PatchFailed();
      return makeSet(setValues(parent).filter((x) => !equal(x, last)));
    }
    throw new PatchFailed();
  });
}

function applyOp(doc: Value, op: Value): Value {
  if (!isObject(op)) throw new PatchFailed();
  const kind = op.get('op');
  const path = op.get('path');
  if (path === undefined) throw new PatchFailed();
  const p = pointer(path);
  const value = op.get('value');
  const from = (): Path => {
    const f = op.get('from');
    if (f === undefined) throw new PatchFailed();
    return pointer(f);
  };
  switch (kind) {
    case 'add':
      if (value === undefined) throw new PatchFailed();
      return add(doc, p, value);
    case 'remove':
      return remove(doc, p);
    case 'replace':
      if (value === undefined) throw new PatchFailed();
      getAt(doc, p);
      return p.length === 0 ? value : add(remove(doc, p), p, value);
    case 'move': {
      const f = from();
      const v = getAt(doc, f);
      if (f.length < p.length && f.every((s, i) => equal(s, p[i]))) throw new PatchFailed();
      return add(remove(doc, f), p, v);
    }
    case 'copy':
      return add(doc, p, getAt(doc, from()));
    case 'test':
      if (value === undefined || !equal(getAt(doc, p), value)) throw new PatchFailed();
      return doc;
    default:
      throw new PatchFailed();
  }
}

export const jsonPathBuiltins: BuiltinTable = {
  'json.filter': {
    decl: fn('json.filter', [objectOf(), anyOf(setOf(), arrayOf())], objectOf()),
    impl: (a) => {
      const o = obj(a, 0) as ObjectValue;
      const tree = treeOf(a[1]);
      return tree === null ? o : filterValue(o, tree);
    },
  },
  'json.remove': {
    decl: fn('json.remove', [objectOf(), anyOf(setOf(), arrayOf())], objectOf()),
    impl: (a) => {
      const o = obj(a, 0) as ObjectValue;
      const tree = treeOf(a[1]);
      return tree === null ? makeObject([]) : removeValue(o, tree);
    },
  },
  'json.patch': {
    decl: fn('json.patch', [T_ANY, arrayOf(objectOf())], T_ANY),
    impl: (a) => {
      let doc = a[0];
      try {
        for (const op of arr(a, 1)) doc = applyOp(doc, op);
      } catch (e) {
        if (e instanceof PatchFailed) return undefined;
        throw e;
      }
      return doc;
    },
  },
};
