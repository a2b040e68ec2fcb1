// Top-down evaluation with backtracking in continuation-passing style: every evaluation step calls its
// continuation once per solution; a continuation returning true stops the enumeration (early exit).
// Bindings live in a frame (one slot per variable) and are undone when the continuation returns.
import { RegoFailure, fail, type Location } from '../errors.ts';
import type { CallTerm, Expr, Term, TemplateTerm } from '../ast/types.ts';
import { ObjectValue, SetValue, equal, formatValue, isObject, type Value } from '../value/index.ts';
import { BuiltinError, invokeBuiltin, skippedBuiltins, type BuiltinContext } from '../builtins/index.ts';
import type { RuleNode } from '../compiler/ruletree.ts';
import { iterate, lookup } from './lookup.ts';
import { callUserFunction, evalDataRef } from './docs.ts';
import { evalWith, type Mock } from './with.ts';
import { relations } from './relations/index.ts';
import { compileDirectExpr, type ExprFn } from './direct.ts';

export type Frame = (Value | undefined)[];
export type K = () => boolean;
export type VK = (v: Value) => boolean;

/** State shared by an evaluation and all its `with` children. */
export interface Shared {
  steps: number;
  maxSteps: number;
  deadline: number; // ms since epoch, Infinity = none
  bctx: BuiltinContext;
  print: (msg: string) => void;
  /** Coverage: told of every expression evaluated (null on the usual path). */
  onExpr: ((loc: Location) => void) | null;
}

const UNDEF = Symbol('undefined');
const BUSY = Symbol('busy');
export type Cached = Value | typeof UNDEF | typeof BUSY;
export { UNDEF, BUSY };

function undo(f: Frame, trail: number[], mark: number): void {
  while (trail.length > mark) f[trail.pop()!] = undefined;
}

export class Evaluator {
  readonly trail: number[] = [];
  input: Value | undefined;
  data: Value;
  readonly root: RuleNode;
  readonly shared: Shared;
  masked: Set<string> | null = null;
  mocks: Map<string, Mock> | null = null;
  cache = new Map<RuleNode, Cached>();

  constructor(root: RuleNode, data: Value, input: Value | undefined, shared: Shared) {
    this.root = root;
    this.data = data;
    this.input = input;
    this.shared = shared;
  }

  child(): Evaluator {
    const c = new Evaluator(this.root, this.data, this.input, this.shared);
    c.masked = this.masked;
    c.mocks = this.mocks;
    return c;
  }

  tick(loc: Location): void {
    const s = this.shared;
    if (++s.steps > s.maxSteps) fail('eval_limit_error', `evaluation exceeded the step limit (${s.maxSteps} steps)`, loc);
    if ((s.steps & 1023) === 0 && Date.now() > s.deadline) fail('eval_limit_error', 'evaluation exceeded the time limit', loc);
    if (s.onExpr !== null) s.onExpr(loc);
  }

  evalBody(body: readonly Expr[], i: number, f: Frame, k: K): boolean {
    const n = body.length;
    const trail = this.trail;
    const mark = trail.length;
    // deterministic expressions run in a loop, without continuations
    while (i < n && body[i].det) {
      const e = body[i];
      this.tick(e.loc);
      const ok = ((e.run ??= compileDirectExpr(e)) as ExprFn)(this, f, trail);
      if (ok === null) break;
      if (!ok) {
        undo(f, trail, mark);
        return false;
      }
      i++;
    }
    let r: boolean;
    if (i === n) {
      if (n > 0) this.tick(body[n - 1].loc); // each solution counts, so enumeration alone cannot run away
      r = k();
    } else {
      const j = i;
      r = this.evalExpr(body[j], f, () => this.evalBody(body, j + 1, f, k));
    }
    undo(f, trail, mark);
    return r;
  }

  evalExpr(e: Expr, f: Frame, k: K): boolean {
    this.tick(e.loc);
    if (e.with.length > 0) return evalWith(this, e, f, k);
    return this.evalExprNoWith(e, f, k);
  }

