// @portico/rego public API: prepare a query against modules once, evaluate it many times.
export { prepare, compile } from './api/prepare.ts';
export type { CompileOptions, Policy, RuleInfo, PrepareOptions, EvalOptions, EvalLimits, EvalResult, ResultRow, PreparedQuery, Result } from './api/prepare.ts';
export { formatError, REGO_ERROR_CODES } from './errors.ts';
export type { RegoError, RegoErrorCode, Location } from './errors.ts';
export { fromJSON, toJSON, formatValue } from './value/index.ts';
export type { Value } from './value/index.ts';
export { parseTermText } from './parser/parser.ts';
