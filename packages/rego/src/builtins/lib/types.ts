// The shapes every builtin family shares: declaration, implementation, evaluation context.
import type { Value } from '../../value/index.ts';
import type { BuiltinDecl } from '../../types/index.ts';

export type { BuiltinDecl };

export interface BuiltinContext {
  /** Evaluation start time, fixed for the whole query as OPA does. */
  nowNs: bigint;
  /** Strict builtin errors: the evaluator raises errors instead of making the call undefined. */
  strict: boolean;
  /** Per-query cache (rand.intn, uuid.rfc4122 are deterministic within one query). */
  cache: Map<string, unknown>;
}

/** `undefined` means the call is undefined (no result), as OPA's builtins that return no value. */
export type BuiltinImpl = (args: Value[], ctx: BuiltinContext) => Value | undefined;

export interface Builtin {
  decl: BuiltinDecl;
  impl: BuiltinImpl;
  /** The implementation takes operands of any type at run time (the declaration still types literals at compile
   * time), as OPA's json.is_valid answers false for a non-string. */
  anyOperands?: true;
}

export type BuiltinTable = Record<string, Builtin>;
