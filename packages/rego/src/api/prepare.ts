// The public API: prepare (parse + compile once) and eval (many times). Errors are values; nothing throws.
import { RegoFailure, type Location, type RegoError } from '../errors.ts';
import { parseModule, parseQuery } from '../parser/parser.ts';
import { compileModules, compileQuery, type CompiledPolicy } from '../compiler/index.ts';
import type { Expr, Module, Query } from '../ast/types.ts';
import { walkExpr } from '../ast/walk.ts';
import { fromJSON, toJSON, type Value } from '../value/index.ts';
import { Evaluator, type Frame, type Shared } from '../eval/evaluator.ts';
import { buildFastQuery, FALLBACK, type FastQuery } from '../eval/fast/codegen.ts';
import { EQ, V } from '../eval/fast/runtime.ts';

export interface CompileOptions {
  modules: Record<string, string>;
  /** 1: Rego v1 as OPA 1.x enforces it; 0: pre-1.0 syntax (future.keywords / rego.v1 imports). Omitted: v1
   * syntax that also accepts v0 forms (bodies without `if`, deprecated built-ins), for policies of either era. */
  regoVersion?: 0 | 1;
  /** Strict built-in errors: a failing built-in aborts evaluation instead of being undefined. */
  strict?: boolean;
  /** OPA's strict compilation: unused imports and variables, duplicate imports, deprecated built-ins are errors. */
  strictCompile?: boolean;
  /** JSON schemas by path ('input', or 'a.b' for `schema.a.b` in annotations) for the type checker. */
  schemas?: Record<string, unknown>;
  /** The `input` schema applies to every rule (true, as `opa check -s input.json`), or only where a `schemas`
   * annotation names it (false). */
  inputSchemaEverywhere?: boolean;
  /** Receives `print()` output; default: discarded. */
  print?: (msg: string) => void;
}

export interface PrepareOptions extends CompileOptions {
  query: string;
}

/** A rule as `rego test` and tools see it: where it is and what kind it is. */
export interface RuleInfo {
  path: string[]; // package path + rule name (after `data`)
  kind: 'complete' | 'multi' | 'function';
  location: Location;
}

/** Modules parsed and compiled once; queries against them are prepared without recompiling the modules. */
export interface Policy {
  prepare(query: string): Result<PreparedQuery>;
  rules(): RuleInfo[];
  /** Rows of every body expression per file: the lines `--coverage` can report as covered or not. */
  coverableLines(): Map<string, Set<number>>;
}

export interface EvalLimits {
  maxSteps?: number;
  timeoutMs?: number;
}

export interface EvalOptions {
  input?: unknown;
  data?: unknown;
  limits?: EvalLimits;
  /** Input already converted to a Rego value (e.g. parsed from Rego term text with sets). */
  inputValue?: Value;
  strict?: boolean;
  /** Fixed evaluation time (ns since epoch), for reproducible time builtins. */
  nowNs?: bigint;
  /** Receives `print()` output of this evaluation (instead of the one given to prepare). */
  print?: (msg: string) => void;
  /** Called with the location of every expression evaluated (coverage); turns the fast path off. */
  onExpr?: (loc: Location) => void;
}

export interface ResultRow {
  expressions: unknown[];
  bindings: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: RegoError[] };
export type EvalResult = { ok: true; results: ResultRow[] } | { ok: false; errors: RegoError[] };

export interface PreparedQuery {
  eval(opts?: EvalOptions): EvalResult;
  /** Raw result rows as Rego values (sets stay sets), for callers that need exact values. */
  evalValues(opts?: EvalOptions): { ok: true; rows: Map<string, Value>[] } | { ok: false; errors: RegoError[] };
}

const DEFAULT_MAX_STEPS = 10_000_000;
const EMPTY = fromJSON({});

// Builtin context with the clock and cache made on first use (most policies never read them).
class Ctx {
  private now: bigint | undefined;
  private c: Map<string, unknown> | undefined;
  readonly strict: boolean;
  constructor(now: bigint | undefined, strict: boolean) {
    this.now = now;
    this.strict = strict;
  }
  get nowNs(): bigint {
    return (this.now ??= BigInt(Date.now()) * 1_000_000n);
  }
  get cache(): Map<string, unknown> {
    return (this.c ??= new Map());
  }
}

function toErrors(e: unknown): RegoError[] {
  if (e instanceof RegoFailure) return e.errors;
  if (e instanceof RangeError) return [{ code: 'eval_limit_error', message: 'evaluation exceeded the stack depth limit' }];
  return [{ code: 'eval_internal_error', message: e instanceof Error ? e.message : String(e) }];
}

