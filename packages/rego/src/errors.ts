// Errors of @portico/rego as values with OPA's codes. Parse/compile errors come back from prepare(),
// evaluation errors from eval(); nothing throws out of the public API.

export const REGO_ERROR_CODES = [
  'rego_parse_error',
  'rego_compile_error',
  'rego_type_error',
  'rego_unsafe_var_error',
  'rego_recursion_error',
  'rego_unsupported_builtin',
  'eval_conflict_error',
  'eval_type_error',
  'eval_builtin_error',
  'eval_limit_error',
  'eval_cancel_error',
  'eval_internal_error',
  'invalid_argument',
] as const;

export type RegoErrorCode = (typeof REGO_ERROR_CODES)[number];

export interface Location {
  readonly file: string;
  readonly row: number;
  readonly col: number;
}

export interface RegoError {
  readonly code: RegoErrorCode;
  readonly message: string;
  readonly location?: Location;
}

/** OPA's text form: `file:row: code: message` (or `code: message` without a location). */
export function formatError(e: RegoError): string {
  return e.location ? `${e.location.file}:${e.location.row}: ${e.code}: ${e.message}` : `${e.code}: ${e.message}`;
}

/** Thrown inside the engine and caught at the API boundary. */
export class RegoFailure extends Error {
  readonly errors: RegoError[];
  constructor(errors: RegoError[]) {
    super(errors.map(formatError).join('\n'));
    this.errors = errors;
  }
}

export function fail(code: RegoErrorCode, message: string, location?: Location): never {
  throw new RegoFailure([{ code, message, location }]);
}
