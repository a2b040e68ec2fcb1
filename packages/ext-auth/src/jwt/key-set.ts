// A verification key set built from a JWKS document: keys filtered by key-policy.ts, looked up by `kid` only
// (RFC 8725 §3.10: kid is a lookup key, never a path or query), imported lazily once per (kid, alg).
// A kid that appears twice is ambiguous and both keys are dropped; when a set publishes asymmetric keys,
// any shared-secret key in it is dropped too (a mixed set is a misconfiguration or a leak).
import { importJWK } from 'jose';
import { fail, ok, type Result } from '../errors.ts';
import { judgeKey, type JwsAlg } from './key-policy.ts';

export type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

export interface KeyEntry {
  kid: string;
  algs: ReadonlySet<JwsAlg>;
  /** Resolves the imported key for one algorithm; rejects when the JWK is not a valid key (e.g. point off curve). */
  importFor(alg: JwsAlg): Promise<VerifyKey>;
}

export interface KeySet {
  readonly entries: ReadonlyMap<string, KeyEntry>;
  /** Why keys were left out, for status and logs. */
  readonly ignored: readonly string[];
}

export function keySetFromJwks(doc: unknown, opts: { allowSymmetric: boolean }): Result<KeySet> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('AUTH_JWKS_INVALID', 'JWKS must be a JSON object');
  const keys = (doc as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return fail('AUTH_JWKS_INVALID', 'JWKS has no "keys" array');
  const ignored: string[] = [];
  const usable: { jwk: Record<string, unknown>; kid: string; algs: ReadonlySet<JwsAlg> }[] = [];
  const seen = new Map<string, number>();
  for (const k of keys) {
    if (typeof k !== 'object' || k === null || Array.isArray(k)) {
      ignored.push('a key that is not a JSON object');
      continue;
    }
    const jwk = k as Record<string, unknown>;
    const v = judgeKey(jwk, opts);
    if (typeof jwk.kid === 'string') seen.set(jwk.kid, (seen.get(jwk.kid) ?? 0) + 1);
    if (!v.usable) ignored.push(`kid ${JSON.stringify(v.kid)}: ${v.reason}`);
    else usable.push({ jwk, kid: v.kid, algs: v.algs });
  }
  const asymmetric = usable.some((u) => u.jwk.kty !== 'oct');
  const entries = new Map<string, KeyEntry>();
  for (const u of usable) {
    if ((seen.get(u.kid) ?? 0) > 1) {
      ignored.push(`kid ${JSON.stringify(u.kid)}: duplicate kid in the key set`);
      continue;
    }
    if (asymmetric && u.jwk.kty === 'oct') {
      ignored.push(`kid ${JSON.stringify(u.kid)}: shared-secret key in a set of public keys`);
      continue;
    }
    entries.set(u.kid, makeEntry(u.jwk, u.kid, u.algs));
  }
  return ok({ entries, ignored });
}

function makeEntry(jwk: Record<string, unknown>, kid: string, algs: ReadonlySet<JwsAlg>): KeyEntry {
  // Only the members a verifier needs: no alg/use/key_ops quirks reach the importer, and never private parts.
  const pub: Record<string, unknown> = { kty: jwk.kty };
  for (const m of ['n', 'e', 'crv', 'x', 'y', 'k']) if (jwk[m] !== undefined) pub[m] = jwk[m];
  const cache = new Map<JwsAlg, Promise<VerifyKey>>();
  return {
    kid,
    algs,
    importFor(alg) {
      let p = cache.get(alg);
      if (!p) {
        p = importJWK(pub as Parameters<typeof importJWK>[0], alg === 'Ed25519' ? 'Ed25519' : alg);
        cache.set(alg, p);
      }
      return p;
    },
  };
}
