// Rego AST. Terms are values-with-variables; expressions make up bodies; rules make up modules.
// The compiler annotates vars with frame slots and resolves refs to data paths; the evaluator reads
// these nodes directly.
import type { Location } from '../errors.ts';
import type { Value } from '../value/index.ts';

export type Term =
  | ScalarTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | SetTerm
  | ObjectTerm
  | ComprTerm
  | CallTerm
  | TemplateTerm;

export interface ScalarTerm {
  readonly type: 'scalar';
  readonly value: Value; // null | boolean | number | bigint | string
  loc: Location;
}
export interface VarTerm {
  readonly type: 'var';
  name: string;
  slot: number; // frame slot, -1 until the compiler assigns one
  loc: Location;
}
export interface RefTerm {
  readonly type: 'ref';
  head: Term; // a var (data, input, local, alias) or a composite/call term
  path: Term[];
  loc: Location;
}
export interface ArrayTerm {
  readonly type: 'array';
  items: Term[];
  loc: Location;
}
export interface SetTerm {
  readonly type: 'set';
  items: Term[];
  loc: Location;
}
export interface ObjectTerm {
  readonly type: 'object';
  items: [Term, Term][];
  loc: Location;
}
export interface ComprTerm {
  readonly type: 'compr';
  readonly kind: 'array' | 'set' | 'object';
  key: Term | null; // object comprehensions only
  value: Term;
  body: Expr[];
  loc: Location;
}
export interface CallTerm {
  readonly type: 'call';
  op: RefTerm | VarTerm; // function name as written
  args: Term[];
  // set by the compiler: builtin name, or data path of a user function
  target?: CallTarget;
  // rego.metadata.rule()/chain(): the enclosing rule's annotations, attached by the compiler
  meta?: Value;
  loc: Location;
}
export interface TemplateTerm {
  readonly type: 'template';
  parts: (string | Term)[];
  loc: Location;
}

export type CallTarget = { readonly kind: 'builtin'; readonly name: string } | { readonly kind: 'func'; readonly path: readonly string[] };

export interface WithModifier {
  target: Term; // ref to input/data… or a function/builtin name
  value: Term;
  loc: Location;
}

export type Expr = {
  /** set by the safety pass: at most one solution, so it can run without a continuation */
  det?: boolean;
  /** compiled closure for deterministic expressions (eval/direct.ts), made on first use */
  run?: unknown;
  negated: boolean;
  with: WithModifier[];
  loc: Location;
  body: ExprBody;
};

export type ExprBody =
  | { readonly kind: 'term'; term: Term }
  | { readonly kind: 'unify'; left: Term; right: Term; readonly assign: boolean }
  | { readonly kind: 'some'; vars: VarTerm[] }
  | { readonly kind: 'someIn'; key: Term | null; value: Term; collection: Term }
  | { readonly kind: 'block'; body: Expr[] }
  | { readonly kind: 'every'; key: VarTerm | null; value: VarTerm; domain: Term; body: Expr[] };

export type RuleKind = 'complete' | 'multi' | 'function';

export interface RuleHead {
  ref: Term[]; // path inside the package: first item a var (rule name), then keys
  args: Term[] | null; // functions
  key: Term | null; // multi-value (contains / v0 `p[x]`)
  value: Term | null; // null = true (or set membership for multi-value rules)
  assign: boolean; // `:=`
  loc: Location;
}

export interface Rule {
  head: RuleHead;
  body: Expr[];
  isDefault: boolean;
  kind: RuleKind;
  elseRule: Rule | null;
  // set by the compiler
  path: string[]; // package path + ground prefix of the head ref
  rest: Term[]; // non-ground remainder of the head ref (object keys)
  slots: number; // frame size
  module: Module;
  annotations?: Annotation[]; // rule-scope `# METADATA` blocks attached to this rule, in source order
  loc: Location;
}

/** What a `# METADATA` block is attached to: the first package, import or rule after it. */
export type AnnotationTarget = { readonly kind: 'package' } | { readonly kind: 'import' } | { readonly kind: 'rule'; readonly rule: Rule } | null;

/** A `# METADATA` block (OPA's ast.Annotations); empty fields are left out, as OPA leaves them out. */
export interface Annotation {
  scope: string; // rule | document | package | subpackages
  title?: string;
  description?: string;
  entrypoint?: boolean;
  organizations?: string[];
  related_resources?: { ref: string; description?: string }[];
  authors?: { name?: string; email?: string }[];
  schemas?: { path: string[]; schema?: string[]; definition?: unknown }[];
  custom?: Record<string, unknown>;
  loc: Location; // the `# METADATA` line
  target: AnnotationTarget;
}

export interface Import {
  path: Term; // ref
  alias: string | null;
  loc: Location;
}

export interface Module {
  file: string;
  pkg: string[]; // path after `data`
  pkgLoc?: Location;
  imports: Import[];
  rules: Rule[];
  annotations: Annotation[];
  regoVersion: 0 | 1;
  /** Rego v1 rules apply: a v1 module, or a v0 module with `import rego.v1`. */
  v1: boolean;
}

export interface Query {
  body: Expr[];
  slots: number;
  varNames: Map<string, number>; // user-visible query vars → slot
}