  evalExprNoWith(e: Expr, f: Frame, k: K): boolean {
    if (e.negated) return this.evalExprInner(e, f, () => true) ? false : k();
    return this.evalExprInner(e, f, k);
  }

  evalExprInner(e: Expr, f: Frame, k: K): boolean {
    const b = e.body;
    switch (b.kind) {
      case 'term': {
        const t = b.term;
        if (t.type === 'call' && (t as CallTerm & { outArg?: boolean }).outArg) {
          const out = t.args[t.args.length - 1];
          return this.evalArgs(t.args, t.args.length - 1, f, (vals) => this.callFn(t, vals, f, (r) => this.unifyValue(out, r, f, k)));
        }
        return this.evalTerm(t, f, (v) => (v === false ? false : k()));
      }
      case 'unify':
        return this.unify(b.left, b.right, f, k);
      case 'some':
        return k();
      case 'block':
        return this.evalBody(b.body, 0, f, k);
      case 'someIn':
        return this.evalTerm(b.collection, f, (coll) =>
          iterate(coll, (key, val) =>
            b.key ? this.unifyValue(b.key, key, f, () => this.unifyValue(b.value, val, f, k)) : this.unifyValue(b.value, val, f, k),
          ),
        );
      case 'every':
        return this.evalTerm(b.domain, f, (coll) => {
          if (typeof coll !== 'object' || coll === null) return false;
          const ok = !iterate(coll, (key, val) => {
            if (b.key) f[b.key.slot] = key;
            f[b.value.slot] = val;
            const found = this.evalBody(b.body, 0, f, () => true);
            if (b.key) f[b.key.slot] = undefined;
            f[b.value.slot] = undefined;
            return !found;
          });
          return ok ? k() : false;
        });
    }
  }

  /** Terms that can be evaluated now (no unbound variable outside ref keys). */
  canEval(t: Term, f: Frame): boolean {
    switch (t.type) {
      case 'var':
        return t.slot < 0 || f[t.slot] !== undefined;
      case 'ref':
        return this.canEval(t.head, f);
      case 'array':
      case 'set':
        for (const i of t.items) if (!this.canEval(i, f)) return false;
        return true;
      case 'object':
        for (const [a, b] of t.items) if (!this.canEval(a, f) || !this.canEval(b, f)) return false;
        return true;
      default:
        return true;
    }
  }

