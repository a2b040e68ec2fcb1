// POST /v1/apply: parse and validate every document, store the valid ones one by one (a bad document never stops
// the rest), and answer with one result per document.
import { parseManifests, refOf, type FieldWarning, type ManifestDocument, type ValidationIssue } from '@portico/api';
import type { Store } from '@portico/store';
import { HttpError } from './http.ts';

export interface ApplyDocumentResult {
  file: string;
  index: number;
  item?: number;
  ok: boolean;
  kind?: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  /** 'skipped': a Kubernetes/Istio kind Portico does not store (API_NOT_PORTICO); counts as ok. */
  action?: 'created' | 'configured' | 'unchanged' | 'skipped';
  code?: string;
  message?: string;
  issues?: ValidationIssue[];
  warnings: FieldWarning[];
  /** The resource's status after reconciliation, when it needs attention (INVALID, FAILED, WARNING, REJECTED). */
  status?: { approval: string; message: string };
}

export interface ApplyRequest {
  documents: { file: string; content: string }[];
}

export function parseApplyRequest(body: string, contentType: string, fileParam: string | null): ApplyRequest {
  if (contentType.includes('yaml')) return { documents: [{ file: fileParam ?? '-', content: body }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new HttpError(400, 'CP_BAD_REQUEST', `request body is not JSON: ${(err as Error).message}`);
  }
  const docs = (parsed as { documents?: unknown }).documents;
  if (!Array.isArray(docs) || docs.some((d) => typeof d?.content !== 'string')) {
    throw new HttpError(400, 'CP_BAD_REQUEST', 'body must be {"documents":[{"file":"name","content":"<yaml>"}]} (documents[].content is required)');
  }
  return { documents: docs.map((d: { file?: unknown; content: string }) => ({ file: typeof d.file === 'string' ? d.file : '-', content: d.content })) };
}

/** Validates every document, then stores the valid ones as one batch (Store.applyMany): a bad document never
 *  stops the others. Results come back in document order. */
export async function applyDocuments(store: Store, request: ApplyRequest): Promise<ApplyDocumentResult[]> {
  const results: ApplyDocumentResult[] = [];
  const pending: { slot: number; doc: ManifestDocument & { ok: true } }[] = [];
  for (const { file, content } of request.documents) {
    for (const doc of parseManifests(content, file)) {
      const loc = { file: doc.file, index: doc.index, ...(doc.item !== undefined ? { item: doc.item } : {}) };
      if (!doc.ok && doc.code === 'API_NOT_PORTICO') {
        results.push({ ...loc, ok: true, ...(doc.kind ? { kind: doc.kind } : {}), ...(doc.name ? { name: doc.name } : {}), action: 'skipped', code: doc.code, message: doc.message, warnings: [] });
        continue;
      }
      if (!doc.ok) {
        const claimed = { ...(doc.kind ? { kind: doc.kind } : {}), ...(doc.name ? { name: doc.name } : {}), ...(doc.namespace ? { namespace: doc.namespace } : {}) };
        results.push({ ...loc, ok: false, ...claimed, code: doc.code, message: doc.message, issues: doc.issues, warnings: doc.warnings });
        continue;
      }
      const ref = refOf(doc.resource);
      pending.push({ slot: results.length, doc });
      results.push({ ...loc, ok: false, kind: ref.kind, apiVersion: doc.resource.apiVersion, namespace: ref.namespace, name: ref.name, warnings: doc.warnings });
    }
  }
  const stored = await store.applyMany(pending.map((p) => p.doc.resource));
  pending.forEach((p, i) => {
    const r = stored[i]!;
    const base = results[p.slot]!;
    results[p.slot] = r.ok ? { ...base, ok: true, action: r.action } : { ...base, ok: false, code: r.code, message: r.message };
  });
  return results;
}
