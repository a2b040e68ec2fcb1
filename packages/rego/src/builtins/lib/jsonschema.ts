// A JSON Schema (draft 4–7 core) validator reporting errors the way gojsonschema (OPA's library) words
// them: {field, type, desc} with fields like "(root)", "id", "a.0.b".
type J = unknown;
type Schema = Record<string, J> | boolean;

export interface SchemaError {
  field: string;
  type: string;
  desc: string;
}

const TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];

export class SchemaInvalid extends Error {}

/** Checks the schema itself (gojsonschema's loader errors). */
export function checkSchema(s: J): void {
  if (typeof s === 'boolean') return;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new SchemaInvalid('schema must be an object or a boolean');
  const o = s as Record<string, J>;
  if (o.type !== undefined) {
    const ts = Array.isArray(o.type) ? o.type : [o.type];
    for (const t of ts) {
      if (typeof t !== 'string' || !TYPES.includes(t)) {
        throw new SchemaInvalid(`has a primitive type that is NOT VALID -- given: /${String(t)}/ Expected valid values are:[${TYPES.join(' ')}]`);
      }
    }
  }
  for (const k of ['properties', 'patternProperties', 'definitions', '$defs']) {
    const m = o[k];
    if (m && typeof m === 'object') for (const v of Object.values(m)) checkSchema(v);
  }
  for (const k of ['items', 'additionalProperties', 'additionalItems', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']) {
    const v = o[k];
    if (Array.isArray(v)) v.forEach(checkSchema);
    else if (v !== undefined && typeof v === 'object') checkSchema(v);
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(o[k])) (o[k] as J[]).forEach(checkSchema);
}

function typeOf(v: J): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'bigint') return 'integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function deepEqual(a: J, b: J): boolean {
  return JSON.stringify(a, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)) === JSON.stringify(b, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}

function fieldName(path: string[]): string {
  return path.length ? path.join('.') : '(root)';
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) return true;
  let cur: J = root;
  for (const seg of ref.slice(1).split('/').filter(Boolean)) {
    cur = (cur as Record<string, J>)?.[seg.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return (cur as Schema) ?? true;
}

export function validate(root: Schema, doc: J): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, root, doc, [], errors);
  return errors;
}

/** Does v satisfy subschema s ($refs resolve against root)? */
function passes(root: Schema, s: Schema, v: J): boolean {
  const errors: SchemaError[] = [];
  check(root, s, v, [], errors);
  return errors.length === 0;
}

function check(root: Schema, s0: Schema, v0: J, path0: string[], errors: SchemaError[]): void {
  const add = (path: string[], type: string, desc: string): void => {
    errors.push({ field: fieldName(path), type, desc });
  };
  const run = (s: Schema, v: J, path: string[]): void => {
    if (s === true) return;
    if (s === false) return add(path, 'false', 'False always fails validation');
    if (typeof s.$ref === 'string') return run(resolveRef(root, s.$ref), v, path);
    const t = typeOf(v);
    if (s.type !== undefined) {
      const ts = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
      const ok = ts.some((x) => x === t || (x === 'number' && t === 'integer'));
      if (!ok) return add(path, 'invalid_type', `Invalid type. Expected: ${ts.join(', ')}, given: ${t}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, v))) {
      add(path, 'enum', `${fieldName(path)} must be one of the following: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    }
    if ('const' in s && !deepEqual(s.const, v)) add(path, 'const', `${fieldName(path)} does not match: ${JSON.stringify(s.const)}`);
    if (t === 'integer' || t === 'number') {
      const n = Number(v);
      if (typeof s.minimum === 'number' && n < s.minimum) add(path, 'number_gte', `Must be greater than or equal to ${s.minimum}`);
      if (typeof s.maximum === 'number' && n > s.maximum) add(path, 'number_lte', `Must be less than or equal to ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) add(path, 'number_gt', `Must be greater than ${s.exclusiveMinimum}`);
      if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) add(path, 'number_lt', `Must be less than ${s.exclusiveMaximum}`);
      if (typeof s.multipleOf === 'number' && !Number.isInteger(n / s.multipleOf)) add(path, 'multiple_of', `Must be a multiple of ${s.multipleOf}`);
    }
    if (t === 'string') {
      const len = [...(v as string)].length;
      if (typeof s.minLength === 'number' && len < s.minLength) add(path, 'string_gte', `String length must be greater than or equal to ${s.minLength}`);
      if (typeof s.maxLength === 'number' && len > s.maxLength) add(path, 'string_lte', `String length must be less than or equal to ${s.maxLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v as string)) add(path, 'pattern', `Does not match pattern '${s.pattern}'`);
    }
    if (t === 'array') {
      const xs = v as J[];
      if (typeof s.minItems === 'number' && xs.length < s.minItems) add(path, 'array_min_items', `Array must have at least ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && xs.length > s.maxItems) add(path, 'array_max_items', `Array must have at most ${s.maxItems} items`);
      if (s.uniqueItems === true) {
        for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (deepEqual(xs[i], xs[j])) add(path, 'unique', `array items[${i},${j}] must be unique`);
      }
      if (Array.isArray(s.items)) {
        (s.items as Schema[]).forEach((is, i) => i < xs.length && run(is, xs[i], [...path, String(i)]));
        if (s.additionalItems === false && xs.length > s.items.length) add(path, 'array_no_additional_items', 'No additional items allowed on array');
      } else if (s.items !== undefined) xs.forEach((x, i) => run(s.items as Schema, x, [...path, String(i)]));
    }
    if (t === 'object') {
      const o = v as Record<string, J>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (Array.isArray(s.required) ? s.required : []) as string[]) {
        if (!Object.hasOwn(o, r)) add(path, 'required', `${r} is required`);
      }
      const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
      for (const [k, x] of Object.entries(o)) {
        let matched = false;
        if (Object.hasOwn(props, k)) {
          matched = true;
          run(props[k], x, [...path, k]);
        }
        for (const [p, ps] of patterns) {
          if (new RegExp(p, 'u').test(k)) {
            matched = true;
            run(ps, x, [...path, k]);
          }
        }
        if (!matched && s.additionalProperties === false) add(path, 'additional_property_not_allowed', `Additional property ${k} is not allowed`);
        else if (!matched && s.additionalProperties && typeof s.additionalProperties === 'object') run(s.additionalProperties as Schema, x, [...path, k]);
      }
      const n = Object.keys(o).length;
      if (typeof s.minProperties === 'number' && n < s.minProperties) add(path, 'array_min_properties', `Must have at least ${s.minProperties} properties`);
      if (typeof s.maxProperties === 'number' && n > s.maxProperties) add(path, 'array_max_properties', `Must have at most ${s.maxProperties} properties`);
    }
    if (Array.isArray(s.allOf) && !(s.allOf as Schema[]).every((x) => passes(root, x, v))) add(path, 'number_all_of', 'Must validate all the schemas (allOf)');
    if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((x) => passes(root, x, v))) add(path, 'number_any_of', 'Must validate at least one schema (anyOf)');
    if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((x) => passes(root, x, v)).length !== 1) add(path, 'number_one_of', 'Must validate one and only one schema (oneOf)');
    if (s.not !== undefined && passes(root, s.not as Schema, v)) add(path, 'number_not', 'Must not validate the schema (not)');
  };
  run(s0, v0, path0);
}
