// PATCH: merge patch, JSON patch, strategic merge (core kinds) and server-side apply (application/apply-patch+yaml).
// The patch is applied to the current object, then stored with the resourceVersion it was applied to, so a
// concurrent write is never overwritten (the patch is re-applied to the newer object, as the API server does).
import fastJsonPatch from 'fast-json-patch';
import { badRequest, KubeError } from '../http/status.ts';
import type { ServedResource } from '../resources/catalog.ts';
import type { WireObject } from '../resources/objects.ts';
import { applyMerge, mergePatch, strategicMergePatch } from '../patch/merge.ts';

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

export function patchTypeOf(contentType: string, r: ServedResource): PatchType {
  const t = contentType.split(';')[0]!.trim().toLowerCase() as PatchType;
  if (!PATCH_TYPES.includes(t)) throw new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`);
  if (t === 'application/strategic-merge-patch+json' && r.group !== '') {
    throw new KubeError(415, 'UnsupportedMediaType', `strategic merge patch is not supported for ${r.plural}.${r.group} (a custom resource); use a JSON merge patch (--type merge) or a JSON patch (--type json)`);
  }
  return t;
}

export function applyPatch(type: PatchType, current: WireObject, patch: unknown): WireObject {
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(current, patch) as WireObject;
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(current, patch) as WireObject;
    case 'application/apply-patch+yaml':
      return applyMerge(current, patch) as WireObject;
    case 'application/json-patch+json': {
      if (!Array.isArray(patch)) throw badRequest('a JSON patch must be an array of operations');
      try {
        return fastJsonPatch.applyPatch(structuredClone(current), patch as fastJsonPatch.Operation[], true, false).newDocument as WireObject;
      } catch (err) {
        throw new KubeError(422, 'Invalid', `the JSON patch could not be applied: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
}
