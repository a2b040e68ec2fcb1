// The key that protects OIDC session cookies and login state. From cipherConfig.keyRef when configured (Gloo:
// exactly 32 bytes); otherwise a per-install key generated once into <stateDir>/ext-auth/session.key, so sessions
// survive restarts and every process on the install agrees. Sub-keys are derived with HKDF so the cookie cipher
// and the state-JWT HMAC never share key material.
import { hkdfSync, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SessionKeys {
  cookie: Buffer; // AES-256-GCM
  state: Uint8Array; // HS256 for the `state` JWT
}

export function deriveSessionKeys(master: Buffer): SessionKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { cookie: derive('portico oidc session cookie'), state: new Uint8Array(derive('portico oidc state jwt')) };
}

/** Reads or creates the per-install key. Synchronous: it runs once when a config is compiled for serving. */
export function installSessionKey(stateDir: string): Buffer {
  const path = join(stateDir, 'ext-auth', 'session.key');
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
    if (key.length === 32) return key;
    throw new Error(`${path} does not hold a 32-byte key`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(tmp, path); // fails if another process won the race; then its key is used
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return installSessionKey(stateDir);
}
