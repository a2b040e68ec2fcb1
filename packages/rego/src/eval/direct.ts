// Direct (continuation-free) evaluation of deterministic expressions — those the safety pass marked `det`:
// they can bind variables but never enumerate. Each such expression is compiled once into closures (one per
// term, so the hot path runs monomorphic code instead of switching on node types); evalBody runs them in a
// plain loop and records the slots they bind on a trail, undone when the body returns.
import { RegoFailure, fail } from '../errors.ts';
import type { CallTerm, Expr, Term } from '../ast/types.ts';
import { ObjectValue, SetValue, compare, equal, fromJSON, isObject, type Value } from '../value/index.ts';
import { BuiltinError, invokeBuiltin, skippedBuiltins } from '../builtins/index.ts';
import { lookup } from './lookup.ts';
import { relations } from './relations/index.ts';
import type { Evaluator, Frame } from './evaluator.ts';

type TermFn = (ev: Evaluator, f: Frame) => Value | undefined;
type UnifyFn = (ev: Evaluator, v: Value, f: Frame, trail: number[]) => boolean;
export type ExprFn = (ev: Evaluator, f: Frame, trail: number[]) => boolean | null;

function captureFn(t: Term): TermFn {
  return (ev, f) => {
    let out: Value | undefined;
    ev.evalTerm(t, f, (v) => ((out = v), true));
    return out;
  };
}

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function unsafe(name: string, t: Term): never {
  fail('rego_unsafe_var_error', `var ${name.startsWith('$') ? '_' : name} is unsafe`, t.loc);
}

/** Follows static string keys: through raw JSON while the object is still lazily wrapped. */
function walkKeys(v: Value | undefined, keys: readonly string[]): Value | undefined {
  let i = 0;
  while (v !== undefined && i < keys.length) {
    if (v instanceof ObjectValue) {
      let raw: unknown = v.raw();
      if (raw !== null) {
        while (i < keys.length) {
          if (!isPlain(raw) || !Object.hasOwn(raw, keys[i])) return undefined;
          raw = raw[keys[i++]];
        }
        return raw === undefined ? undefined : fromJSON(raw);
      }
      v = v.get(keys[i++]);
    } else return undefined;
  }
  return v;
}

function compileRef(t: Extract<Term, { type: 'ref' }>): TermFn {
  const head = t.head;
  let headFn: TermFn;
  if (head.type === 'var' && head.slot >= 0) {
    const s = head.slot;
    headFn = (_ev, f) => {
      const v = f[s];
      if (v === undefined) unsafe(head.name, head);
      return v;
    };
  } else if (head.type === 'var' && head.name === 'input') headFn = (ev) => ev.input;
  else if (head.type === 'var') return captureFn(t); // data: virtual documents
  else headFn = compileTerm(head);
  const path = t.path;
  if (path.every((p) => p.type === 'scalar' && typeof p.value === 'string')) {
    const keys = path.map((p) => (p as { value: string }).value);
    return (ev, f) => walkKeys(headFn(ev, f), keys);
  }
  const keyFns = path.map(compileTerm);
  return (ev, f) => {
    let v = headFn(ev, f);
    for (let i = 0; i < keyFns.length && v !== undefined; i++) {
      const key = keyFns[i](ev, f);
      if (key === undefined) return undefined;
      v = typeof key === 'string' && v instanceof ObjectValue && v.raw() !== null ? walkKeys(v, [key]) : lookup(v, key);
    }
    return v;
  };
}

const COMPARE: Record<string, (a: Value, b: Value) => boolean> = {
  equal: (a, b) => equal(a, b),
  neq: (a, b) => !equal(a, b),
  lt: (a, b) => compare(a, b) < 0,
  gt: (a, b) => compare(a, b) > 0,
  lte: (a, b) => compare(a, b) <= 0,
  gte: (a, b) => compare(a, b) >= 0,
};

function compileCallWith(t: CallTerm, n: number): TermFn {
  const argFns = t.args.slice(0, n).map(compileTerm);
  const target = t.target!;
  const name = target.kind === 'builtin' ? target.name : '';
  const slow = (ev: Evaluator, f: Frame, args: Value[]): Value | undefined => {
    let out: Value | undefined;
    ev.callFn(t, args, f, (v) => ((out = v), true));
    return out;
  };
  const cmp = COMPARE[name];
  if (cmp && n === 2) {
    const [fa, fb] = argFns;
    return (ev, f) => {
      const a = fa(ev, f);
      if (a === undefined) return undefined;
      const b = fb(ev, f);
      if (b === undefined) return undefined;
      return ev.mocks === null ? cmp(a, b) : slow(ev, f, [a, b]);
    };
  }
  const builtin = target.kind === 'builtin' && !relations.has(name) && !skippedBuiltins.has(name);
  return (ev, f) => {
    const args: Value[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = argFns[i](ev, f);
      if (v === undefined) return undefined;
      args[i] = v;
    }
    if (!builtin || ev.mocks !== null) return slow(ev, f, args);
    try {
      return invokeBuiltin(name, args, ev.shared.bctx);
    } catch (e) {
      if (e instanceof BuiltinError) {
        if (ev.shared.bctx.strict) throw new RegoFailure([{ code: e.code, message: e.message, location: t.loc }]);
        return undefined;
      }
      throw e;
    }
  };
}

