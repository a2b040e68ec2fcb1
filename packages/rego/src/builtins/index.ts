// All of Portico's Rego builtins, merged from one explicit list of family tables (no registration by
// import side effect), plus invokeBuiltin, which the evaluator calls for every builtin call.
import type { Value } from '../value/index.ts';
import { BuiltinError, type BuiltinErrorCode } from './builtin-error.ts';
import { compileCheck, type OperandCheck } from './lib/check.ts';
import type { Builtin, BuiltinContext, BuiltinDecl, BuiltinImpl, BuiltinTable } from './lib/types.ts';
import { aggregateBuiltins } from './aggregates.ts';
import { arrayBuiltins } from './arrays.ts';
import { bitsBuiltins } from './bits.ts';
import { castBuiltins } from './casts.ts';
import { comparisonBuiltins } from './comparison.ts';
import { cryptoBuiltins } from './crypto.ts';
import { encodingBuiltins } from './encoding.ts';
import { graphBuiltins } from './graph.ts';
import { graphqlBuiltins } from './graphql.ts';
import { globBuiltins } from './glob.ts';
import { jsonPathBuiltins } from './json-paths.ts';
import { jsonYamlBuiltins } from './json-yaml.ts';
import { jsonSchemaBuiltins } from './jsonschema.ts';
import { jwtBuiltins } from './jwt.ts';
import { netBuiltins } from './net.ts';
import { numberBuiltins } from './numbers.ts';
import { objectBuiltins } from './objects.ts';
import { regexBuiltins } from './regex.ts';
import { purlBuiltins } from './purl.ts';
import { semverBuiltins } from './semver.ts';
import { setBuiltins } from './sets.ts';
import { sprintfBuiltins } from './sprintf.ts';
import { stringBuiltins } from './strings.ts';
import { testingBuiltins } from './testing.ts';
import { timeBuiltins } from './time.ts';
import { typeBuiltins } from './types.ts';
import { unitBuiltins } from './units.ts';
import { uriBuiltins } from './uri.ts';
import { uuidBuiltins } from './uuid.ts';
import { x509Builtins } from './x509.ts';
import { skippedBuiltins } from './skipped.ts';

const FAMILIES: readonly BuiltinTable[] = [
  comparisonBuiltins,
  numberBuiltins,
  bitsBuiltins,
  aggregateBuiltins,
  arrayBuiltins,
  setBuiltins,
  typeBuiltins,
  castBuiltins,
  stringBuiltins,
  sprintfBuiltins,
  objectBuiltins,
  jsonPathBuiltins,
  regexBuiltins,
  globBuiltins,
  encodingBuiltins,
  jsonYamlBuiltins,
  unitBuiltins,
  purlBuiltins,
  semverBuiltins,
  netBuiltins,
  timeBuiltins,
  cryptoBuiltins,
  jwtBuiltins,
  uriBuiltins,
  uuidBuiltins,
  graphBuiltins,
  testingBuiltins,
  jsonSchemaBuiltins,
  graphqlBuiltins,
  x509Builtins,
];

/** A builtin with its operand check compiled from the declaration. */
interface Prepared extends Builtin {
  readonly check: OperandCheck;
}

function merge(tables: readonly BuiltinTable[]): ReadonlyMap<string, Prepared> {
  const out = new Map<string, Prepared>();
  for (const table of tables) {
    for (const [name, b] of Object.entries(table)) {
      if (out.has(name)) throw new Error(`builtin ${name} is defined twice`);
      if (b.decl.name !== name) throw new Error(`builtin ${name} declares the name ${b.decl.name}`);
      out.set(name, { decl: b.decl, impl: b.impl, check: b.anyOperands ? () => {} : compileCheck(b.decl) });
    }
  }
  return out;
}

const prepared = merge(FAMILIES);
export const builtins: ReadonlyMap<string, Builtin> = prepared;

/**
 * Calls builtin `name`. Throws BuiltinError with OPA's message (`<name>: <detail>`) on a bad operand or a
 * failed call; returns undefined when the call has no result.
 */
export function invokeBuiltin(name: string, args: Value[], ctx: BuiltinContext): Value | undefined {
  const b = prepared.get(name);
  if (b === undefined) throw new BuiltinError('eval_builtin_error', `${name}: unknown builtin`);
  return call(b, name, args, ctx);
}

/**
 * Same as invokeBuiltin for a builtin the caller already looked up in `builtins` (e.g. once at compile
 * time), saving the lookup on every call.
 */
export function callBuiltin(b: Builtin, args: Value[], ctx: BuiltinContext): Value | undefined {
  // Entries of `builtins` carry their compiled check; a builtin from elsewhere (a test double) gets one.
  const p = 'check' in b ? (b as Prepared) : { ...b, check: compileCheck(b.decl) };
  return call(p, b.decl.name, args, ctx);
}

function call(b: Prepared, name: string, args: Value[], ctx: BuiltinContext): Value | undefined {
  try {
    b.check(args);
    return b.impl(args, ctx);
  } catch (e) {
    if (e instanceof BuiltinError) throw new BuiltinError(e.code, `${name}: ${e.message}`);
    // A bug or an unexpected library failure must still surface as a builtin error, never crash the caller.
    throw new BuiltinError('eval_builtin_error', `${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Builtins OPA removed from Rego v1 (still available to v0 modules). A v1 compile should treat calls to
 * them as undefined functions, as OPA does.
 */
export const deprecatedBuiltins: ReadonlySet<string> = new Set([
  'all', 'any', 're_match', 'set_diff', 'net.cidr_overlap',
  'cast_array', 'cast_set', 'cast_string', 'cast_boolean', 'cast_null', 'cast_object',
]);

export { BuiltinError, skippedBuiltins };
export type { Builtin, BuiltinContext, BuiltinDecl, BuiltinErrorCode, BuiltinImpl };
