// The type checker proper (OPA's ast/check.go semantics): checks a rule body expression by expression, in
// the order the safety stage left it, learning the types of local variables from unification, built-in and
// function signatures, `some … in` and refs; unifications of incompatible types are `match error`s, calls
// with arguments outside the signature `invalid argument(s)`, refs through members a type does not have
// `undefined ref`. Errors carry OPA's texts and detail lines.
import type { CallTerm, ComprTerm, Expr, RefTerm, Term } from '../../ast/types.ts';
import type { RegoError, Location } from '../../errors.ts';
import { builtinDecl } from '../typecheck.ts';
import { fromSpec, typeOfJSON } from '../../types/from.ts';
import { toJSON } from '../../value/index.ts';
import { argNames } from '../../types/names.ts';
import {
  A, argsString, arrayT, B, fnT, isNil, isTop, keysOf, N, Nl, objectT, or, S, select, setT, typeString, unifies, valuesOf,
  type Key, type Ty, type Type,
} from '../../types/types.ts';
import { callName, refInvalidLines, refString, refUnsupportedLines } from './show.ts';
import { constPrefix, dataPath, extent, overlaps, refPath, isConstKey, jsonKey, oneOfType, sameConst, sortedKeys, walkPost, walkShallow, type DataNode, type TypeWorld } from './terms.ts';

export { extent, jsonKey, type DataNode, type TypeWorld };

function detail(message: string, lines: string[]): string {
  return lines.length ? message + '\n\t' + lines.join('\n\t') : message;
}

export class BodyChecker {
  /** Types of local variables by frame slot. */
  readonly vars = new Map<number, Type>();
  private readonly comprTypes = new Map<ComprTerm, Ty>();
  private errs: RegoError[] = [];
  /** Inside an expression with `with`: documents may be replaced, so refs into data/input are of any type. */
  private lenient = false;

  private readonly world: TypeWorld;

  constructor(world: TypeWorld) {
    this.world = world;
  }

  private err(code: 'rego_type_error', message: string, loc: Location | undefined): void {
    this.errs.push({ code, message, location: loc });
  }

  /** Checks a body; returns its errors (OPA checks all expressions and reports each failing one). */
  checkBody(body: readonly Expr[]): RegoError[] {
    const saved = this.errs;
    this.errs = [];
    for (const e of body) this.checkExpr(e);
    const out = this.errs;
    this.errs = saved;
    return out;
  }

  /** Terms outside any expression (rule heads): their closures, refs and calls, all calls nested. */
  checkTerms(ts: readonly Term[]): RegoError[] {
    const saved = this.errs;
    this.errs = [];
    for (const t of ts) {
      this.closures(t);
      this.checkRefs(t);
      this.nestedCalls(t);
    }
    const out = this.errs;
    this.errs = saved;
    return out;
  }

  // ---------------------------------------------------------------- types of terms

  typeOf(t: Term): Ty {
    switch (t.type) {
      case 'scalar': {
        const v = t.value;
        if (v === null) return Nl;
        if (typeof v === 'boolean') return B;
        if (typeof v === 'string') return S;
        if (typeof v === 'number' || typeof v === 'bigint') return N;
        return N; // exact decimals
      }
      case 'var':
        if (t.name === 'input' && t.slot < 0) return this.refType({ type: 'ref', head: t, path: [], loc: t.loc });
        if (t.name === 'data' && t.slot < 0) return this.refType({ type: 'ref', head: t, path: [], loc: t.loc });
        return t.slot >= 0 ? (this.vars.get(t.slot) ?? null) : null;
      case 'ref':
        return this.refType(t);
      case 'array':
        return t.items.length ? arrayT(t.items.map((i) => this.typeOf(i))) : arrayT([], A);
      case 'set': {
        let of: Ty = null;
        for (const i of t.items) of = or(of, this.typeOf(i));
        return setT(of ?? A);
      }
      case 'object': {
        const st: [Key, Ty][] = [];
        let dyn: { key: Ty; value: Ty } | null = null;
        for (const [k, v] of t.items) {
          if (isConstKey(k) && (k.value === null || typeof k.value !== 'object')) st.push([jsonKey(k.value), this.typeOf(v)]);
          else dyn = { key: this.typeOf(k), value: this.typeOf(v) };
        }
        if (!st.length && !dyn) dyn = { key: A, value: A };
        return objectT(st, dyn);
      }
      case 'compr':
        return this.comprType(t);
      case 'call':
        return this.callResult(t);
      case 'template':
        return S;
    }
  }

