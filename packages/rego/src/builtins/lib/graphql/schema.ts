// Schema loading and validation after gqlparser's validator.LoadSchema: the prelude (built-in scalars,
// directives, introspection types), definitions merged with extensions (an extension of an unknown type
// creates it), then the definition rules with gqlparser's messages.
import { GqlError, POS, type Node } from './parser.ts';
import { parseSchema } from './sdl.ts';

export interface Schema {
  types: Map<string, Node>;
  directives: Map<string, Node>;
  roots: { query?: Node; mutation?: Node; subscription?: Node };
}

const PRELUDE = `
scalar Int
scalar Float
scalar String
scalar Boolean
scalar ID
directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
directive @specifiedBy(url: String!) on SCALAR
directive @oneOf on INPUT_OBJECT
type __Schema { description: String types: [__Type!]! queryType: __Type! mutationType: __Type subscriptionType: __Type directives: [__Directive!]! }
type __Type { kind: __TypeKind! name: String description: String fields(includeDeprecated: Boolean = false): [__Field!] interfaces: [__Type!] possibleTypes: [__Type!] enumValues(includeDeprecated: Boolean = false): [__EnumValue!] inputFields: [__InputValue!] ofType: __Type specifiedByURL: String }
type __Field { name: String! description: String args: [__InputValue!]! type: __Type! isDeprecated: Boolean! deprecationReason: String }
type __InputValue { name: String! description: String type: __Type! defaultValue: String }
type __EnumValue { name: String! description: String isDeprecated: Boolean! deprecationReason: String }
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
type __Directive { name: String! description: String locations: [__DirectiveLocation!]! args: [__InputValue!]! isRepeatable: Boolean! }
enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
`;

let prelude: Node | null = null;

export function err(n: Node | undefined, message: string): GqlError {
  const p = n?.[POS];
  return new GqlError(message, p?.line ?? 0, p?.col ?? 0);
}

const list = (n: Node, k: string) => (n[k] as Node[] | undefined) ?? [];
const strs = (n: Node, k: string) => (n[k] as string[] | undefined) ?? [];

export function namedType(t: Node): string {
  return t.Elem ? namedType(t.Elem as Node) : (t.NamedType as string);
}

function kindList(...ks: string[]): string {
  return ks.join(', ');
}

export function loadSchema(doc: Node): Schema {
  prelude ??= parseSchema(PRELUDE);
  const types = new Map<string, Node>();
  const directives = new Map<string, Node>();
  for (const d of list(prelude, 'Definitions')) types.set(d.Name as string, { ...d, BuiltIn: true });
  for (const d of list(prelude, 'Directives')) directives.set(d.Name as string, d);
  const builtinDirectives = new Set(directives.keys());
  for (const d of list(doc, 'Definitions')) {
    const name = d.Name as string;
    if (types.has(name) && !(types.get(name)!.BuiltIn && d.Kind === 'SCALAR')) throw err(d, `Cannot redeclare type ${name}.`);
    types.set(name, { ...d });
  }
  for (const ext of list(doc, 'Extensions')) {
    const name = ext.Name as string;
    let def = types.get(name);
    if (!def) {
      def = { Kind: ext.Kind, Name: name, BuiltIn: false, Description: '' };
      Object.defineProperty(def, POS, { value: ext[POS], enumerable: false });
      types.set(name, def);
    }
    if (def.Kind !== ext.Kind) throw err(ext, `Cannot extend type ${name} because the base type is a ${def.Kind}, not ${ext.Kind}.`);
    for (const k of ['Directives', 'Interfaces', 'Fields', 'Types', 'EnumValues']) def[k] = [...list(def, k), ...list(ext, k)];
  }
  for (const d of list(doc, 'Directives')) {
    const name = d.Name as string;
    if (directives.has(name) && !builtinDirectives.has(name)) throw err(d, `Cannot redeclare directive ${name}.`);
    directives.set(name, d);
  }
  const schema: Schema = { types, directives, roots: {} };
  for (const def of types.values()) if (!def.BuiltIn) validateDefinition(schema, def);
  for (const d of list(doc, 'Directives')) validateArgs(schema, list(d, 'Arguments'));
  const schemaDefs = [...list(doc, 'Schema'), ...list(doc, 'SchemaExtension')];
  if (list(doc, 'Schema').length > 1) throw err(list(doc, 'Schema')[1], 'Cannot have multiple schema entry points, consider schema extensions instead.');
  for (const sd of schemaDefs) {
    for (const ot of list(sd, 'OperationTypes')) {
      const def = types.get(ot.Type as string);
      if (!def) throw err(ot, `Schema root ${ot.Operation} refers to a type ${ot.Type} that does not exist.`);
      schema.roots[ot.Operation as 'query'] = def;
    }
  }
  if (schemaDefs.length === 0) {
    for (const [op, name] of [['query', 'Query'], ['mutation', 'Mutation'], ['subscription', 'Subscription']] as const) {
      const def = types.get(name);
      if (def && def.Kind === 'OBJECT') schema.roots[op] = def;
    }
  }
  return schema;
}

