// Multi-document YAML (or JSON) manifests → validated resources, one result per document. A bad document never
// stops the others: each error names the file, the document index, the field path and the rule broken.
import { parseAllDocuments } from 'yaml';
import type { ApiErrorCode } from './errors.ts';
import type { ResourceInput } from './meta.ts';
import type { FieldWarning } from './normalize.ts';
import { validateResource, type ValidateOptions, type ValidationIssue } from './validate.ts';

export interface ManifestLocation {
  file: string;
  /** 0-based index of the YAML document in the file. */
  index: number;
  /** Index inside a `kind: List` document's items, when it came from one. */
  item?: number;
}

export type ManifestDocument = ManifestLocation &
  (
    | { ok: true; resource: ResourceInput; warnings: FieldWarning[] }
    | {
        ok: false;
        code: ApiErrorCode;
        message: string;
        issues: ValidationIssue[];
        warnings: FieldWarning[];
        /** What the document says it is, when it says (so errors can name the object). */
        kind?: string;
        name?: string;
        namespace?: string;
      }
  );

const MAX_ALIAS_COUNT = 100;

/** Parses and validates every document of `text`. Empty documents (`---` alone, comments) are skipped. */
export function parseManifests(text: string, file = '-', options: ValidateOptions = {}): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const issues = doc.errors.map((e) => ({
        path: '',
        rule: 'YAML syntax',
        message: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ${firstLine(e.message)}` : firstLine(e.message),
      }));
      out.push({ file, index, ok: false, code: 'API_YAML_SYNTAX', message: issues.map((i) => i.message).join('; '), issues, warnings: [] });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // yaml throws when aliases expand past maxAliasCount (the "billion laughs" bomb) or an alias points at
      // nothing usable; either way this document alone fails, with the rule named.
      const bomb = /alias count/i.test((err as Error).message);
      const message = bomb
        ? `aliases: more than ${MAX_ALIAS_COUNT} alias expansions in one document (a resource exhaustion attack)`
        : `aliases: ${firstLine((err as Error).message)}`;
      out.push({ file, index, ok: false, code: 'API_YAML_SYNTAX', message, issues: [{ path: '', rule: bomb ? 'YAML alias limit' : 'YAML aliases', message }], warnings: [] });
      return;
    }
    if (value === null || value === undefined) return;
    if (isList(value)) {
      value.items.forEach((item, i) => out.push(validateAt({ file, index, item: i }, item, options)));
      return;
    }
    out.push(validateAt({ file, index }, value, options));
  });
  return out;
}

function validateAt(loc: ManifestLocation, value: unknown, options: ValidateOptions): ManifestDocument {
  const r = validateResource(value, options);
  if (r.ok) return { ...loc, ok: true, resource: r.resource, warnings: r.warnings };
  return { ...loc, ok: false, code: r.code, message: r.message, issues: r.issues, warnings: r.warnings, ...claimedIdentity(value) };
}

function claimedIdentity(value: unknown): { kind?: string; name?: string; namespace?: string } {
  const v = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  const out: { kind?: string; name?: string; namespace?: string } = {};
  if (typeof v?.kind === 'string') out.kind = v.kind;
  if (typeof v?.metadata?.name === 'string') out.name = v.metadata.name;
  if (typeof v?.metadata?.namespace === 'string') out.namespace = v.metadata.namespace;
  return out;
}

function isList(v: unknown): v is { items: unknown[] } {
  const o = v as { kind?: unknown; items?: unknown };
  return typeof o === 'object' && o !== null && o.kind === 'List' && Array.isArray(o.items);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

/** `file: document 2: spec.hosts[0]: <message> (rule: host syntax)` — one line per issue. */
export function formatManifestErrors(doc: ManifestDocument): string[] {
  if (doc.ok) return [];
  const where = `${doc.file}: document ${doc.index}${doc.item !== undefined ? ` item ${doc.item}` : ''}`;
  return doc.issues.map((i) => `${where}: ${i.path ? `${i.path}: ` : ''}${i.message} (rule: ${i.rule})`);
}
