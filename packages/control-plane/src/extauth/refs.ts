// Reading ConfigMaps and Secrets an auth config refers to, with the messages Gloo reports when one is missing
// (gloo-api.md §4.2, kgateway issue 6703).
import type { TranslationContext } from '../translate/stage.ts';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

export function missingArtifact(ns: string, name: string): string {
  return `failed to translate ext auth config: list did not find artifact ${ns}.${name}`;
}

/** Every data value of the ConfigMap, keyed `<ns>.<name>.<key>` (one Rego module each). */
export function configMapData(ctx: TranslationContext, ns: string, name: string): Resolved<Record<string, string>> {
  const cm = ctx.index.get('ConfigMap', ns, name);
  if (!cm) return { ok: false, message: missingArtifact(ns, name) };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cm.data ?? {})) out[`${ns}.${name}.${k}`] = v;
  return { ok: true, value: out };
}

/** A Secret value by the first key present (Secret data is base64, as in Kubernetes). */
export function secretValue(ctx: TranslationContext, ns: string, name: string, keys: readonly string[]): Resolved<string> {
  const s = ctx.index.get('Secret', ns, name);
  if (!s) return { ok: false, message: `failed to translate ext auth config: list did not find secret ${ns}.${name}` };
  const data = s.data ?? {};
  for (const k of keys) {
    if (data[k] !== undefined) return { ok: true, value: Buffer.from(data[k], 'base64').toString('utf8').trim() };
  }
  // Gloo Edge's oauth secret: key `oauth` holding YAML `clientSecret: <value>`.
  if (data.oauth !== undefined && keys.includes('client-secret')) {
    const m = /clientSecret:\s*(\S+)/.exec(Buffer.from(data.oauth, 'base64').toString('utf8'));
    if (m) return { ok: true, value: m[1].replace(/^["']|["']$/g, '') };
  }
  return { ok: false, message: `secret ${ns}.${name} has none of the keys ${keys.join(', ')}` };
}
