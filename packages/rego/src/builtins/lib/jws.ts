// JWS signing and verification primitives for the io.jwt.* builtins. Builtins run synchronously, and
// jose's API is promise-based, so the signatures themselves are node:crypto's synchronous KeyObject API
// (no cryptography is written here): keys come from PEM certificates / public keys or JWK (sets).
import { X509Certificate, constants, createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { builtinError } from '../builtin-error.ts';

export type Alg = 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

const ALGS = new Set<string>(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);

export function isAlg(a: string): a is Alg {
  return ALGS.has(a);
}

function digest(alg: Alg): string | null {
  return alg === 'EdDSA' ? null : 'sha' + alg.slice(2);
}

function options(alg: Alg, key: KeyObject) {
  if (alg.startsWith('PS')) return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  if (alg.startsWith('ES')) return { key, dsaEncoding: 'ieee-p1363' as const };
  if (alg.startsWith('RS')) return { key, padding: constants.RSA_PKCS1_PADDING };
  return { key };
}

/** Key a token may be verified with: a public key, or an HMAC secret. */
export type VerifyKey = { kind: 'public'; key: KeyObject; kid?: string; alg?: string } | { kind: 'secret'; secret: Buffer };

function keyMatchesAlg(alg: Alg, key: KeyObject): boolean {
  const t = key.asymmetricKeyType;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return t === 'rsa' || t === 'rsa-pss';
  if (alg.startsWith('ES')) return t === 'ec';
  if (alg === 'EdDSA') return t === 'ed25519' || t === 'ed448';
  return false;
}

export function verifySignature(alg: Alg, key: VerifyKey, input: Buffer, signature: Buffer): boolean {
  try {
    if (alg.startsWith('HS')) {
      if (key.kind !== 'secret') return false;
      const mac = createHmac(digest(alg)!, key.secret).update(input).digest();
      return mac.length === signature.length && timingSafeEqual(mac, signature);
    }
    if (key.kind !== 'public' || !keyMatchesAlg(alg, key.key)) return false;
    return verify(digest(alg), input, options(alg, key.key), signature);
  } catch {
    return false;
  }
}

export function signInput(alg: Alg, key: KeyObject | Buffer, input: Buffer): Buffer {
  if (alg.startsWith('HS')) {
    if (!Buffer.isBuffer(key)) throw builtinError('HMAC algorithms need an "oct" key');
    return createHmac(digest(alg)!, key).update(input).digest();
  }
  if (Buffer.isBuffer(key)) throw builtinError(`${alg} needs an asymmetric private key`);
  return sign(digest(alg), input, options(alg, key));
}

// Go's pem.Decode: the first BEGIN/END block (text before it ignored), its label and what follows its END line.
const PEM_BLOCK = /-----BEGIN ([^\r\n-]*)-----\r?\n([\s\S]*?)-----END \1-----(?:\r?\n)?/;

/**
 * A PEM certificate or public key, or a JWK / JWK set (JSON text), read as OPA's getKeysFromCertOrJWK does:
 * one PEM block only ("extra data after a PEM certificate block"), labelled CERTIFICATE or PUBLIC KEY
 * ("failed to extract a Key from the PEM certificate" for any other), else JSON.
 */
export function parseVerifyKeys(text: string): VerifyKey[] {
  const pem = PEM_BLOCK.exec(text);
  if (pem) {
    if (text.slice(pem.index + pem[0].length).length > 0) throw builtinError('extra data after a PEM certificate block');
    if (pem[1] === 'CERTIFICATE') {
      try {
        return [{ kind: 'public', key: new X509Certificate(pem[0]).publicKey }];
      } catch (e) {
        throw builtinError(`failed to parse a PEM certificate: ${(e as Error).message}`);
      }
    }
    if (pem[1] === 'PUBLIC KEY') {
      try {
        return [{ kind: 'public', key: createPublicKey({ key: pem[0], format: 'pem', type: 'spki' }) }];
      } catch (e) {
        throw builtinError(`failed to parse a PEM public key: ${(e as Error).message}`);
      }
    }
    throw builtinError('failed to extract a Key from the PEM certificate');
  }
  const trimmed = text.trim();
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw builtinError('failed to parse a JWK key (set): invalid JSON');
  }
  const jwks = (json as { keys?: unknown }).keys;
  const list = Array.isArray(jwks) ? jwks : [json];
  // OPA skips keys that name an algorithm it does not know
  return list.filter((jwk) => typeof jwk?.alg !== 'string' || isAlg(jwk.alg)).map((jwk) => jwkToVerifyKey(jwk as Record<string, unknown>));
}

function jwkToVerifyKey(jwk: Record<string, unknown>): VerifyKey {
  try {
    if (jwk.kty === 'oct') return { kind: 'secret', secret: Buffer.from(String(jwk.k ?? ''), 'base64url') };
    const pub = { ...jwk };
    for (const p of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete pub[p];
    const key = createPublicKey({ key: pub as import('node:crypto').JsonWebKey, format: 'jwk' });
    return { kind: 'public', key, kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, alg: typeof jwk.alg === 'string' ? jwk.alg : undefined };
  } catch (e) {
    throw builtinError(`failed to parse a JWK key (set): ${(e as Error).message}`);
  }
}

/** The signing key of a JWK (private asymmetric key, or the "oct" secret). */
export function signingKey(jwk: Record<string, unknown>): KeyObject | Buffer {
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') throw builtinError('failed to parse JWK: missing "k"');
    return Buffer.from(jwk.k, 'base64url');
  }
  try {
    return createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch (e) {
    throw builtinError(`failed to parse JWK: ${(e as Error).message}`);
  }
}
