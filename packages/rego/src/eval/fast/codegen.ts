// Fast path: a query `data.p.q == <scalar>`, `data.p.q` or `x := data.p.q` over a complete rule whose bodies
// use only input refs, locals, builtin calls, comparisons and iteration is compiled to JavaScript source
// (new Function), which V8 optimises like hand-written code. It reads raw JSON input without wrapping it.
// Anything outside that subset returns null and the interpreter runs instead; a conflict between rule
// values makes the generated function return FALLBACK so the interpreter reports it exactly.
import type { CallTerm, Expr, Query, Rule, Term } from '../../ast/types.ts';
import type { CompiledPolicy } from '../../compiler/index.ts';
import { nodeAt } from '../../compiler/ruletree.ts';
import { relations } from '../relations/index.ts';
import { skippedBuiltins } from '../../builtins/index.ts';
import { CALL, CMP, EQ, FIX, G, LIMIT, V, VALS, type FastState } from './runtime.ts';
import type { Location } from '../../errors.ts';

export const FALLBACK = Symbol('fallback');
export type FastFn = (input: unknown, s: FastState) => unknown;

export interface FastQuery {
  fn: FastFn;
  /** query shape: compare the rule value with `expect`, return it as the term value, or bind it to `bind` */
  kind: 'compare' | 'term' | 'bind';
  expect: unknown;
  bind: string;
  root: string; // first data path segment (base data under it disables the fast path)
}

const CMPS: Record<string, string> = { lt: '< 0', gt: '> 0', lte: '<= 0', gte: '>= 0' };

class Gen {
  out: string[] = [];
  bound = new Set<number>();
  tmp = 0;
  locs: Location[] = [];
  fail = 'return false;';
  depth = 0;

  temp(): string {
    return `t${this.tmp++}`;
  }
  loc(l: Location): string {
    this.locs.push(l);
    return `L[${this.locs.length - 1}]`;
  }
  emit(s: string): void {
    this.out.push('  '.repeat(this.depth + 1) + s);
  }

  /** JS expression for a term, emitting temporaries as needed; null when outside the subset. */
  term(t: Term): string | null {
    switch (t.type) {
      case 'scalar':
        if (typeof t.value === 'bigint' || typeof t.value === 'object' || (typeof t.value === 'number' && !Number.isFinite(t.value))) return null;
        return JSON.stringify(t.value);
      case 'var':
        if (t.slot >= 0) return this.bound.has(t.slot) ? `v${t.slot}` : null;
        return t.name === 'input' ? 'input' : null;
      case 'ref': {
        let base = this.term(t.head);
        if (base === null || (t.head.type !== 'var' && t.head.type !== 'call')) return null;
        for (const p of t.path) {
          const key = p.type === 'scalar' || (p.type === 'var' && p.slot >= 0 && this.bound.has(p.slot)) ? this.term(p) : null;
          if (key === null) return null;
          const x = this.temp();
          if (p.type === 'scalar' && typeof p.value === 'string' && p.value !== '__proto__') {
            // inline load: each site keeps its own inline cache, as hand-written code would
            const o = base;
            this.emit(
              `const ${x} = (${o} !== null && typeof ${o} === 'object' && ${o}.constructor === Object) ? ((x_ = ${o}[${key}]), (x_ === undefined || typeof x_ === 'string' || typeof x_ === 'boolean' || typeof x_ === 'object') ? x_ : FIX(${o}, ${key}, x_)) : G(${o}, ${key});`,
            );
            this.emit(`if (${x} === undefined) ${this.fail}`);
          } else this.emit(`const ${x} = G(${base}, ${key}); if (${x} === undefined) ${this.fail}`);
          base = x;
        }
        return base;
      }
      case 'call':
        return this.call(t, t.args.length);
      default:
        return null;
    }
  }

