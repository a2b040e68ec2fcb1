// The IdP's persistent secrets: the RS256 signing key and the cookie-signing keys. They are generated on first start
// and kept in <stateDir>/idp/keys.json so that a restart keeps issued tokens verifiable and login sessions valid.
// Written atomically (temp file + link) with mode 0600 so a crash never leaves a half-written key file.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { idpError, type IdpError } from '../errors.ts';

export interface IdpKeys {
  signing: JWK[]; // private JWKs; the first one signs
  cookieKeys: string[];
}

export function keyFilePath(stateDir: string): string {
  return join(stateDir, 'idp', 'keys.json');
}

async function generateKeys(): Promise<IdpKeys> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return {
    signing: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }],
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
}

function isUsable(doc: unknown): doc is IdpKeys {
  const d = doc as IdpKeys;
  return !!d && Array.isArray(d.signing) && d.signing.length > 0
    && d.signing.every((k) => k && k.kty === 'RSA' && typeof k.d === 'string' && typeof k.kid === 'string')
    && Array.isArray(d.cookieKeys) && d.cookieKeys.length > 0 && d.cookieKeys.every((k) => typeof k === 'string');
}

/** Loads the key file, creating it when absent. A present but damaged file is an error, never silently replaced. */
export async function loadOrCreateKeys(stateDir: string): Promise<{ ok: true; value: IdpKeys; created: boolean } | IdpError> {
  const path = keyFilePath(stateDir);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      return idpError('IDP_KEYS_INVALID', `cannot read ${path}: ${(err as Error).message}`);
    }
  }
  if (text !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return idpError('IDP_KEYS_INVALID', `${path} is not valid JSON; move it away to generate new keys`);
    }
    if (!isUsable(doc)) return idpError('IDP_KEYS_INVALID', `${path} has no usable RS256 signing key`);
    return { ok: true, value: doc, created: false };
  }
  const keys = await generateKeys();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  // link() fails when another process created the file meanwhile: then both use the file's keys, never two sets.
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await unlink(tmp);
    return loadOrCreateKeys(stateDir);
  }
  await unlink(tmp);
  return { ok: true, value: keys, created: true };
}
