// Validates one resource document against its kind's schema: jsonpb-style key normalisation first (warnings
// for ignored fields), then the zod schema incl. CEL rules. Errors name the field path and the rule broken.
import type { z } from 'zod';
import type { ApiErrorCode } from './errors.ts';
import type { KindDefinition } from './kinds/definition.ts';
import { mergeStringData, type SecretBody } from './kinds/secret.ts';
import { DEFAULT_NAMESPACE, objectMetaInput, type ResourceInput } from './meta.ts';
import { formatPath, normalizeToSchema, type FieldWarning } from './normalize.ts';
import { isForeignKind } from './foreign.ts';
import { kindDefinition, KINDS } from './registry.ts';
import { unhonouredFields } from './support/lookup.ts';

export interface ValidationIssue {
  /** e.g. `spec.http[0].forwardTo.destinations` */
  path: string;
  /** the rule broken: a CEL expression, a named rule (`host syntax`) or zod's issue code (`invalid_type`) */
  rule: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; resource: ResourceInput; definition: KindDefinition; warnings: FieldWarning[] }
  | { ok: false; code: ApiErrorCode; message: string; issues: ValidationIssue[]; warnings: FieldWarning[] };

export interface ValidateOptions {
  /** Allow read-only (derived) kinds; the control plane sets this when it writes AuthConfigs. */
  allowReadOnly?: boolean;
}

const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata', 'status']);
const DATA_FIELDS = ['data', 'stringData', 'binaryData', 'type', 'immutable'] as const;

export function validateResource(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  const warnings: FieldWarning[] = [];
  const fail = (code: ApiErrorCode, issues: ValidationIssue[]): ValidationResult => ({
    ok: false,
    code,
    message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    issues,
    warnings,
  });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail('API_NOT_AN_OBJECT', [{ path: '', rule: 'object', message: 'a resource must be a mapping with apiVersion, kind and metadata' }]);
  }
  const d = doc as Record<string, unknown>;
  const missing = (['apiVersion', 'kind'] as const).filter((k) => typeof d[k] !== 'string' || d[k] === '');
  if (missing.length) return fail('API_MISSING_KIND', missing.map((k) => ({ path: k, rule: 'required', message: 'Required' })));
  const apiVersion = d.apiVersion as string;
  const kind = d.kind as string;
  const def = kindDefinition(kind, apiVersion);
  if (!def && kindDefinition(kind) === undefined && isForeignKind(apiVersion, kind)) {
    const name = (d.metadata as { name?: unknown } | undefined)?.name;
    const message = `${apiVersion} ${kind}${typeof name === 'string' ? ` ${name}` : ''}: not a Portico resource, skipped`;
    return fail('API_NOT_PORTICO', [{ path: '', rule: 'Portico kind', message }]);
  }
  if (!def) {
    const known = kindDefinition(kind);
    const message = known
      ? `kind ${kind} is served at apiVersion ${known.apiVersion}, not ${apiVersion}`
      : `unknown kind ${JSON.stringify(kind)}; known kinds: ${KINDS.map((k) => k.kind).join(', ')}`;
    return fail('API_UNKNOWN_KIND', [{ path: known ? 'apiVersion' : 'kind', rule: 'known kind', message }]);
  }
  if (def.readOnly && !options.allowReadOnly) {
    return fail('API_READ_ONLY', [{ path: 'kind', rule: 'read-only kind', message: `${kind} is derived by Portico and cannot be applied; change the policy it comes from` }]);
  }
  const bodyKeys = def.body === 'spec' ? ['spec'] : DATA_FIELDS;
  for (const key of Object.keys(d)) {
    if (!ENVELOPE.has(key) && !(bodyKeys as readonly string[]).includes(key)) {
      warnings.push({ path: key, message: `unknown field "${key}" ignored` });
    }
  }
  const issues: ValidationIssue[] = [];
  const meta = objectMetaInput.safeParse(d.metadata ?? undefined, { reportInput: true });
  if (!meta.success) issues.push(...toIssues(meta.error, ['metadata']));

  const rawBody = def.body === 'spec' ? d.spec : Object.fromEntries(DATA_FIELDS.filter((k) => k in d).map((k) => [k, d[k]]));
  const bodyPath = def.body === 'spec' ? ['spec'] : [];
  const normalized = normalizeToSchema(def.spec, rawBody, bodyPath, warnings);
  const body = def.spec.safeParse(normalized, { reportInput: true });
  if (!body.success) issues.push(...toIssues(body.error, bodyPath));
  if (issues.length || !meta.success || !body.success) return fail('API_INVALID', issues);

  // Fields the kind does not honour are accepted (Gloo's manifests keep working) and named as warnings.
  for (const n of unhonouredFields(def, body.data)) warnings.push({ path: n.path, message: n.message });
  const m = meta.data;
  const resource: ResourceInput = {
    apiVersion: def.apiVersion,
    kind: def.kind,
    metadata: { name: m.name, namespace: m.namespace ?? DEFAULT_NAMESPACE, labels: m.labels ?? {}, annotations: m.annotations ?? {} },
  };
  if (def.body === 'spec') resource.spec = body.data;
  else if (def.kind === 'Secret') Object.assign(resource, mergeStringData(body.data as SecretBody));
  else resource.data = (body.data as { data?: Record<string, string> }).data ?? {};
  return { ok: true, resource, definition: def, warnings };
}

function toIssues(error: z.ZodError, prefix: PropertyKey[]): ValidationIssue[] {
  return error.issues.map((i) => {
    const params = (i as { params?: { rule?: string } }).params;
    const missing = i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined;
    return { path: formatPath([...prefix, ...i.path]), rule: params?.rule ?? (missing ? 'required' : i.code), message: i.message };
  });
}
