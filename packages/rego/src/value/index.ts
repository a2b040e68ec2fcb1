// @portico/rego value model — the contract between the evaluator and src/builtins/.
// Representation: null/boolean/string are JS primitives; numbers are JS `number`, `bigint` only for integers
// outside ±2^53 (normalizeInt brings them back), or BigNum for decimals float64 cannot hold (bignum.ts);
// arrays are readonly JS arrays; sets are SetValue and objects ObjectValue (hashed by structural key). Builtin type declarations use TypeSpec from ../types/spec.ts.
export type { Value, TypeName, Entry } from './model.ts';
export {
  SetValue,
  ObjectValue,
  keyOf,
  typeName,
  isNumber,
  isString,
  isBoolean,
  isNull,
  isArray,
  isSet,
  isObject,
  isComposite,
  normalizeInt,
  makeSet,
  emptySet,
  setValues,
  setHas,
  setSize,
  makeObject,
  objectGet,
  objectEntries,
  objectKeys,
  objectSize,
} from './model.ts';
export { compare, compareStrings, equal } from './compare.ts';
export { BigNum, numberFromText } from './bignum.ts';
export { fromJSON, toJSON } from './json.ts';
export { formatValue, formatNumber } from './format.ts';