// OPA's iteration(): a ref with a non-constant key somewhere in the expression.
function hasIteration(e: Expr): boolean {
  let found = e.body.kind !== 'term';
  walkExpr(e, (t) => {
    if (t.type === 'ref' && t.path.some((p) => p.type !== 'scalar')) found = true;
  });
  return found;
}

// Names replaced with `with … as` anywhere in the sources (over-approximated from the text).
function withTargets(sources: string[]): Set<string> {
  const out = new Set<string>();
  for (const src of sources) for (const m of src.matchAll(/\bwith\s+([A-Za-z_][\w.]*)\s+as\b/g)) out.add(m[1]);
  return out;
}

function badOptions(opts: CompileOptions): string | null {
  if (typeof opts !== 'object' || opts === null) return 'options must be an object';
  if (typeof opts.modules !== 'object' || opts.modules === null) return 'modules must be an object of file name → source';
  for (const [file, src] of Object.entries(opts.modules)) if (typeof src !== 'string') return `modules["${file}"] must be a string`;
  if (opts.regoVersion !== undefined && opts.regoVersion !== 0 && opts.regoVersion !== 1) return 'regoVersion must be 0 or 1';
  return null;
}

export function prepare(opts: PrepareOptions): Result<PreparedQuery> {
  if (typeof opts === 'object' && opts !== null && typeof opts.query !== 'string') return { ok: false, errors: [{ code: 'invalid_argument', message: 'query must be a string' }] };
  const c = compileWith(opts, [opts.query]);
  return c.ok ? c.value.prepare(opts.query) : c;
}

/** Parses and compiles modules once, for many queries (`rego test`, `rego check`). */
export function compile(opts: CompileOptions): Result<Policy> {
  return compileWith(opts, []);
}

function compileWith(opts: CompileOptions, queries: string[]): Result<Policy> {
  const bad = badOptions(opts);
  if (bad !== null) return { ok: false, errors: [{ code: 'invalid_argument', message: bad }] };
  try {
    const version = opts.regoVersion ?? 1;
    const modules: Module[] = [];
    const errors: RegoError[] = [];
    for (const [file, src] of Object.entries(opts.modules)) {
      try {
        modules.push(parseModule(src, file, version, opts.regoVersion === undefined));
      } catch (e) {
        errors.push(...toErrors(e));
      }
    }
    if (errors.length) return { ok: false, errors };
    const policy = compileModules(modules, withTargets([...Object.values(opts.modules), ...queries]), { strict: opts.strictCompile === true, schemas: opts.schemas, inputSchemaEverywhere: opts.inputSchemaEverywhere });
    return { ok: true, value: new CompiledModules(policy, opts) };
  } catch (e) {
    return { ok: false, errors: toErrors(e) };
  }
}

class CompiledModules implements Policy {
  private readonly policy: CompiledPolicy;
  private readonly opts: CompileOptions;
  constructor(policy: CompiledPolicy, opts: CompileOptions) {
    this.policy = policy;
    this.opts = opts;
  }

  prepare(query: string): Result<PreparedQuery> {
    if (typeof query !== 'string') return { ok: false, errors: [{ code: 'invalid_argument', message: 'query must be a string' }] };
    try {
      const version = this.opts.regoVersion ?? 1;
      const q = compileQuery(parseQuery(query, version), this.policy, [], this.opts.regoVersion === 1);
      return { ok: true, value: new Prepared(this.policy, q, this.opts) };
    } catch (e) {
      return { ok: false, errors: toErrors(e) };
    }
  }

  rules(): RuleInfo[] {
    const out: RuleInfo[] = [];
    for (const m of this.policy.modules) for (const r of m.rules) out.push({ path: [...r.path], kind: r.kind, location: r.loc });
    return out;
  }

  coverableLines(): Map<string, Set<number>> {
    const out = new Map<string, Set<number>>();
    const add = (es: readonly Expr[]) => {
      for (const e of es) {
        let rows = out.get(e.loc.file);
        if (!rows) out.set(e.loc.file, (rows = new Set()));
        rows.add(e.loc.row);
        const b = e.body;
        if (b.kind === 'block' || b.kind === 'every') add(b.body);
      }
    };
    for (const m of this.policy.modules) for (const r of m.rules) for (let x: typeof r | null = r; x; x = x.elseRule) add(x.body);
    return out;
  }
}

class Prepared implements PreparedQuery {
  private readonly policy: CompiledPolicy;
  private readonly query: Query;
  private readonly opts: CompileOptions;
  private readonly names: [string, number][];
  private readonly fast: FastQuery | null;
  /** OPA's RewriteToCaptureValue: one expression without iteration reports its value, false included. */
  private readonly capture: boolean;