  call(t: CallTerm, n: number): string | null {
    const target = t.target;
    if (!target || target.kind !== 'builtin' || relations.has(target.name) || skippedBuiltins.has(target.name)) return null;
    const args: string[] = [];
    const wrapped: string[] = [];
    for (let i = 0; i < n; i++) {
      const a = this.term(t.args[i]);
      if (a === null) return null;
      args.push(a);
      wrapped.push(t.args[i].type === 'scalar' ? a : `V(${a})`);
    }
    const x = this.temp();
    const name = target.name;
    if (name === 'equal' || name === 'neq') this.emit(`const ${x} = ${name === 'neq' ? '!' : ''}EQ(${args[0]}, ${args[1]});`);
    else if (CMPS[name]) this.emit(`const ${x} = CMP(${args[0]}, ${args[1]}) ${CMPS[name]};`);
    else this.emit(`const ${x} = CALL(S, ${JSON.stringify(name)}, [${wrapped.join(', ')}], ${this.loc(t.loc)}); if (${x} === undefined) ${this.fail}`);
    return x;
  }

  /** Pattern position: an unbound local var gets declared; anything else compares. */
  bindOrCheck(pattern: Term, value: string): boolean {
    if (pattern.type === 'var' && pattern.slot >= 0 && !this.bound.has(pattern.slot)) {
      this.emit(`const v${pattern.slot} = ${value};`);
      this.bound.add(pattern.slot);
      return true;
    }
    const p = this.term(pattern);
    if (p === null) return false;
    this.emit(`if (!EQ(${p}, ${value})) ${this.fail}`);
    return true;
  }

  /** `x = coll[k]` with k an unbound var: a loop over the collection. */
  loop(pattern: Term, ref: Extract<Term, { type: 'ref' }>, e: Expr): boolean {
    const last = ref.path[ref.path.length - 1];
    if (last.type !== 'var' || last.slot < 0 || this.bound.has(last.slot) || !last.name.startsWith('$_')) return false;
    const coll = this.term(ref.path.length === 1 ? ref.head : { ...ref, path: ref.path.slice(0, -1) });
    return coll !== null && this.loopOver(pattern, coll, e);
  }

  loopOver(pattern: Term, coll: string, e: Expr): boolean {
    const a = this.temp();
    const i = this.temp();
    this.emit(`const ${a} = VALS(${coll});`);
    this.emit(`for (let ${i} = 0; ${i} < ${a}.length; ${i}++) {`);
    this.depth++;
    this.fail = 'continue;';
    this.emit(`if (++S.steps > S.max) LIMIT(S, ${this.loc(e.loc)});`);
    const x = this.temp();
    this.emit(`const ${x} = ${a}[${i}]; const ${x}v = typeof ${x} === 'object' ? ${x} : V(${x});`);
    return this.bindOrCheck(pattern, `${x}v`);
  }

  expr(e: Expr): boolean {
    if (e.negated || e.with.length) return false;
    const b = e.body;
    switch (b.kind) {
      case 'some':
        return true;
      case 'someIn': {
        if (b.key !== null) return false;
        const coll = this.term(b.collection);
        return coll !== null && this.loopOver(b.value, coll, e);
      }
      case 'term': {
        const t = b.term;
        if (t.type === 'call' && (t as CallTerm & { outArg?: boolean }).outArg) {
          const r = this.call(t, t.args.length - 1);
          return r !== null && this.bindOrCheck(t.args[t.args.length - 1], r);
        }
        const v = this.term(t);
        if (v === null) return false;
        this.emit(`if (${v} === false) ${this.fail}`);
        return true;
      }
      case 'unify': {
        for (const [pat, src] of [
          [b.left, b.right],
          [b.right, b.left],
        ] as const) {
          if (src.type === 'ref' && src.path.length && src.path[src.path.length - 1].type === 'var') {
            const last = src.path[src.path.length - 1] as Extract<Term, { type: 'var' }>;
            if (last.slot >= 0 && !this.bound.has(last.slot)) return this.loop(pat, src, e);
          }
        }
        const save = this.out.length;
        const r = this.term(b.right);
        if (r !== null) return this.bindOrCheck(b.left, r);
        this.out.length = save;
        const l = this.term(b.left);
        return l !== null && this.bindOrCheck(b.right, l);
      }
      default:
        return false;
    }
  }
}

