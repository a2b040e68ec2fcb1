// `# METADATA` blocks (OPA annotations): YAML in comments starting at column 1. A block starts with a comment
// whose text is `METADATA`, runs over the comments on the following rows at column 1, and applies to the first
// package, import or rule after its first line. Without `scope`, a block on a rule is rule-scoped (document-
// scoped with `entrypoint: true`) and one on a package is package-scoped. Errors carry OPA's texts.
import { parse, YAMLParseError } from 'yaml';
import type { RegoError, Location } from '../errors.ts';
import type { Annotation, AnnotationTarget, Rule } from '../ast/types.ts';
import type { Comment } from '../lexer/lexer.ts';

const SCOPES = ['rule', 'document', 'package', 'subpackages'];

function isMetadata(c: Comment): boolean {
  return c.col === 1 && c.text.trim().startsWith('METADATA');
}

/** `Name <email>`: the last word in angle brackets is the email (OPA's parseAuthorString). */
function parseAuthor(a: unknown): { name?: string; email?: string } {
  if (typeof a === 'string') {
    const parts = a.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) throw new Error('author is an empty string');
    const last = parts[parts.length - 1];
    let email = '';
    if (last.length >= 2 && last.startsWith('<') && last.endsWith('>')) {
      email = last.slice(1, -1);
      parts.pop();
    }
    return compact({ name: parts.join(' '), email });
  }
  if (isMap(a)) {
    const name = typeof a.name === 'string' ? a.name.trim() : '';
    const email = typeof a.email === 'string' ? a.email.trim() : '';
    if (name || email) return compact({ name, email });
    throw new Error("'name' and/or 'email' values required in object");
  }
  throw new Error('invalid value type, must be string or map');
}

