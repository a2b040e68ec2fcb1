// Errors raised by builtins. The evaluator turns them into OPA's `eval_type_error` / `eval_builtin_error`
// (undefined result unless strict mode is on). Messages follow OPA's text exactly because the conformance
// cases match on it; `invokeBuiltin` adds the `<builtin name>: ` prefix OPA puts in front of every message.
export type BuiltinErrorCode = 'eval_type_error' | 'eval_builtin_error';

export class BuiltinError extends Error {
  readonly code: BuiltinErrorCode;
  constructor(code: BuiltinErrorCode, message: string) {
    super(message);
    this.name = 'BuiltinError';
    this.code = code;
  }
}

/** A builtin-specific failure (`eval_builtin_error`), e.g. `divide by zero`. */
export function builtinError(message: string): BuiltinError {
  return new BuiltinError('eval_builtin_error', message);
}

/** A wrong operand (`eval_type_error`), e.g. `operand 1 must be string but got number`. */
export function typeError(message: string): BuiltinError {
  return new BuiltinError('eval_type_error', message);
}
