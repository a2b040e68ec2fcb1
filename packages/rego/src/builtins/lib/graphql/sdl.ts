// GraphQL SDL (schema documents) on top of the parser core: type, schema and directive definitions and
// extensions, in gqlparser's AST shape and with its error texts.
import { GqlError, LOCATIONS, Parser, at, type Node } from './parser.ts';

class SchemaParser extends Parser {
  schemaDocument(): Node {
    const doc = { Schema: [] as Node[], SchemaExtension: [] as Node[], Directives: [] as Node[], Definitions: [] as Node[], Extensions: [] as Node[] };
    while (this.peek().kind !== '<EOF>') {
      const descTok = this.peek();
      const description = this.description();
      const t = this.peek();
      if (t.kind !== 'Name') this.unexpected();
      switch (t.value) {
        case 'scalar': case 'type': case 'interface': case 'union': case 'enum': case 'input':
          doc.Definitions.push(this.typeDefinition(description, false));
          break;
        case 'schema':
          doc.Schema.push(this.schemaDefinition(description, false));
          break;
        case 'directive':
          doc.Directives.push(this.directiveDefinition(description));
          break;
        case 'extend':
          if (description !== '') this.unexpected(descTok);
          this.extension(doc);
          break;
        default:
          this.unexpected();
      }
    }
    return doc;
  }
  description(): string {
    const t = this.peek();
    return t.kind === 'String' || t.kind === 'BlockString' ? this.next().value : '';
  }
  schemaDefinition(description: string, ext: boolean): Node {
    const t = this.expectKeyword('schema');
    const Directives = this.directives(true);
    const OperationTypes = this.some('{', '}', () => {
      const ot = this.peek();
      const Operation = this.operationType();
      this.expect(':');
      return at({ Operation, Type: this.name() }, ot);
    });
    if (ext && Directives.length === 0 && OperationTypes.length === 0) this.unexpected();
    return at({ Description: description, Directives, OperationTypes }, t);
  }
  extension(doc: { SchemaExtension: Node[]; Extensions: Node[] }): void {
    this.expectKeyword('extend');
    const t = this.peek();
    if (t.kind === 'Name' && t.value === 'schema') doc.SchemaExtension.push(this.schemaDefinition('', true));
    else if (t.kind === 'Name' && ['scalar', 'type', 'interface', 'union', 'enum', 'input'].includes(t.value)) doc.Extensions.push(this.typeDefinition('', true));
    else this.unexpected();
  }
  typeDefinition(description: string, ext: boolean): Node {
    const kw = this.next();
    const name = this.name();
    const def: Node = at({ BuiltIn: false, Description: description, Kind: '', Name: name }, kw);
    switch (kw.value) {
      case 'scalar':
        def.Kind = 'SCALAR';
        def.Directives = this.directives(true);
        if (ext && (def.Directives as Node[]).length === 0) this.unexpected();
        break;
      case 'type':
      case 'interface':
        def.Kind = kw.value === 'type' ? 'OBJECT' : 'INTERFACE';
        def.Interfaces = this.implementsInterfaces();
        def.Directives = this.directives(true);
        def.Fields = this.some('{', '}', () => this.fieldDefinition());
        if (ext && (def.Interfaces as string[]).length + (def.Directives as Node[]).length + (def.Fields as Node[]).length === 0) this.unexpected();
        break;
      case 'union':
        def.Kind = 'UNION';
        def.Directives = this.directives(true);
        def.Types = this.unionMembers();
        if (ext && (def.Directives as Node[]).length + (def.Types as string[]).length === 0) this.unexpected();
        break;
      case 'enum':
        def.Kind = 'ENUM';
        def.Directives = this.directives(true);
        def.EnumValues = this.some('{', '}', () => {
          const et = this.peek();
          const Description = this.description();
          const vt = this.peek();
          const Name = this.name();
          if (Name === 'true' || Name === 'false' || Name === 'null') throw new GqlError(`${Name} is reserved and cannot be used for an enum value`, vt.line, vt.col);
          return at({ Description, Directives: this.directives(true), Name }, et);
        });
        if (ext && (def.Directives as Node[]).length + (def.EnumValues as Node[]).length === 0) this.unexpected();
        break;
      default:
        def.Kind = 'INPUT_OBJECT';
        def.Directives = this.directives(true);
        def.Fields = this.some('{', '}', () => this.inputValue());
        if (ext && (def.Directives as Node[]).length + (def.Fields as Node[]).length === 0) this.unexpected();
    }
    return def;
  }
  implementsInterfaces(): string[] {
    const out: string[] = [];
    if (!this.skipKeyword('implements')) return out;
    this.skip('&');
    out.push(this.name());
    while (this.skip('&')) out.push(this.name());
    return out;
  }
  unionMembers(): string[] {
    const out: string[] = [];
    if (!this.skip('=')) return out;
    this.skip('|');
    out.push(this.name());
    while (this.skip('|')) out.push(this.name());
    return out;
  }
  fieldDefinition(): Node {
    const t = this.peek();
    const Description = this.description();
    const Name = this.name();
    const Arguments = this.many('(', ')', () => this.inputValue());
    this.expect(':');
    const Type = this.typeRef();
    return at({ Arguments, Description, Directives: this.directives(true), Name, Type }, t);
  }
  inputValue(): Node {
    const t = this.peek();
    const Description = this.description();
    const Name = this.name();
    this.expect(':');
    const Type = this.typeRef();
    const DefaultValue = this.skip('=') ? this.value(true) : undefined;
    return at({ DefaultValue, Description, Directives: this.directives(true), Name, Type }, t);
  }
  directiveDefinition(description: string): Node {
    const t = this.expectKeyword('directive');
    this.expect('@');
    const Name = this.name();
    const Arguments = this.many('(', ')', () => this.inputValue());
    const IsRepeatable = this.skipKeyword('repeatable');
    this.expectKeyword('on');
    this.skip('|');
    const Locations = [this.location()];
    while (this.skip('|')) Locations.push(this.location());
    return at({ Arguments, Description: description, IsRepeatable, Locations, Name }, t);
  }
  location(): string {
    const t = this.peek();
    const n = this.name();
    if (!LOCATIONS.has(n)) this.unexpected(t);
    return n;
  }
}

export function parseSchema(src: string): Node {
  return new SchemaParser(src).schemaDocument();
}
