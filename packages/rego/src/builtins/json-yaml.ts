// json.marshal / marshal_with_options / unmarshal / is_valid and yaml.marshal / unmarshal / is_valid
// (OPA topdown/encoding.go). YAML is read as go-yaml does through sigs.k8s.io/yaml: YAML 1.1 scalars,
// then converted to JSON-compatible values.
import { parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import type { ObjectValue, Value } from '../value/index.ts';
import { fromJSON, objectEntries, toJSON } from '../value/index.ts';
import { isRawJSON } from '../value/bignum.ts';
import { builtinError, typeError } from './builtin-error.ts';
import { T } from '../types/index.ts';
import { T_ANY, T_BOOL, T_STR, fn } from './lib/decl.ts';
import { goJSON, parseJSONExact } from './lib/gojson.ts';
import { goJSONDecodeError } from './lib/gojson-errors.ts';
import { obj, str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

function marshalWithOptions(args: Value[]): Value {
  const opts = obj(args, 1) as ObjectValue;
  let pretty: boolean | null = null;
  let prefix = '';
  let indent = '\t';
  let sawFormatting = false;
  for (const [k, v] of objectEntries(opts)) {
    if (k === 'pretty') {
      if (typeof v !== 'boolean') throw typeError('operand 2 "pretty" must be a boolean');
      pretty = v;
    } else if (k === 'indent') {
      if (typeof v !== 'string') throw typeError('operand 2 "indent" must be a string');
      indent = v;
      sawFormatting = true;
    } else if (k === 'prefix') {
      if (typeof v !== 'string') throw typeError('operand 2 "prefix" must be a string');
      prefix = v;
      sawFormatting = true;
    } else {
      throw typeError(`operand 2 object key ${JSON.stringify(k)} is not one of {"pretty", "indent", "prefix"}`);
    }
  }
  // Indent or prefix without "pretty" implies pretty; an explicit pretty: false wins.
  const usePretty = pretty ?? sawFormatting;
  if (!usePretty) return goJSON(args[0]);
  // json.MarshalIndent: the prefix starts every line after the first.
  return goJSON(args[0], prefix, indent);
}

function unmarshalJSON(s: string): Value {
  try {
    return parseJSONExact(s);
  } catch (e) {
    throw builtinError(goJSONDecodeError(s) ?? (e as Error).message);
  }
}

const YAML_OPTS = { version: '1.1', intAsBigInt: true, uniqueKeys: false } as const;

/** YAML → JSON-like values: keys become strings (sigs.k8s.io/yaml), big ints stay exact. */
function yamlToValue(x: unknown): Value {
  if (x instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of x) o[typeof k === 'string' ? k : String(k)] = v;
    return yamlToValue(o);
  }
  if (Array.isArray(x)) return x.map(yamlToValue);
  if (x !== null && typeof x === 'object' && !(x instanceof Date)) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) o[k] = yamlToValue(v);
    return fromJSON(o);
  }
  if (x instanceof Date) return x.toISOString();
  if (x === undefined) return null;
  if (typeof x === 'number' && !Number.isFinite(x)) throw builtinError('yaml: cannot represent a non-finite number in JSON');
  return fromJSON(x);
}

/** A BigNum (raw JSON from toJSON) reaches YAML as the float64 Go's YAML encoding holds; beyond its range, an error. */
function yamlNumber(_k: unknown, v: unknown): unknown {
  if (!isRawJSON(v)) return v;
  const f = Number(v.rawJSON);
  if (!Number.isFinite(f)) throw builtinError(`yaml: cannot represent number ${v.rawJSON} as a float64`);
  return f;
}

function unmarshalYAML(s: string): Value {
  const docs = parseAllDocuments(s, YAML_OPTS);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) if (d.errors.length) throw builtinError(d.errors[0].message);
  if (list.length === 0) return null;
  return yamlToValue(list[0].toJS({ mapAsMap: true }));
}

export const jsonYamlBuiltins: BuiltinTable = {
  'json.marshal': { decl: fn('json.marshal', [T_ANY], T_STR), impl: (a) => goJSON(a[0]) },
  'json.marshal_with_options': {
    decl: fn('json.marshal_with_options', [T_ANY, T.objectWith([['pretty', T_BOOL], ['indent', T_STR], ['prefix', T_STR]], { key: T_STR, value: T_ANY })], T_STR),
    impl: marshalWithOptions,
  },
  'json.unmarshal': { decl: fn('json.unmarshal', [T_STR], T_ANY), impl: (a) => unmarshalJSON(str(a, 0)) },
  'json.is_valid': {
    decl: fn('json.is_valid', [T_STR], T_BOOL),
    // OPA answers false for a non-string operand instead of a type error
    anyOperands: true,
    impl: (a) => {
      if (typeof a[0] !== 'string') return false;
      try {
        JSON.parse(str(a, 0));
        return true;
      } catch {
        return false;
      }
    },
  },
  'yaml.marshal': {
    decl: fn('yaml.marshal', [T_ANY], T_STR),
    impl: (a) => stringifyYaml(toJSON(a[0]), yamlNumber, { version: '1.1', sortMapEntries: true, indentSeq: false, lineWidth: 0 }),
  },
  'yaml.unmarshal': { decl: fn('yaml.unmarshal', [T_STR], T_ANY), impl: (a) => unmarshalYAML(str(a, 0)) },
  'yaml.is_valid': {
    decl: fn('yaml.is_valid', [T_STR], T_BOOL),
    anyOperands: true,
    impl: (a) => {
      if (typeof a[0] !== 'string') return false;
      try {
        unmarshalYAML(str(a, 0));
        return true;
      } catch {
        return false;
      }
    },
  },
};