  unify(a: Term, b: Term, f: Frame, k: K): boolean {
    if (this.canEval(b, f)) return this.evalTerm(b, f, (v) => this.unifyValue(a, v, f, k));
    if (this.canEval(a, f)) return this.evalTerm(a, f, (v) => this.unifyValue(b, v, f, k));
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      const rec = (i: number): boolean => (i === a.items.length ? k() : this.unify(a.items[i], b.items[i], f, () => rec(i + 1)));
      return rec(0);
    }
    if (a.type === 'object' && b.type === 'object') {
      if (a.items.length !== b.items.length) return false;
      const rec = (i: number): boolean => {
        if (i === a.items.length) return k();
        const [ka, va] = a.items[i];
        return this.evalTerm(ka, f, (key) => {
          const m = b.items.find(([kb]) => kb.type === 'scalar' && equal(kb.value, key));
          return m ? this.unify(va, m[1], f, () => rec(i + 1)) : false;
        });
      };
      return rec(0);
    }
    const v = a.type === 'var' ? a : b;
    fail('rego_unsafe_var_error', `var ${v.type === 'var' ? v.name : '?'} is unsafe`, a.loc);
  }

  unifyValue(t: Term, v: Value, f: Frame, k: K): boolean {
    switch (t.type) {
      case 'scalar':
        return equal(t.value, v) ? k() : false;
      case 'var': {
        if (t.slot < 0) return this.evalTerm(t, f, (x) => (equal(x, v) ? k() : false));
        const cur = f[t.slot];
        if (cur !== undefined) return equal(cur, v) ? k() : false;
        f[t.slot] = v;
        const r = k();
        f[t.slot] = undefined;
        return r;
      }
      case 'array': {
        if (!Array.isArray(v) || v.length !== t.items.length) return false;
        const items = t.items;
        const rec = (i: number): boolean => (i === items.length ? k() : this.unifyValue(items[i], v[i], f, () => rec(i + 1)));
        return rec(0);
      }
      case 'object': {
        if (!isObject(v) || v.size !== t.items.length) return false;
        const items = t.items;
        const rec = (i: number): boolean => {
          if (i === items.length) return k();
          return this.evalTerm(items[i][0], f, (key) => {
            const x = v.get(key);
            return x === undefined ? false : this.unifyValue(items[i][1], x, f, () => rec(i + 1));
          });
        };
        return rec(0);
      }
      default:
        return this.evalTerm(t, f, (x) => (equal(x, v) ? k() : false));
    }
  }

  evalTerm(t: Term, f: Frame, k: VK): boolean {
    switch (t.type) {
      case 'scalar':
        return k(t.value);
      case 'var': {
        if (t.slot >= 0) {
          const v = f[t.slot];
          if (v === undefined) fail('rego_unsafe_var_error', `var ${t.name.startsWith('$') ? '_' : t.name} is unsafe`, t.loc);
          return k(v);
        }
        if (t.name === 'input') return this.input === undefined ? false : k(this.input);
        if (t.name === 'data') return evalDataRef(this, [], f, k);
        fail('rego_unsafe_var_error', `var ${t.name} is unsafe`, t.loc);
      }
      // falls through (unreachable)
      case 'ref':
        return this.evalRef(t, f, k);
      case 'array':
        return this.evalArgs(t.items, t.items.length, f, (vals) => k(vals));
      case 'set':
        return this.evalArgs(t.items, t.items.length, f, (vals) => {
          const s = new SetValue();
          for (const v of vals) s.add(v);
          return k(s);
        });
      case 'object': {
        const flat: Term[] = [];
        for (const [a, b] of t.items) flat.push(a, b);
        return this.evalArgs(flat, flat.length, f, (vals) => {
          const o = new ObjectValue();
          for (let i = 0; i < vals.length; i += 2) o.set(vals[i], vals[i + 1]);
          return k(o);
        });
      }
      case 'compr':
        return k(this.comprehension(t, f));
      case 'call':
        return this.evalArgs(t.args, t.args.length, f, (vals) => this.callFn(t, vals, f, k));
      case 'template':
        return this.template(t, f, k);
    }
  }

  private comprehension(t: Extract<Term, { type: 'compr' }>, f: Frame): Value {
    if (t.kind === 'array') {
      const out: Value[] = [];
      this.evalBody(t.body, 0, f, () => this.evalTerm(t.value, f, (v) => (out.push(v), false)));
      return out;
    }
    if (t.kind === 'set') {
      const out = new SetValue();
      this.evalBody(t.body, 0, f, () => this.evalTerm(t.value, f, (v) => (out.add(v), false)));
      return out;
    }
    const out = new ObjectValue();
    this.evalBody(t.body, 0, f, () =>
      this.evalTerm(t.key!, f, (key) =>
        this.evalTerm(t.value, f, (v) => {
          const prev = out.get(key);
          if (prev !== undefined && !equal(prev, v)) fail('eval_conflict_error', 'object keys must be unique', t.loc);
          out.set(key, v);
          return false;
        }),
      ),
    );
    return out;
  }

  private template(t: TemplateTerm, f: Frame, k: VK): boolean {
    let s = '';
    for (const p of t.parts) {
      if (typeof p === 'string') {
        s += p;
        continue;
      }
      const vals: Value[] = [];
      this.evalTerm(p, f, (v) => (vals.push(v), false));
      if (vals.length === 0) s += '<undefined>';
      else if (vals.length > 1) fail('eval_conflict_error', 'template expression produced multiple outputs', p.loc);
      else s += typeof vals[0] === 'string' ? vals[0] : formatValue(vals[0]);
    }
    return k(s);
  }

  /** Evaluates the first `n` terms (each may enumerate) and passes the values on. */
  evalArgs(items: readonly Term[], n: number, f: Frame, k: (vals: Value[]) => boolean): boolean {
    // fast path: scalars and bound vars need no continuation chain
    const out: Value[] = new Array(n);
    let i = 0;
    for (; i < n; i++) {
      const t = items[i];
      if (t.type === 'scalar') out[i] = t.value;
      else if (t.type === 'var' && t.slot >= 0 && f[t.slot] !== undefined) out[i] = f[t.slot]!;
      else break;
    }
    if (i === n) return k(out);
    // Plain variables go last: another argument (a ref like `xs[foo]`) may bind them.
    const order: number[] = [];
    for (let j = i; j < n; j++) if (items[j].type !== 'var') order.push(j);
    for (let j = i; j < n; j++) if (items[j].type === 'var') order.push(j);
    const rec = (x: number): boolean => {
      if (x === order.length) return k(out.slice());
      const j = order[x];
      return this.evalTerm(items[j], f, (v) => {
        out[j] = v;
        return rec(x + 1);
      });
    };
    return rec(0);
  }

  evalRef(t: Extract<Term, { type: 'ref' }>, f: Frame, k: VK): boolean {
    const head = t.head;
    if (head.type === 'var') {
      let base: Value | undefined;
      if (head.slot >= 0) {
        base = f[head.slot];
        if (base === undefined) fail('rego_unsafe_var_error', `var ${head.name} is unsafe`, head.loc);
      } else if (head.name === 'input') {
        base = this.input;
        if (base === undefined) return false;
      } else if (head.name === 'data') return evalDataRef(this, t.path, f, k);
      else fail('rego_unsafe_var_error', `var ${head.name} is unsafe`, head.loc);
      return this.walkValue(base, t.path, 0, f, k);
    }
    return this.evalTerm(head, f, (hv) => this.walkValue(hv, t.path, 0, f, k));
  }

  walkValue(v: Value, path: readonly Term[], i: number, f: Frame, k: VK): boolean {
    for (; i < path.length; i++) {
      const p = path[i];
      let key: Value | undefined;
      if (p.type === 'scalar') key = p.value;
      else if (p.type === 'var' && p.slot >= 0) {
        key = f[p.slot];
        if (key === undefined) {
          const slot = p.slot;
          return iterate(v, (kk, x) => {
            f[slot] = kk;
            const r = this.walkValue(x, path, i + 1, f, k);
            f[slot] = undefined;
            return r;
          });
        }
      } else if (this.canEval(p, f)) {
        const j = i;
        return this.evalTerm(p, f, (kv) => {
          const c = lookup(v, kv);
          return c === undefined ? false : this.walkValue(c, path, j + 1, f, k);
        });
      } else {
        const j = i;
        return iterate(v, (kk, x) => this.unifyValue(p, kk, f, () => this.walkValue(x, path, j + 1, f, k)));
      }
      const c = lookup(v, key);
      if (c === undefined) return false;
      v = c;
    }
    return k(v);
  }

  callFn(t: CallTerm, args: Value[], f: Frame, k: VK): boolean {
    const target = t.target!;
    const mocks = this.mocks;
    if (mocks !== null) {
      const m = mocks.get(target.kind === 'builtin' ? target.name : 'data.' + target.path.join('.'));
      if (m !== undefined) return m(this, t, args, f, k);
    }
    if (target.kind === 'func') return callUserFunction(this, target.path, args, t.loc, k);
    return this.callBuiltin(target.name, t, args, f, k);
  }

  callBuiltin(name: string, t: CallTerm, args: Value[], f: Frame, k: VK): boolean {
    const rel = relations.get(name);
    if (rel !== undefined) return rel(this, args, t, k);
    const skipped = skippedBuiltins.get(name);
    if (skipped !== undefined) fail('rego_unsupported_builtin', `${name}: unsupported builtin: ${skipped}`, t.loc);
    let r: Value | undefined;
    try {
      r = invokeBuiltin(name, args, this.shared.bctx);
    } catch (e) {
      if (e instanceof BuiltinError) {
        if (this.shared.bctx.strict) throw new RegoFailure([{ code: e.code, message: e.message, location: t.loc }]);
        return false;
      }
      throw e;
    }
    void f;
    return r === undefined ? false : k(r);
  }
}
