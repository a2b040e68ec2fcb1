// graphql.* builtins (OPA topdown/graphql.go): parse queries and schemas into gqlparser's AST shape,
// load and validate schemas, validate queries against them. Errors read
// "<message> in GraphQL string at location <line>:<col>" as in OPA.
import type { Value } from '../value/index.ts';
import { fromJSON, isObject, makeObject, toJSON } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, anyOf, fn, objectOf, tupleOf } from './lib/decl.ts';
import { GqlError, parseQuery, prune, type Node } from './lib/graphql/parser.ts';
import { parseSchema } from './lib/graphql/sdl.ts';
import { loadSchema, type Schema } from './lib/graphql/schema.ts';
import { validateQuery } from './lib/graphql/validate.ts';
import { operandTypeError } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const DOC = anyOf(T_STR, objectOf(T_ANY, T_ANY));
const AST = objectOf(T_ANY, T_ANY);

function located(e: GqlError): Error {
  return builtinError(`${e.message} in GraphQL string at location ${e.line}:${e.col}`);
}

function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GqlError) throw located(e);
    throw e;
  }
}

/** A query or schema given as text (parsed) or as an AST object from an earlier parse_* call. */
function doc(v: Value, pos: number, parse: (s: string) => Node): Node {
  if (typeof v === 'string') return parse(v);
  if (isObject(v)) return toJSON(v) as Node;
  throw operandTypeError(pos, v, 'string', 'object');
}

function out(n: Node): Value {
  return fromJSON(prune(n));
}

function checked(q: Value, s: Value): { query: Node; schemaDoc: Node; schema: Schema } {
  const schemaDoc = doc(s, 2, parseSchema);
  const query = doc(q, 1, parseQuery);
  const schema = loadSchema(schemaDoc);
  const errors = validateQuery(schema, query);
  if (errors.length) throw errors[0];
  return { query, schemaDoc, schema };
}

function valid(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof GqlError) return false;
    throw e;
  }
}

export const graphqlBuiltins: BuiltinTable = {
  'graphql.parse_query': { decl: fn('graphql.parse_query', [T_STR], AST), impl: (a) => guard(() => out(doc(a[0], 1, parseQuery))) },
  'graphql.parse_schema': { decl: fn('graphql.parse_schema', [T_STR], AST), impl: (a) => guard(() => out(doc(a[0], 1, parseSchema))) },
  'graphql.parse': {
    decl: fn('graphql.parse', [DOC, DOC], tupleOf(AST, AST)),
    impl: (a) =>
      guard(() => {
        const { query, schemaDoc } = checked(a[0], a[1]);
        return [out(query), out(schemaDoc)];
      }),
  },
  'graphql.parse_and_verify': {
    decl: fn('graphql.parse_and_verify', [DOC, DOC], tupleOf(T_BOOL, AST, AST)),
    impl: (a) => {
      try {
        const { query, schemaDoc } = checked(a[0], a[1]);
        return [true, out(query), out(schemaDoc)];
      } catch (e) {
        if (e instanceof GqlError) return [false, makeObject([]), makeObject([])];
        throw e;
      }
    },
  },
  'graphql.is_valid': { decl: fn('graphql.is_valid', [DOC, DOC], T_BOOL), impl: (a) => valid(() => checked(a[0], a[1])) },
  'graphql.schema_is_valid': {
    decl: fn('graphql.schema_is_valid', [DOC], T_BOOL),
    impl: (a) => valid(() => loadSchema(doc(a[0], 1, parseSchema))),
  },
};
