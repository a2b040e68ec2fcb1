// Looks fields up in a kind's support registry, and lists the not-honoured fields a resource actually sets
// (for its status and for apply-time warnings).
import type { KindDefinition } from '../kinds/definition.ts';
import { valueFieldPaths } from './schema-paths.ts';
import type { FieldSupport } from './types.ts';

/** The entry covering `path`: its own, or the nearest ancestor's marked `subtree` (`loose`: any ancestor's —
 *  a value path can go below a schema leaf into a map's keys). */
export function supportOf(def: KindDefinition, path: string, loose = false): { key: string; support: FieldSupport } | null {
  const fields = def.fields ?? {};
  if (fields[path]) return { key: path, support: fields[path] };
  let p = path;
  for (;;) {
    const cut = p.endsWith('[]') ? p.length - 2 : p.lastIndexOf('.');
    if (cut <= 0) return null;
    p = p.slice(0, cut);
    const s = fields[p];
    if (s && (s.subtree || loose)) return { key: p, support: s };
  }
}

export interface FieldNote {
  /** `spec.`-prefixed path as the user wrote it (array indexes elided: `spec.http[].graphql`). */
  path: string;
  level: 'ignored' | 'unsupported';
  message: string;
}

/** Fields set in `body` (a spec, or a data-kind body) that the kind does not honour, one note per registry entry. */
export function unhonouredFields(def: KindDefinition, body: unknown): FieldNote[] {
  if (!def.fields) return [];
  const seen = new Map<string, FieldNote>();
  const prefix = def.body === 'spec' ? 'spec.' : '';
  for (const path of valueFieldPaths(body)) {
    const s = supportOf(def, path, true) ?? supportOfMapKey(def, path);
    if (!s || (s.support.level !== 'ignored' && s.support.level !== 'unsupported')) continue;
    if (seen.has(s.key)) continue;
    const what = s.support.level === 'unsupported' ? 'is not supported' : 'is ignored';
    seen.set(s.key, { path: `${prefix}${s.key}`, level: s.support.level, message: `${prefix}${s.key} ${what}: ${s.support.note}` });
  }
  return [...seen.values()];
}

/** Value paths name map keys (`providers.okta.issuer`); the registry uses `*` for them. */
function supportOfMapKey(def: KindDefinition, path: string): { key: string; support: FieldSupport } | null {
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const candidate = [...parts.slice(0, i), '*', ...parts.slice(i + 1)].join('.');
    const s = supportOf(def, candidate, true);
    if (s) return s;
  }
  return null;
}