function parseRelated(r: unknown): { ref: string; description?: string } {
  if (typeof r === 'string') {
    if (!r) throw new Error('ref URL may not be empty string');
    return { ref: r };
  }
  if (isMap(r)) {
    const ref = typeof r.ref === 'string' ? r.ref.trim() : '';
    const description = typeof r.description === 'string' ? r.description.trim() : '';
    if (!ref) throw new Error("'ref' value required in object");
    return description ? { ref, description } : { ref };
  }
  throw new Error('invalid value type, must be string or map');
}

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === '') delete o[k];
  return o;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `input.user`, `data.x["y"]`, `schema.input` → path segments (OPA's Ref.toArray: the head as a string). */
function refSegments(text: string, parseRef: (s: string) => string[] | null, what: string): string[] {
  const segs = parseRef(text.trim());
  if (!segs) throw new Error(what);
  return segs;
}

function field<T>(doc: Record<string, unknown>, key: string, check: (v: unknown) => v is T, want: string): T | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  if (!check(v)) throw new Error(`yaml: unmarshal errors:\n  cannot unmarshal ${key} into ${want}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

function buildAnnotation(doc: Record<string, unknown>, loc: Location, parseRef: (s: string) => string[] | null): Annotation {
  const a: Annotation = { scope: field(doc, 'scope', isString, 'string') ?? '', loc, target: null };
  const title = field(doc, 'title', isString, 'string');
  if (title) a.title = title;
  const description = field(doc, 'description', isString, 'string');
  if (description) a.description = description;
  if (field(doc, 'entrypoint', isBool, 'bool')) a.entrypoint = true;
  const orgs = field(doc, 'organizations', isList, '[]string');
  if (orgs?.length) a.organizations = orgs.map((o) => (typeof o === 'string' ? o : String(o)));
  const related = field(doc, 'related_resources', isList, '[]interface {}');
  if (related?.length)
    a.related_resources = related.map((r) => {
      try {
        return parseRelated(r);
      } catch (e) {
        throw new Error(`invalid related-resource definition ${JSON.stringify(r)}: ${(e as Error).message}`);
      }
    });
  const authors = field(doc, 'authors', isList, '[]interface {}');
  if (authors?.length)
    a.authors = authors.map((x) => {
      try {
        return parseAuthor(x);
      } catch (e) {
        throw new Error(`invalid author definition ${typeof x === 'string' ? x : JSON.stringify(x)}: ${(e as Error).message}`);
      }
    });
  const schemas = field(doc, 'schemas', isList, '[]map[string]interface {}');
  if (schemas?.length)
    a.schemas = schemas.map((pair) => {
      if (!isMap(pair)) throw new Error('yaml: unmarshal errors:\n  cannot unmarshal schemas entry into map[string]interface {}');
      const [k, v] = Object.entries(pair)[0] ?? ['', undefined];
      const path = refSegments(k, parseRef, 'invalid document reference');
      if (typeof v === 'string') {
        const schema = parseRef(v.trim());
        if (!schema || schema[0] !== 'schema') throw new Error('invalid schema reference');
        return { path, schema };
      }
      if (isMap(v)) return { path, definition: v };
      throw new Error(`invalid schema declaration for path "${k}"`);
    });
  const custom = field(doc, 'custom', isMap, 'map[string]interface {}');
  if (custom && Object.keys(custom).length) a.custom = custom;
  return a;
}

/** Parses every `# METADATA` block of a module's comments; errors are OPA's `rego_parse_error`s. */
export function parseAnnotationBlocks(comments: Comment[], file: string, parseRef: (s: string) => string[] | null): { blocks: Annotation[]; errors: RegoError[] } {
  const blocks: Annotation[] = [];
  const errors: RegoError[] = [];
  for (let i = 0; i < comments.length; i++) {
    if (!isMetadata(comments[i])) continue;
    const start = comments[i];
    const lines: Comment[] = [];
    for (i++; i < comments.length && comments[i].row === comments[i - 1].row + 1 && comments[i].col === 1; i++) lines.push(comments[i]);
    i--;
    const loc: Location = { file, row: start.row, col: 1 };
    const text = lines.map((c) => (c.text.startsWith(' ') ? c.text.slice(1) : c.text)).join('\n');
    if (text.trim() === '') {
      errors.push({ code: 'rego_parse_error', message: 'expected METADATA block, found whitespace', location: loc });
      continue;
    }
    let doc: unknown;
    try {
      doc = parse(text, { prettyErrors: false });
    } catch (e) {
      const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line : 0;
      const at = line > 0 && lines[line - 1] ? { file, row: lines[line - 1].row, col: 1 } : loc;
      const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
      errors.push({ code: 'rego_parse_error', message: `yaml: ${line ? `line ${line}: ` : ''}${msg}`, location: at });
      continue;
    }
    try {
      blocks.push(buildAnnotation(isMap(doc) ? doc : {}, loc, parseRef));
    } catch (e) {
      errors.push({ code: 'rego_parse_error', message: (e as Error).message, location: loc });
    }
  }
  return { blocks, errors };
}

/** A statement of the module: the package, an import or a rule, with the row it starts on. */
export type Statement = { row: number; target: Exclude<AnnotationTarget, null> };

/** Attaches each block to the first statement after it, defaults its scope and checks the scope fits. */
export function attachAnnotations(blocks: Annotation[], stmts: Statement[]): RegoError[] {
  const errors: RegoError[] = [];
  for (const a of blocks) {
    a.target = stmts.find((s) => s.row > a.loc.row)?.target ?? null;
    const kind = a.target?.kind;
    if (a.scope === '') a.scope = kind === 'rule' ? (a.entrypoint ? 'document' : 'rule') : kind === 'package' ? 'package' : kind === 'import' ? 'import' : '';
    const err = scopeError(a, kind);
    if (err) errors.push({ code: 'rego_parse_error', message: err, location: a.loc });
    else if (a.entrypoint && a.scope !== 'document' && a.scope !== 'package')
      errors.push({ code: 'rego_parse_error', message: `annotation entrypoint applied to non-document or package scope '${a.scope}'`, location: a.loc });
    else if (a.scope === 'rule' && a.target?.kind === 'rule') ((a.target.rule as Rule).annotations ??= []).push(a);
  }
  return errors;
}

function scopeError(a: Annotation, kind: string | undefined): string | null {
  const have = kind ? ` (have ${kind})` : '';
  if (a.scope === 'rule' || a.scope === 'document') return kind === 'rule' ? null : `annotation scope '${a.scope}' must be applied to rule${have}`;
  if (a.scope === 'package' || a.scope === 'subpackages') return kind === 'package' ? null : `annotation scope '${a.scope}' must be applied to package${have}`;
  return `invalid annotation scope '${a.scope}'. Use one of '${SCOPES[0]}', '${SCOPES[1]}', '${SCOPES[2]}', or '${SCOPES[3]}'`;
}

/** OPA's Annotations.toObject: the value rego.metadata.rule() and chain() return (empty fields left out). */
/** An annotation as OPA returns it: rego.metadata.* give schema refs as lists of strings (OPA's toObject), the
 * AST JSON of rego.parse_module as lists of terms (`asAST`). */
export function annotationJSON(a: Annotation, asAST = false): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (a.scope) o.scope = a.scope;
  for (const k of ['title', 'description', 'entrypoint', 'organizations', 'related_resources', 'authors', 'schemas', 'custom'] as const) {
    if (a[k] !== undefined) o[k] = k === 'schemas' && asAST ? a.schemas!.map(schemaJSON) : a[k];
  }
  return o;
}

/** A ref as OPA marshals it: terms, the head a var (`input`, `schema`), the rest strings. */
const refTerms = (path: readonly string[]) => path.map((p, i) => ({ type: i === 0 ? 'var' : 'string', value: p }));

/** OPA's SchemaAnnotation in AST JSON: `path` and `schema` are refs (lists of terms); inline schemas are `definition`. */
function schemaJSON(s: NonNullable<Annotation['schemas']>[number]): Record<string, unknown> {
  const o: Record<string, unknown> = { path: refTerms(s.path) };
  if (s.schema) o.schema = refTerms(s.schema);
  if (s.definition !== undefined) o.definition = s.definition;
  return o;
}