function validateName(n: Node): void {
  const name = n.Name as string;
  if (name.startsWith('__')) {
    throw err(n, `Name "${name}" must not begin with "__", which is reserved by GraphQL introspection.`);
  }
}

function validateTypeRef(schema: Schema, t: Node, at: Node): Node {
  const name = namedType(t);
  const def = schema.types.get(name);
  if (!def) throw err(at, `Undefined type ${name}.`);
  return def;
}

function validateArgs(schema: Schema, args: Node[]): void {
  for (const a of args) {
    validateName(a);
    const def = validateTypeRef(schema, a.Type as Node, a);
    if (!['SCALAR', 'ENUM', 'INPUT_OBJECT'].includes(def.Kind as string)) {
      throw err(a, `cannot use ${typeString(a.Type as Node)} as argument ${a.Name} because ${def.Kind} is not a valid input type`);
    }
  }
}

export function typeString(t: Node): string {
  const inner = t.Elem ? `[${typeString(t.Elem as Node)}]` : (t.NamedType as string);
  return inner + (t.NonNull ? '!' : '');
}

function validateDefinition(schema: Schema, def: Node): void {
  const kind = def.Kind as string;
  const name = def.Name as string;
  const fields = list(def, 'Fields');
  if (kind === 'OBJECT' || kind === 'INTERFACE') {
    if (fields.length === 0) throw err(def, `${kind} ${name}: must define one or more fields.`);
    for (const f of fields) {
      const t = schema.types.get(namedType(f.Type as Node));
      if (t && !['SCALAR', 'OBJECT', 'INTERFACE', 'UNION', 'ENUM'].includes(t.Kind as string)) {
        throw err(f, `${t.Kind} ${f.Name}: field must be one of ${kindList('SCALAR', 'OBJECT', 'INTERFACE', 'UNION', 'ENUM')}.`);
      }
    }
  } else if (kind === 'ENUM') {
    if (list(def, 'EnumValues').length === 0) throw err(def, `${kind} ${name}: must define one or more unique enum values.`);
  } else if (kind === 'INPUT_OBJECT') {
    if (fields.length === 0) throw err(def, `${kind} ${name}: must define one or more input fields.`);
    for (const f of fields) {
      const t = schema.types.get(namedType(f.Type as Node));
      if (t && !['SCALAR', 'ENUM', 'INPUT_OBJECT'].includes(t.Kind as string)) {
        throw err(f, `${t.Kind} ${f.Name}: field must be one of ${kindList('SCALAR', 'ENUM', 'INPUT_OBJECT')}.`);
      }
    }
  }
  const seen = new Set<string>();
  for (const f of fields) {
    validateName(f);
    if (seen.has(f.Name as string)) throw err(f, `Field ${name}.${f.Name} can only be defined once.`);
    seen.add(f.Name as string);
    validateTypeRef(schema, f.Type as Node, f);
    validateArgs(schema, list(f, 'Arguments'));
  }
  for (const i of strs(def, 'Interfaces')) {
    const it = schema.types.get(i);
    if (!it) throw err(def, `Undefined type ${JSON.stringify(i)}.`);
    if (it.Kind !== 'INTERFACE') throw err(def, `${def.Kind} ${name} cannot implement non-interface type ${i}.`);
    for (const j of strs(it, 'Interfaces')) {
      if (!strs(def, 'Interfaces').includes(j)) throw err(def, `${def.Kind} ${name} must implement ${j} because it is implemented by ${i}.`);
    }
    for (const f of list(it, 'Fields')) {
      if (!fields.some((g) => g.Name === f.Name)) throw err(def, `For ${name} to implement ${i} it must have a field called ${f.Name}.`);
    }
  }
  for (const m of strs(def, 'Types')) {
    const mt = schema.types.get(m);
    if (!mt) throw err(def, `Undefined type ${JSON.stringify(m)}.`);
    if (mt.Kind !== 'OBJECT') throw err(def, `UNION type "${m}" must be OBJECT.`);
  }
  for (const d of list(def, 'Directives')) {
    if (!schema.directives.has(d.Name as string)) throw err(d, `Undefined directive ${d.Name}.`);
  }
}
