// Turns a version's OpenAPI document into the API entity's `spec.definition`: always a string (the catalog's API
// kind requires one), with `$ref`s resolved so Backstage's API docs render the document on its own. Only internal
// refs (`#/...`) are followed: a document served by the portal must never make the backend read local files or
// fetch URLs. Circular refs stay as `$ref` (a fully expanded cycle cannot be serialised).
import { dereference } from '@apidevtools/json-schema-ref-parser';
import { failure, type Result } from '../errors.ts';

export interface DefinitionInput {
  schema: unknown;
  title: string;
  apiVersion: string;
  description: string;
}

/** The definition used when a version has no schema: a valid, empty OpenAPI document that says so. */
export function placeholderDefinition(v: DefinitionInput): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: {
      title: v.title,
      version: v.apiVersion,
      description: `${v.description ? `${v.description}\n\n` : ''}The portal server publishes no OpenAPI schema for this version.`,
    },
    paths: {},
  }, null, 2);
}

function parseMaybeJson(schema: unknown): unknown {
  if (typeof schema !== 'string') return schema;
  try {
    return JSON.parse(schema);
  } catch {
    return schema; // YAML or other text: Backstage renders it as given
  }
}

/**
 * `{ ok: true, value }` with the definition string, or a VERSION_BAD_SCHEMA failure whose message says why the refs
 * could not be resolved (the caller then keeps the document as sent).
 */
export async function buildDefinition(input: DefinitionInput): Promise<Result<string>> {
  const doc = parseMaybeJson(input.schema);
  if (doc === undefined || doc === null || (typeof doc === 'string' && doc.trim() === '')) {
    return { ok: true, value: placeholderDefinition(input) };
  }
  if (typeof doc !== 'object') return { ok: true, value: String(doc) };
  if (!JSON.stringify(doc).includes('"$ref"')) return { ok: true, value: JSON.stringify(doc, null, 2) };
  try {
    const resolved = await dereference(structuredClone(doc) as object, {
      resolve: { external: false, file: false, http: false },
      dereference: { circular: 'ignore' },
    });
    return { ok: true, value: JSON.stringify(resolved, null, 2) };
  } catch (err) {
    return failure('VERSION_BAD_SCHEMA', `its OpenAPI document has $refs that cannot be resolved: ${(err as Error).message}`);
  }
}