  private comprType(t: ComprTerm): Ty {
    if (this.comprTypes.has(t)) return this.comprTypes.get(t)!;
    const errs = this.checkBody(t.body);
    let ty: Ty = null;
    if (!errs.length) {
      if (t.kind === 'array') ty = arrayT([], this.typeOf(t.value));
      else if (t.kind === 'set') ty = setT(this.typeOf(t.value));
      else ty = objectT([], { key: this.typeOf(t.key!), value: this.typeOf(t.value) });
    } else this.errs.push(...errs);
    this.comprTypes.set(t, ty);
    return ty;
  }

  private callResult(t: CallTerm): Ty {
    if (t.target?.kind === 'builtin') {
      // rego.metadata.*: replaced by its value at compile time, as OPA does, so typed as that constant
      if (t.meta !== undefined) return typeOfJSON(toJSON(t.meta));
      const decl = builtinDecl(t.target.name);
      return decl ? fromSpec(decl.result) : A; // a mocked built-in this engine does not have
    }
    if (t.target?.kind === 'func') {
      const f = this.world.func(t.target.path.join('.'));
      return f && f.k === 'function' ? f.result : f && isTop(f) ? A : null;
    }
    return null;
  }

  /** OPA's TypeEnv.GetByRef: the type a ref evaluates to; any for unknown documents under data/input. */
  refType(t: RefTerm): Ty {
    const h = t.head;
    if (h.type === 'var' && h.slot < 0 && (h.name === 'input' || h.name === 'data')) {
      if (this.lenient && this.affected(refPath(t))) {
        const p = this.replaced ? dataPath(t) : null;
        return p !== null && this.replaced!.has(p) ? this.replaced!.get(p)! : A;
      }
      const keys = constPrefix(t.path);
      if (h.name === 'input') {
        const r = this.world.input(keys);
        return r ? this.selectPath(r.type, t.path.slice(r.consumed)) : A;
      }
      const s = this.world.dataSchema(keys);
      if (s) return this.selectPath(s.type, t.path.slice(s.consumed));
      let node = this.world.data.root;
      for (let i = 0; i < t.path.length; i++) {
        const p = t.path[i];
        const c = isConstKey(p) ? node.child(jsonKey(p.value)) : undefined;
        if (node.type !== null && !c) return this.selectPath(node.type, t.path.slice(i));
        if (!isConstKey(p)) return this.selectPath(extent(node), t.path.slice(i));
        if (!c) return A; // base documents are not typed
        node = c;
      }
      return node.type ?? extent(node);
    }
    return this.selectPath(this.typeOf(h), t.path);
  }

  private selectPath(ty: Ty, path: readonly Term[]): Ty {
    let cur = ty;
    for (const p of path) {
      if (cur === null) return null;
      if (isConstKey(p) && (p.value === null || typeof p.value !== 'object')) cur = select(cur, jsonKey(p.value));
      else cur = valuesOf(cur);
    }
    return cur;
  }

  // ---------------------------------------------------------------- unification (OPA's unify1 / unify2)

  private setVar(t: Term & { type: 'var' }, ty: Ty): void {
    if (t.slot >= 0 && ty !== null) this.vars.set(t.slot, ty);
  }

  unify1(t: Term, ty: Ty, union: boolean): boolean {
    switch (t.type) {
      case 'array':
        if (ty !== null && ty.k === 'array') {
          if (t.items.length !== ty.static.length && ty.dynamic === null) return false;
          return t.items.every((x, i) => this.unify1(x, i < ty.static.length ? ty.static[i] : ty.dynamic, union));
        }
        return this.unifyAny(t, ty, (x) => t.items.forEach((i) => this.unify1(i, x, true)));
      case 'object':
        if (ty !== null && ty.k === 'object') {
          if (t.items.length !== ty.static.length && ty.dynamic === null) return false;
          return t.items.every(([k, v]) => {
            if (isConstKey(k)) {
              const child = select(ty, jsonKey(k.value));
              return child !== null && this.unify1(v, child, union);
            }
            this.unify1(v, A, union);
            return true;
          });
        }
        return this.unifyAny(t, ty, (x) => t.items.forEach(([k, v]) => (this.unify1(k, x, true), this.unify1(v, x, true))));
      case 'set':
        if (ty !== null && ty.k === 'set') {
          const of = valuesOf(ty);
          return t.items.every((i) => this.unify1(i, of, union));
        }
        return this.unifyAny(t, ty, (x) => t.items.forEach((i) => this.unify1(i, x, true)));
      case 'var': {
        if (t.slot < 0) return unifies(this.typeOf(t), ty);
        const exist = this.vars.get(t.slot);
        // a variable of a known type keeps it (OPA: `[1, a]` with `a := "foo"` is no array of numbers); an
        // unknown one takes the type, or, matched against a union's members, their union
        if (exist !== undefined) return unifies(exist, ty);
        this.setVar(t, union ? or(this.vars.get(t.slot) ?? null, ty) : ty);
        return true;
      }
      default:
        return unifies(this.typeOf(t), ty);
    }
  }