function compileItems(items: readonly Term[]): (ev: Evaluator, f: Frame) => Value[] | undefined {
  const fns = items.map(compileTerm);
  return (ev, f) => {
    const out: Value[] = new Array(fns.length);
    for (let i = 0; i < fns.length; i++) {
      const v = fns[i](ev, f);
      if (v === undefined) return undefined;
      out[i] = v;
    }
    return out;
  };
}

export function compileTerm(t: Term): TermFn {
  switch (t.type) {
    case 'scalar': {
      const v = t.value;
      return () => v;
    }
    case 'var':
      if (t.slot >= 0) {
        const s = t.slot;
        return (_ev, f) => {
          const v = f[s];
          if (v === undefined) unsafe(t.name, t);
          return v;
        };
      }
      return t.name === 'input' ? (ev) => ev.input : captureFn(t);
    case 'ref':
      return compileRef(t);
    case 'call':
      return compileCallWith(t, t.args.length);
    case 'array':
      return compileItems(t.items);
    case 'set': {
      const items = compileItems(t.items);
      return (ev, f) => {
        const vals = items(ev, f);
        if (vals === undefined) return undefined;
        const s = new SetValue();
        for (const v of vals) s.add(v);
        return s;
      };
    }
    default:
      return captureFn(t);
  }
}

/** Binds the pattern's unbound variables (recording them on the trail); false when it cannot match. */
function compileUnify(t: Term): UnifyFn {
  switch (t.type) {
    case 'scalar': {
      const x = t.value;
      return (_ev, v) => equal(x, v);
    }
    case 'var': {
      if (t.slot < 0) {
        const tf = compileTerm(t);
        return (ev, v, f) => {
          const x = tf(ev, f);
          return x !== undefined && equal(x, v);
        };
      }
      const s = t.slot;
      return (_ev, v, f, trail) => {
        const cur = f[s];
        if (cur !== undefined) return equal(cur, v);
        f[s] = v;
        trail.push(s);
        return true;
      };
    }
    case 'array': {
      const fns = t.items.map(compileUnify);
      return (ev, v, f, trail) => {
        if (!Array.isArray(v) || v.length !== fns.length) return false;
        for (let i = 0; i < fns.length; i++) if (!fns[i](ev, v[i], f, trail)) return false;
        return true;
      };
    }
    case 'object': {
      const items = t.items.map(([k, x]) => [compileTerm(k), compileUnify(x)] as const);
      return (ev, v, f, trail) => {
        if (!isObject(v) || v.size !== items.length) return false;
        for (const [kf, uf] of items) {
          const key = kf(ev, f);
          const x = key === undefined ? undefined : v.get(key);
          if (x === undefined || !uf(ev, x, f, trail)) return false;
        }
        return true;
      };
    }
    default: {
      const tf = compileTerm(t);
      return (ev, v, f) => {
        const x = tf(ev, f);
        return x !== undefined && equal(x, v);
      };
    }
  }
}

/** The closure for one deterministic expression: true / false, or null to take the CPS path after all. */
export function compileDirectExpr(e: Expr): ExprFn {
  const cps: ExprFn = (ev, f) => ev.evalExprInner(e, f, () => true);
  if (e.negated) return (ev, f) => !ev.evalExprInner(e, f, () => true);
  const b = e.body;
  switch (b.kind) {
    case 'some':
      return () => true;
    case 'term': {
      const t = b.term;
      if (t.type === 'call' && (t as CallTerm & { outArg?: boolean }).outArg) {
        const n = t.args.length - 1;
        const call = compileCallWith(t, n);
        const out = compileUnify(t.args[n]);
        return (ev, f, trail) => {
          const r = call(ev, f);
          return r !== undefined && out(ev, r, f, trail);
        };
      }
      const tf = compileTerm(t);
      return (ev, f) => {
        const v = tf(ev, f);
        return v !== undefined && v !== false;
      };
    }
    case 'unify': {
      const left = b.left;
      const right = b.right;
      const rf = compileTerm(right);
      const lu = compileUnify(left);
      const lf = compileTerm(left);
      const ru = compileUnify(right);
      return (ev, f, trail) => {
        if (ev.canEval(right, f)) {
          const v = rf(ev, f);
          return v !== undefined && lu(ev, v, f, trail);
        }
        if (ev.canEval(left, f)) {
          const v = lf(ev, f);
          return v !== undefined && ru(ev, v, f, trail);
        }
        return null;
      };
    }
    default:
      return cps;
  }
}
