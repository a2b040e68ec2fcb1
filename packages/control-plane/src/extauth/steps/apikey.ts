// apiKeyAuth with keys kept in Kubernetes Secrets (gloo-api-more.md §12): `k8sSecretApikeyStorage` (or the
// deprecated top-level labelSelector / apiKeySecretRefs, which lose to it) selects Secrets of type
// `extauth.solo.io/apikey`; each one's `api-key` entry is a key and every other entry is string metadata
// (read by headersFromMetadataEntry). ext-auth receives only SHA-256 hashes of the keys, never the keys, so
// nothing it holds in memory or a snapshot can be replayed as a key. Without a storage block the portal's
// shared key store is used (gloo-api.md §2.8), as before.
import { createHash } from 'node:crypto';
import type { ApiKeyAuth, Resource } from '@portico/api';
import type { TranslationContext } from '../../translate/stage.ts';

export const APIKEY_SECRET_TYPE = 'extauth.solo.io/apikey';

export interface SecretKeys {
  /** sha256(key) hex → owner (Secret name) and metadata. */
  hashes: Record<string, { username: string; metadata: Record<string, string> }>;
  warnings: string[];
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function decode(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

/** null when the config keeps keys in the portal's store (no Secret storage configured). */
export function resolveSecretKeys(a: ApiKeyAuth, ns: string, ctx: TranslationContext, at: string): SecretKeys | null {
  const storage = a.k8sSecretApikeyStorage ?? (a.labelSelector !== undefined || a.apiKeySecretRefs !== undefined ? { labelSelector: a.labelSelector, apiKeySecretRefs: a.apiKeySecretRefs } : null);
  if (storage === null) return null;
  const warnings: string[] = [];
  if (a.k8sSecretApikeyStorage && (a.labelSelector !== undefined || a.apiKeySecretRefs !== undefined)) {
    warnings.push(`${at}: the deprecated top-level labelSelector/apiKeySecretRefs are ignored in favour of k8sSecretApikeyStorage`);
  }
  if (a.aerospikeApikeyStorage !== undefined) warnings.push(`${at}.aerospikeApikeyStorage is not supported`);
  const secrets: Resource[] = [];
  const seen = new Set<Resource>();
  const selector = storage.labelSelector;
  if (selector !== undefined && Object.keys(selector).length > 0) {
    for (const s of ctx.index.list('Secret')) {
      if ((s as { type?: string }).type !== APIKEY_SECRET_TYPE) continue;
      if (Object.entries(selector).every(([k, v]) => s.metadata.labels[k] === v) && !seen.has(s)) {
        seen.add(s);
        secrets.push(s);
      }
    }
  }
  for (const ref of storage.apiKeySecretRefs ?? []) {
    const s = ctx.index.get('Secret', ref.namespace || ns, ref.name);
    if (s === undefined) {
      warnings.push(`${at}.apiKeySecretRefs: Secret ${ref.namespace || ns}/${ref.name} not found`);
      continue;
    }
    if (!seen.has(s)) {
      seen.add(s);
      secrets.push(s);
    }
  }
  const hashes: SecretKeys['hashes'] = {};
  for (const s of secrets) {
    const data = (s.data ?? {}) as Record<string, string>;
    const where = `Secret ${s.metadata.namespace}/${s.metadata.name}`;
    const type = (s as { type?: string }).type ?? 'Opaque';
    if (type !== APIKEY_SECRET_TYPE) warnings.push(`${where} has type ${type}, not ${APIKEY_SECRET_TYPE}; used anyway`);
    if (data['api-key'] === undefined) {
      warnings.push(`${where} has no api-key entry`);
      continue;
    }
    const key = decode(data['api-key']).trim();
    if (key === '') {
      warnings.push(`${where}: api-key is empty`);
      continue;
    }
    const h = hashKey(key);
    if (hashes[h] !== undefined) {
      warnings.push(`${where} repeats the key of Secret ${hashes[h].username}; the first one is used`);
      continue;
    }
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) if (k !== 'api-key') metadata[k] = decode(v);
    hashes[h] = { username: s.metadata.name, metadata };
  }
  if (secrets.length === 0) warnings.push(`${at}: no API key Secret is selected (labelSelector ${JSON.stringify(selector ?? {})}); every key is refused`);
  return { hashes, warnings };
}