function constValue(t: Term | null): { ok: boolean; v: unknown } {
  if (t === null) return { ok: true, v: true };
  if (t.type === 'scalar' && typeof t.value !== 'bigint' && typeof t.value !== 'object') return { ok: true, v: t.value };
  return { ok: false, v: undefined };
}

function genRule(rule: Rule, g: Gen): string | null {
  g.out = [];
  g.bound = new Set();
  g.fail = 'return false;';
  g.depth = 0;
  g.emit('let x_;');
  for (const e of rule.body) if (!g.expr(e)) return null;
  g.emit('return true;');
  while (g.depth > 0) {
    g.depth--;
    g.emit('}');
  }
  g.emit('return false;');
  return g.out.join('\n');
}

export function buildFastQuery(policy: CompiledPolicy, query: Query): FastQuery | null {
  if (query.body.length !== 1) return null;
  const e = query.body[0];
  if (e.negated || e.with.length) return null;
  let ref: Term;
  let kind: FastQuery['kind'];
  let expect: unknown = undefined;
  let bind = '';
  const b = e.body;
  if (b.kind === 'term' && b.term.type === 'call' && b.term.target?.kind === 'builtin' && b.term.target.name === 'equal' && b.term.args.length === 2) {
    const c = constValue(b.term.args[1]);
    if (!c.ok || b.term.args[1].type !== 'scalar') return null;
    ref = b.term.args[0];
    kind = 'compare';
    expect = c.v;
  } else if (b.kind === 'term') {
    ref = b.term;
    kind = 'term';
  } else if (b.kind === 'unify' && b.left.type === 'var' && b.left.slot >= 0 && !b.left.name.startsWith('$')) {
    ref = b.right;
    kind = 'bind';
    bind = b.left.name;
  } else return null;
  if (ref.type !== 'ref' || ref.head.type !== 'var' || ref.head.name !== 'data' || ref.head.slot >= 0) return null;
  const path: string[] = [];
  for (const p of ref.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return null;
    path.push(p.value);
  }
  const node = nodeAt(policy.root, path, false);
  if (!node || path.length === 0 || node.children.size || node.funcs.length || node.isPackage || !node.rules.length) return null;
  const g = new Gen();
  const fns: string[] = [];
  const values: unknown[] = [];
  let dflt: unknown = undefined;
  for (const r of node.rules) {
    if (r.kind !== 'complete' || r.rest.length || r.elseRule) return null;
    const c = constValue(r.head.value);
    if (!c.ok) return null;
    if (r.isDefault) {
      dflt = c.v;
      continue;
    }
    const src = genRule(r, g);
    if (src === null) return null;
    fns.push(`function r${fns.length}(input, S) {\n${src}\n}`);
    values.push(c.v);
  }
  const body = [
    ...fns,
    'return function (input, S) {',
    '  let val;',
    ...values.map((_v, i) => `  if (r${i}(input, S)) { if (val === undefined) val = VALUES[${i}]; else if (!EQ(val, VALUES[${i}])) return FALLBACK; }`),
    '  return val === undefined ? DEFAULT : val;',
    '};',
  ].join('\n');
  const factory = new Function('FIX', 'G', 'EQ', 'CMP', 'CALL', 'VALS', 'LIMIT', 'V', 'L', 'VALUES', 'DEFAULT', 'FALLBACK', body);
  const fn = factory(FIX, G, EQ, CMP, CALL, VALS, LIMIT, V, g.locs, values, dflt, FALLBACK) as FastFn;
  return { fn, kind, expect, bind, root: path[0] };
}