  private unifyAny(t: Term, ty: Ty, onTop: (x: Type) => void): boolean {
    if (ty === null || ty.k !== 'any') return false;
    if (ty.of.length === 0) {
      onTop(A);
      return true;
    }
    let ok = false;
    for (const m of ty.of) ok = this.unify1(t, m, true) || ok;
    return ok;
  }

  private unify2(a: Term, ta: Ty, b: Term, tb: Ty): boolean {
    const nilA = isNil(ta);
    const nilB = isNil(tb);
    if (nilA && !nilB) return this.unify1(a, tb, false);
    if (nilB && !nilA) return this.unify1(b, ta, false);
    if (!nilA && !nilB) return unifies(ta, tb);
    if (a.type === 'array') return this.unify2Array(a, b);
    if (a.type === 'object') return this.unify2Object(a, b);
    if (a.type === 'var') {
      if (b.type === 'var') return this.unify1(a, A, false) && this.unify1(b, this.typeOf(a), false);
      if (b.type === 'array') return this.unify2Array(b, a);
      if (b.type === 'object') return this.unify2Object(b, a);
    }
    // a variable of unknown type takes a partly known one (`y := {x | true}` with x undetermined)
    if (ta === null && a.type === 'var' && tb !== null) return this.unify1(a, tb, false);
    if (tb === null && b.type === 'var' && ta !== null) return this.unify1(b, ta, false);
    return false;
  }

  private unify2Array(a: Extract<Term, { type: 'array' }>, b: Term): boolean {
    if (b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      return a.items.every((x, i) => this.unify2(x, this.typeOf(x), b.items[i], this.typeOf(b.items[i])));
    }
    if (b.type === 'var') return this.unify1(a, A, false) && this.unify1(b, this.typeOf(a), false);
    return false;
  }

  private unify2Object(a: Extract<Term, { type: 'object' }>, b: Term): boolean {
    if (b.type === 'object') {
      if (a.items.length !== b.items.length) return false;
      for (const [k, v] of a.items) {
        const other = b.items.find(([k2]) => sameConst(k, k2));
        if (!other) return false;
        if (!this.unify2(v, this.typeOf(v), other[1], this.typeOf(other[1]))) return false;
      }
      return true;
    }
    if (b.type === 'var') return this.unify1(a, A, false) && this.unify1(b, this.typeOf(a), false);
    return false;
  }

  // ---------------------------------------------------------------- expressions

  checkExpr(e: Expr): void {
    const before = this.errs.length;
    const savedLenient = this.lenient;
    const savedReplaced = this.replaced;
    // `with` replaces documents or functions for this expression: a replaced document is of its type or the
    // replacement's; other refs into data/input (which may depend on a replaced one) are not typed here
    if (e.with.length) {
      this.checkWithArity(e);
      this.replaced = new Map();
      this.targets = e.with.map((w) => (w.target.type === 'ref' || w.target.type === 'var' ? refPath(w.target) : '')).filter((x) => x !== '');
      for (const w of e.with) {
        const p = dataPath(w.target);
        if (p) this.replaced.set(p, or(this.refType(w.target as RefTerm), this.typeOf(w.value)));
      }
      this.lenient = true;
    }
    try {
      this.checkExprInner(e, before);
    } finally {
      this.lenient = savedLenient;
      this.replaced = savedReplaced;
    }
  }

  /** Documents replaced by the current expression's `with`, by dotted data path, with their possible types. */
  private replaced: Map<string, Ty> | null = null;
  /** Dotted paths the current expression's `with` replaces (`data.p.b`, `input`, `http.send`). */
  private targets: string[] = [];