  constructor(policy: CompiledPolicy, query: Query, opts: CompileOptions) {
    this.policy = policy;
    this.query = query;
    this.opts = opts;
    this.names = [...query.varNames];
    this.fast = process.env.PORTICO_REGO_NO_FASTPATH ? null : buildFastQuery(policy, query);
    this.capture = query.body.length === 1 && !hasIteration(query.body[0]);
  }

  /** The generated fast path, when the query and data allow it; undefined = use the interpreter. */
  private tryFast(o: EvalOptions): ResultRow[] | undefined {
    const fast = this.fast;
    if (fast === null || o.inputValue !== undefined || o.onExpr !== undefined) return undefined;
    const d = o.data;
    if (d !== undefined && (typeof d !== 'object' || d === null || Object.getPrototypeOf(d) !== Object.prototype || Object.hasOwn(d, fast.root))) return undefined;
    const s = { steps: 0, max: o.limits?.maxSteps ?? DEFAULT_MAX_STEPS, bctx: new Ctx(o.nowNs, o.strict ?? this.opts.strict ?? false) };
    const v = fast.fn(o.input, s);
    if (v === FALLBACK) return undefined;
    if (v === undefined) return [];
    switch (fast.kind) {
      case 'compare':
        return [{ expressions: [EQ(v, fast.expect)], bindings: {} }];
      case 'term':
        return [{ expressions: [toJSON(V(v))], bindings: {} }];
      case 'bind':
        return [{ expressions: [true], bindings: { [fast.bind]: toJSON(V(v)) } }];
    }
  }

  private run(o: EvalOptions, onRow: (f: Frame, exprs: Value[]) => void): void {
    const limits = o.limits ?? {};
    const shared: Shared = {
      steps: 0,
      maxSteps: limits.maxSteps ?? DEFAULT_MAX_STEPS,
      deadline: limits.timeoutMs === undefined ? Infinity : Date.now() + limits.timeoutMs,
      bctx: new Ctx(o.nowNs, o.strict ?? this.opts.strict ?? false),
      print: o.print ?? this.opts.print ?? (() => {}),
      onExpr: o.onExpr ?? null,
    };
    const input = o.inputValue ?? (o.input === undefined ? undefined : fromJSON(o.input));
    const data = o.data === undefined ? EMPTY : fromJSON(o.data);
    const ev = new Evaluator(this.policy.root, data, input, shared);
    const body = this.query.body;
    const f: Frame = new Array(this.query.slots);
    const exprs: Value[] = new Array(body.length);
    const step = (i: number): boolean => {
      if (i === body.length) {
        onRow(f, exprs.slice());
        return false;
      }
      const e: Expr = body[i];
      const b = e.body;
      if (b.kind === 'term' && !e.negated && e.with.length === 0 && !(b.term.type === 'call' && (b.term as { outArg?: boolean }).outArg)) {
        // OPA's rego API captures the value of a lone expression: `x == y` reports false instead of failing
        const capture = this.capture;
        return ev.evalTerm(b.term, f, (v) => (v === false && !capture ? false : ((exprs[i] = v), step(i + 1))));
      }
      return ev.evalExpr(e, f, () => ((exprs[i] = true), step(i + 1)));
    };
    step(0);
  }

  evalValues(o: EvalOptions = {}): { ok: true; rows: Map<string, Value>[] } | { ok: false; errors: RegoError[] } {
    try {
      if (this.fast !== null && this.fast.kind === 'bind') {
        const fast = this.tryFast(o);
        if (fast !== undefined) return { ok: true, rows: fast.map((r) => new Map([[this.fast!.bind, fromJSON(r.bindings[this.fast!.bind])]])) };
      }
      const rows: Map<string, Value>[] = [];
      this.run(o, (f) => {
        const m = new Map<string, Value>();
        for (const [n, s] of this.names) if (f[s] !== undefined) m.set(n, f[s]!);
        rows.push(m);
      });
      return { ok: true, rows };
    } catch (e) {
      return { ok: false, errors: toErrors(e) };
    }
  }

  eval(o: EvalOptions = {}): EvalResult {
    try {
      const fast = this.tryFast(o);
      if (fast !== undefined) return { ok: true, results: fast };
      const results: ResultRow[] = [];
      this.run(o, (f, exprs) => {
        const bindings: Record<string, unknown> = {};
        for (const [n, s] of this.names) if (f[s] !== undefined) bindings[n] = toJSON(f[s]!);
        results.push({ expressions: exprs.map((x) => toJSON(x)), bindings });
      });
      return { ok: true, results };
    } catch (e) {
      return { ok: false, errors: toErrors(e) };
    }
  }
}
