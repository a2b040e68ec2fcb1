// Password hashing for the development IdP's users: scrypt from node:crypto (memory-hard, no native addon).
// Stored format: scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>, so parameters can be raised later while old
// hashes keep verifying.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { idpError, type IdpError } from '../errors.ts';

const DEFAULTS = { N: 16384, r: 8, p: 1, keyLength: 32 };

function scryptAsync(password: string, salt: Buffer, keyLength: number, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keyLength } = DEFAULTS;
  const key = await scryptAsync(password, salt, keyLength, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash { N: number; r: number; p: number; salt: Buffer; key: Buffer }

export function parsePasswordHash(stored: string): { ok: true; value: ParsedHash } | IdpError {
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  const nums = [Number(n), Number(r), Number(p)];
  if (parts.length !== 6 || scheme !== 'scrypt' || nums.some((x) => !Number.isInteger(x) || x <= 0)
    || !salt || !key) {
    return idpError('IDP_PASSWORD_HASH_INVALID', 'password hash must look like scrypt$N$r$p$salt$hash');
  }
  const [N, rr, pp] = nums as [number, number, number];
  if ((N & (N - 1)) !== 0 || N > 2 ** 20) {
    return idpError('IDP_PASSWORD_HASH_INVALID', 'scrypt N must be a power of two no larger than 2^20');
  }
  return { ok: true, value: { N, r: rr, p: pp, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') } };
}

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed.ok) return false;
  const { N, r, p, salt, key } = parsed.value;
  const derived = await scryptAsync(password, salt, key.length, N, r, p);
  return timingSafeEqual(derived, key);
}