  /** Whether a document or function (dotted path) is replaced by, or depends on, the current `with` targets. */
  private affected(path: string): boolean {
    return this.targets.some((t) => overlaps(t, path)) || this.world.dependsOn(path, this.targets);
  }

  /** A function replaced by another function must keep its arity (OPA's checkExprWith). */
  private checkWithArity(e: Expr): void {
    for (const w of e.with) {
      const target = dataPath(w.target);
      const tsig = target ? this.world.func(target.slice(5)) : undefined;
      if (!tsig || tsig.k !== 'function') continue;
      const value = dataPath(w.value);
      const vsig = value ? this.world.func(value.slice(5)) : undefined;
      if (!vsig || vsig.k !== 'function' || vsig.args.length === tsig.args.length) continue;
      this.err('rego_type_error', detail(`${target}: arity mismatch`, [`have: ${argsString(vsig.args)}`, `want: ${argsString(tsig.args)}`]), w.loc);
    }
  }

  private checkExprInner(e: Expr, before: number): void {
    const b = e.body;
    const refErrs = (ts: Term[]) => ts.forEach((t) => this.checkRefs(t));
    switch (b.kind) {
      case 'term': {
        const t = b.term;
        const outArg = t.type === 'call' && (t as CallTerm & { outArg?: boolean }).outArg === true;
        if (t.type === 'call' && t.target?.kind === 'builtin' && t.target.name === 'equal' && t.args.length === 2 && !outArg) {
          return this.checkExprInner({ ...e, body: { kind: 'unify', left: t.args[0], right: t.args[1], assign: false } }, before);
        }
        this.closures(t);
        refErrs([t]);
        if (t.type === 'call') {
          t.args.forEach((a) => this.nestedCalls(a));
          this.checkCall(t, true, e);
        } else this.nestedCalls(t);
        return;
      }
      case 'unify': {
        this.closures(b.left);
        this.closures(b.right);
        refErrs([b.left, b.right]);
        this.nestedCalls(b.left);
        this.nestedCalls(b.right);
        const nested = this.errs.length > before;
        const ta = this.typeOf(b.left);
        const tb = this.typeOf(b.right);
        if (!this.unify2(b.left, ta, b.right, tb)) {
          if (nested && (isNil(ta) || isNil(tb))) return; // a more specific error was reported inside
          this.matchError(ta, tb, e.loc);
        }
        return;
      }
      case 'someIn': {
        this.closures(b.collection);
        refErrs([b.collection]);
        this.nestedCalls(b.collection);
        const coll = this.typeOf(b.collection);
        if (coll === null || isTop(coll)) {
          if (b.key) this.unify1(b.key, A, false);
          this.unify1(b.value, A, false);
          return;
        }
        const bind = (t: Term, want: Ty): boolean => this.unify1(t, want, false) || (this.matchError(this.typeOf(t), want, e.loc), false);
        if (b.key && !bind(b.key, keysOf(coll))) return;
        bind(b.value, valuesOf(coll));
        return;
      }
      case 'every': {
        this.closures(b.domain);
        refErrs([b.domain]);
        this.nestedCalls(b.domain);
        const dom = this.typeOf(b.domain);
        if (b.key) this.vars.set(b.key.slot, dom === null ? A : (keysOf(dom) ?? A));
        this.vars.set(b.value.slot, dom === null ? A : (valuesOf(dom) ?? A));
        this.errs.push(...this.checkBody(b.body));
        return;
      }
      case 'block':
        this.errs.push(...this.checkBody(b.body));
        return;
      case 'some':
        return;
    }
  }

  /** Calls nested in a term, innermost first (OPA checks them as the separate expressions it rewrites them to). */
  nestedCalls(t: Term): void {
    walkPost(t, (x) => {
      if (x.type === 'call') this.checkCall(x, false);
    });
  }

  private matchError(left: Ty, right: Ty, loc: Location | undefined): void {
    this.err('rego_type_error', detail('match error', [`left  : ${typeString(left)}`, `right : ${typeString(right)}`]), loc);
  }

  /** Comprehensions inside a term are checked first (OPA's checkClosures); their errors are reported. */
  private closures(t: Term): void {
    walkShallow(t, (x) => {
      if (x.type === 'compr') this.comprType(x);
    });
  }

  // ---------------------------------------------------------------- calls

