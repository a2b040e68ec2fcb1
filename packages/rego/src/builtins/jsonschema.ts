// json.verify_schema and json.match_schema (OPA topdown/jsonschema.go) on a gojsonschema-compatible
// validator: same error objects {error, desc, field, type} and texts.
import type { Value } from '../value/index.ts';
import { isNumber, makeObject, toJSON } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, anyOf, arrayOf, fn, objectOf, tupleOf } from './lib/decl.ts';
import { SchemaInvalid, checkSchema, validate } from './lib/jsonschema.ts';
import { operandTypeError } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

const DOC = anyOf(T_STR, objectOf(), arrayOf(), T_BOOL);

function plain(v: Value, pos: number): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch (e) {
      throw builtinError(`operand ${pos}: invalid JSON: ${(e as Error).message}`);
    }
  }
  if (v === null || isNumber(v)) throw operandTypeError(pos, v, 'string', 'object', 'boolean');
  return toJSON(v);
}

function schemaOf(v: Value, pos: number): unknown {
  const s = plain(v, pos);
  checkSchema(s);
  return s;
}

export const jsonSchemaBuiltins: BuiltinTable = {
  'json.verify_schema': {
    decl: fn('json.verify_schema', [DOC], tupleOf(T_BOOL, anyOf(T_STR, { kind: 'null' }))),
    impl: (a) => {
      try {
        schemaOf(a[0], 1);
        return [true, null];
      } catch (e) {
        if (e instanceof SchemaInvalid) return [false, `jsonschema: ${e.message}`];
        throw e;
      }
    },
  },
  'json.match_schema': {
    decl: fn('json.match_schema', [DOC, DOC], tupleOf(T_BOOL, arrayOf(objectOf(T_STR, T_ANY)))),
    impl: (a) => {
      const doc = plain(a[0], 1);
      let schema: unknown;
      try {
        schema = schemaOf(a[1], 2);
      } catch (e) {
        if (e instanceof SchemaInvalid) throw builtinError(e.message);
        throw e;
      }
      const errors = validate(schema as Record<string, unknown>, doc).map((e) =>
        makeObject([
          ['error', `${e.field}: ${e.desc}`],
          ['desc', e.desc],
          ['field', e.field],
          ['type', e.type],
        ]),
      );
      return [errors.length === 0, errors];
    },
  },
};
