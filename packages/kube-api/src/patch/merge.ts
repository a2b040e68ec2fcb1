// JSON merge patch (RFC 7396) and the Kubernetes strategic-merge variant for the core kinds. RFC 7396 is ten lines;
// strategic merge is Kubernetes-specific (no npm library implements it): here it is merge patch plus merge-by-key
// for the lists the served core kinds have (Service `spec.ports` by `port`, owner references by `uid`), `$patch`
// directives, and the `$setElementOrder`/`$retainKeys`/`$deleteFromPrimitiveList` hints kubectl adds, which only
// order or prune what merge already produces.
import { badRequest } from '../http/status.ts';

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Lists merged element-by-element on a key, by path (`*` = any map key). */
const MERGE_KEYS: Record<string, string> = {
  'spec.ports': 'port',
  'metadata.ownerReferences': 'uid',
};

export function strategicMergePatch(target: Json, patch: Json, path = ''): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return strategicMergePatch({}, rest, path);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = (out[field] as Json[]).filter((x) => !v.includes(x));
      continue;
    }
    const childPath = path ? `${path}.${k}` : k;
    if (v === null) delete out[k];
    else if (Array.isArray(v) && MERGE_KEYS[childPath] && Array.isArray(out[k])) out[k] = mergeList(out[k] as Json[], v, MERGE_KEYS[childPath]!, childPath);
    else {
      const merged = strategicMergePatch(out[k], v, childPath);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], key: string, path: string): Json[] {
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item) || !(key in item)) throw badRequest(`${path}: every element of a strategic merge patch list needs the merge key ${JSON.stringify(key)}`);
    const i = out.findIndex((x) => isObject(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMergePatch(out[i], item, path);
    else out.push(strategicMergePatch({}, item, path));
  }
  return out;
}

/** Server-side apply's merge: the applied configuration's fields win, maps merge recursively, lists are atomic. */
export function applyMerge(target: Json, applied: Json): Json {
  if (!isObject(applied) || !isObject(target)) return structuredClone(applied);
  const out: Record<string, Json> = { ...target };
  for (const [k, v] of Object.entries(applied)) out[k] = v === null ? v : applyMerge(out[k], v);
  return out;
}