  /** Checks a call. `top`: the call is the expression itself (its result, if any, is not captured unless
   * the compiler marked an output argument); nested calls have an implicit output of unknown type. */
  checkCall(t: CallTerm, top: boolean, e?: Expr): Ty {
    const target = t.target;
    if (!target) return null;
    let sig: Type | undefined;
    let names: readonly (string | undefined)[] | undefined;
    if (target.kind === 'builtin') {
      const decl = builtinDecl(target.name);
      if (!decl) return null;
      if (t.meta !== undefined) return null;
      sig = fnT(
        decl.args.map(fromSpec),
        fromSpec(decl.result),
        decl.variadic ? fromSpec(decl.args[decl.args.length - 1]) : null,
      );
      if (decl.variadic) sig = fnT(decl.args.slice(0, -1).map(fromSpec), null, fromSpec(decl.args[decl.args.length - 1]));
      names = argNames(target.name);
    } else {
      if (this.lenient && this.affected('data.' + target.path.join('.'))) return this.callResult(t);
      sig = this.world.func(target.path.join('.'));
      if (!sig || sig.k !== 'function') return sig && isTop(sig) ? A : null;
    }
    if (sig.k !== 'function') return null;
    const outArg = (t as CallTerm & { outArg?: boolean }).outArg === true;
    const fargs: Ty[] = [...sig.args];
    if (sig.result !== null) fargs.push(sig.result);
    const implicitOut = !top && sig.result !== null && !outArg;
    const operands: (Term | null)[] = [...t.args, ...(implicitOut ? [null] : [])];
    if (operands.length > fargs.length && sig.variadic === null) return sig.result; // arity: reported by the call check
    const argType = (i: number): Ty => (i < fargs.length ? fargs[i] : sig.variadic);
    const want = argsString(fargs, sig.variadic, names);
    const name = callName(t);
    const memberArgs = target.kind === 'builtin' && target.name.startsWith('internal.member_');
    for (let i = 0; i < operands.length; i++) {
      const a = operands[i];
      if (a === null) continue;
      if (!this.unify1(a, argType(i), false)) {
        const post = operands.map((x) => (x === null ? null : this.typeOf(x)));
        if (post.some(isNil) && this.errs.length) return sig.result; // caused by an error reported already
        this.err('rego_type_error', detail(`${name}: invalid argument(s)`, [`have: ${argsString(post)}`, `want: ${want}`]), t.loc);
        return sig.result;
      }
    }
    if (memberArgs) this.checkMember(t, e);
    return sig.result;
  }

  /** `x in xs` / `k, v in xs`: the element (and key) must be able to match the collection's values (keys). */
  private checkMember(t: CallTerm, e?: Expr): void {
    const coll = this.typeOf(t.args[t.args.length - 1]);
    if (coll === null || isTop(coll) || this.lenient) return;
    const loc = t.args[0].loc ?? e?.loc;
    const check = (term: Term, want: Ty): boolean => {
      if (want === null || unifies(this.typeOf(term), want) || isNil(this.typeOf(term))) return true;
      this.matchError(this.typeOf(term), want, loc);
      return false;
    };
    if (t.args.length === 3) {
      if (!check(t.args[0], keysOf(coll))) return;
      check(t.args[1], valuesOf(coll));
    } else check(t.args[0], valuesOf(coll));
  }

  // ---------------------------------------------------------------- refs

  /** Checks every ref in a term (not inside closures): OPA's refChecker. */
  private checkRefs(t: Term): void {
    walkShallow(t, (x) => {
      if (x.type === 'ref') this.checkRef(x);
    });
  }

  private checkRef(t: RefTerm): void {
    const h = t.head;
    const loc = h.loc ?? t.loc;
    if (h.type === 'var' && h.slot < 0 && (h.name === 'data' || h.name === 'input')) {
      if (this.lenient && this.affected(refPath(t))) return;
      const keys = constPrefix(t.path);
      if (h.name === 'input') {
        const r = this.world.input(keys);
        this.checkLeaf(t, r ? r.type : A, r ? r.consumed + 1 : 1, loc);
        return;
      }
      const s = this.world.dataSchema(keys);
      if (s) return this.checkLeaf(t, s.type, s.consumed + 1, loc);
      this.checkDataNode(t, this.world.data.root, 1, loc);
      return;
    }
    let ty = this.typeOf(h);
    if (ty === null) {
      if (h.type !== 'var' || h.slot < 0) return;
      this.setVar(h, A); // a ref through a variable of unknown type makes it of any type (OPA's checkRefLeaf)
      ty = A;
    }
    this.checkLeaf(t, ty, 1, loc);
  }

