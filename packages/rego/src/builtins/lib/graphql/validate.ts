// Query validation against a loaded schema, after gqlparser's validator rules (the commonly hit ones:
// root types, operation names, fields, arguments, leaf selections, fragments, variables, directives),
// with gqlparser's messages. Returns the errors in document order.
import { GqlError, type Node } from './parser.ts';
import { err, namedType, typeString, type Schema } from './schema.ts';

const list = (n: Node, k: string) => (n[k] as Node[] | undefined) ?? [];
const COMPOSITE = ['OBJECT', 'INTERFACE', 'UNION'];
const INPUT = ['SCALAR', 'ENUM', 'INPUT_OBJECT'];

function fieldDef(schema: Schema, parent: Node, name: string): Node | undefined {
  if (name === '__typename') return { Name: name, Type: { NamedType: 'String', NonNull: true }, Arguments: [] };
  if (parent === schema.roots.query && name === '__schema') return { Name: name, Type: { NamedType: '__Schema', NonNull: true }, Arguments: [] };
  if (parent === schema.roots.query && name === '__type') {
    return { Name: name, Type: { NamedType: '__Type' }, Arguments: [{ Name: 'name', Type: { NamedType: 'String', NonNull: true } }] };
  }
  if (parent.Kind === 'UNION') return undefined;
  return list(parent, 'Fields').find((f) => f.Name === name);
}

export function validateQuery(schema: Schema, doc: Node): GqlError[] {
  const errors: GqlError[] = [];
  const report = (n: Node, msg: string) => errors.push(err(n, msg));
  const ops = list(doc, 'Operations');
  const frags = new Map<string, Node>();
  for (const f of list(doc, 'Fragments')) {
    if (frags.has(f.Name as string)) report(f, `There can be only one fragment named "${f.Name}".`);
    frags.set(f.Name as string, f);
  }
  const opNames = new Set<string>();
  for (const op of ops) {
    if (op.Name === '' && ops.length > 1) report(op, 'This anonymous operation must be the only defined operation.');
    if (op.Name !== '') {
      if (opNames.has(op.Name as string)) report(op, `There can be only one operation named "${op.Name}".`);
      opNames.add(op.Name as string);
    }
  }
  const usedFrags = new Set<string>();

  const checkDirectives = (n: Node) => {
    for (const d of list(n, 'Directives')) if (!schema.directives.has(d.Name as string)) report(d, `Unknown directive "@${d.Name}".`);
  };

  /** Walks a selection set; collects variable uses (transitively through fragments). */
  const walk = (sels: Node[], parent: Node | undefined, vars: Map<string, Node>, seenFrags: Set<string>) => {
    for (const sel of sels) {
      checkDirectives(sel);
      for (const d of list(sel, 'Directives')) for (const a of list(d, 'Arguments')) collectVars(a.Value as Node, vars);
      if (sel.Alias !== undefined) {
        const name = sel.Name as string;
        const def = parent ? fieldDef(schema, parent, name) : undefined;
        if (parent && !def) {
          report(sel, `Cannot query field "${name}" on type "${parent.Name}".`);
        }
        for (const a of list(sel, 'Arguments')) {
          collectVars(a.Value as Node, vars);
          if (def && !list(def, 'Arguments').some((x) => x.Name === a.Name)) {
            report(a, `Unknown argument "${a.Name}" on field "${parent!.Name}.${name}".`);
          }
        }
        if (def) {
          for (const ad of list(def, 'Arguments')) {
            const t = ad.Type as Node;
            if (t.NonNull && ad.DefaultValue === undefined && !list(sel, 'Arguments').some((x) => x.Name === ad.Name)) {
              report(sel, `Field "${name}" argument "${ad.Name}" of type "${typeString(t)}" is required, but it was not provided`);
            }
          }
          const ft = schema.types.get(namedType(def.Type as Node));
          const subs = list(sel, 'SelectionSet');
          if (ft && !COMPOSITE.includes(ft.Kind as string) && subs.length) {
            report(sel, `Field "${name}" must not have a selection since type "${typeString(def.Type as Node)}" has no subfields.`);
          } else if (ft && COMPOSITE.includes(ft.Kind as string) && subs.length === 0) {
            report(sel, `Field "${name}" of type "${typeString(def.Type as Node)}" must have a selection of subfields. Did you mean "${name} { ... }"?`);
          }
          walk(subs, ft, vars, seenFrags);
        } else walk(list(sel, 'SelectionSet'), undefined, vars, seenFrags);
      } else if (sel.SelectionSet !== undefined && sel.Name === undefined) {
        let t = parent;
        const cond = sel.TypeCondition as string;
        if (cond) {
          t = schema.types.get(cond);
          if (!t) report(sel, `Unknown type "${cond}".`);
          else if (!COMPOSITE.includes(t.Kind as string)) report(sel, `Fragment cannot condition on non composite type "${cond}".`);
        }
        walk(list(sel, 'SelectionSet'), t, vars, seenFrags);
      } else {
        const name = sel.Name as string;
        const frag = frags.get(name);
        usedFrags.add(name);
        if (!frag) report(sel, `Unknown fragment "${name}".`);
        else if (!seenFrags.has(name)) {
          seenFrags.add(name);
          walk(list(frag, 'SelectionSet'), schema.types.get(frag.TypeCondition as string), vars, seenFrags);
        }
      }
    }
  };

  for (const op of ops) {
    const root = schema.roots[op.Operation as 'query'];
    if (!root) report(op, `Schema does not support operation type "${op.Operation}"`);
    checkDirectives(op);
    const defined = new Map<string, Node>();
    for (const vd of list(op, 'VariableDefinitions')) {
      const name = vd.Variable as string;
      if (defined.has(name)) report(vd, `There can be only one variable named "$${name}".`);
      defined.set(name, vd);
      const t = schema.types.get(namedType(vd.Type as Node));
      if (!t) report(vd, `Unknown type "${namedType(vd.Type as Node)}".`);
      else if (!INPUT.includes(t.Kind as string)) report(vd, `Variable "$${name}" cannot be non-input type "${typeString(vd.Type as Node)}".`);
    }
    const used = new Map<string, Node>();
    walk(list(op, 'SelectionSet'), root, used, new Set());
    for (const [name, at] of used) {
      if (!defined.has(name)) {
        report(at, op.Name ? `Variable "$${name}" is not defined by operation "${op.Name}".` : `Variable "$${name}" is not defined.`);
      }
    }
    for (const [name, vd] of defined) {
      if (!used.has(name)) report(vd, op.Name ? `Variable "$${name}" is never used in operation "${op.Name}".` : `Variable "$${name}" is never used.`);
    }
  }
  for (const [name, f] of frags) {
    const t = schema.types.get(f.TypeCondition as string);
    if (!t) report(f, `Unknown type "${f.TypeCondition}".`);
    else if (!COMPOSITE.includes(t.Kind as string)) report(f, `Fragment cannot condition on non composite type "${f.TypeCondition}".`);
    if (!usedFrags.has(name)) report(f, `Fragment "${name}" is never used.`);
  }
  errors.sort((a, b) => a.line - b.line || a.col - b.col);
  return errors;
}

function collectVars(v: Node | undefined, out: Map<string, Node>): void {
  if (!v) return;
  if (v.Kind === 0 && !out.has(v.Raw as string)) out.set(v.Raw as string, v);
  for (const c of list(v, 'Children')) collectVars(c.Value as Node, out);
}