  private checkDataNode(t: RefTerm, node: DataNode, idx: number, loc: Location): void {
    if (idx > t.path.length) {
      if (node.isFunc && node.type) this.fnAsRef(t, idx - 1, node.type, loc);
      return;
    }
    const p = t.path[idx - 1];
    if (idx === 1 && node.keys().length === 0) return; // no rules under data yet: untyped, as OPA's fallback
    if (idx <= 2 && !(p.type === 'var' || (isConstKey(p) && typeof p.value === 'string'))) {
      const have = this.typeOf(p);
      this.err('rego_type_error', detail(`undefined ref: ${refString(t, t.path.length)}`, refInvalidLines(t, idx, have, S, sortedKeys(node))), loc);
      return;
    }
    if (node.type !== null) {
      if (node.isFunc) return this.fnAsRef(t, idx - 1, node.type, loc);
      // a document with rules below it too (`obj[x] …` and `obj.sub[y] …`): the rules below win
      if (node.keys().length) {
        const c = isConstKey(p) ? node.child(jsonKey(p.value)) : undefined;
        if (c) return this.checkDataNode(t, c, idx + 1, loc);
        return;
      }
      return this.checkLeaf(t, node.type, idx, loc);
    }
    if (p.type === 'var' && p.slot >= 0) {
      const keys = keysOf(extent(node));
      const exist = this.vars.get(p.slot);
      if (exist !== undefined) {
        if (!unifies(keys, exist)) {
          this.err('rego_type_error', detail(`undefined ref: ${refString(t, t.path.length)}`, refInvalidLines(t, idx, exist, keys, sortedKeys(node))), loc);
          return;
        }
      } else this.setVar(p, keys);
      return; // into unknown children: no further checks
    }
    if (!isConstKey(p)) {
      const have = this.typeOf(p);
      const keys = keysOf(extent(node));
      if (have !== null && !unifies(keys, have)) this.err('rego_type_error', detail(`undefined ref: ${refString(t, t.path.length)}`, refInvalidLines(t, idx, have, keys, sortedKeys(node))), loc);
      return;
    }
    const c = node.child(jsonKey(p.value));
    if (!c) return; // base documents
    this.checkDataNode(t, c, idx + 1, loc);
  }

  private fnAsRef(t: RefTerm, pos: number, ty: Type, loc: Location): void {
    const name = refString(t, pos);
    this.err('rego_type_error', detail(`function ${name} used as reference, not called`, [refString(t, t.path.length), '^'.repeat(name.length), `have: ${typeString(ty)}`]), loc);
  }

  /** OPA's checkRefLeaf: walks the ref's operands from `idx` (index into head + path) through type `ty`. */
  private checkLeaf(t: RefTerm, ty: Ty, idx: number, loc: Location): void {
    let cur = ty;
    for (let i = idx; i <= t.path.length; i++) {
      if (cur === null) return;
      const keys = keysOf(cur);
      if (keys === null) {
        this.err('rego_type_error', detail(`undefined ref: ${refString(t, t.path.length)}`, refUnsupportedLines(t, i - 1, cur)), loc);
        return;
      }
      const p = t.path[i - 1];
      const fail = (have: Ty, oneOf: Key[] | null) =>
        this.err('rego_type_error', detail(`undefined ref: ${refString(t, t.path.length)}`, refInvalidLines(t, i, have, keys, oneOf, p)), loc);
      if (p.type === 'var') {
        if (p.slot < 0) {
          cur = valuesOf(cur);
          continue;
        }
        const exist = this.vars.get(p.slot);
        if (exist !== undefined) {
          if (!unifies(exist, keys)) return fail(exist, oneOfType(cur));
        } else this.setVar(p, keys);
        cur = valuesOf(cur);
      } else if (p.type === 'ref' || p.type === 'call') {
        const exist = this.typeOf(p);
        if (exist !== null && !unifies(exist, keys)) return fail(exist, oneOfType(cur));
        cur = valuesOf(cur);
      } else if (p.type === 'array' || p.type === 'object' || p.type === 'set') {
        if (!this.unify1(p, keys, false)) return fail(this.typeOf(p), null);
        cur = valuesOf(cur);
      } else if (isConstKey(p)) {
        const child = p.value !== null && typeof p.value === 'object' ? null : select(cur, jsonKey(p.value));
        if (child === null) return fail(null, oneOfType(cur));
        cur = child;
      } else cur = valuesOf(cur);
    }
  }

}

