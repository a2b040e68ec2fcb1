// Key material. A key is 32 bytes from the CSPRNG (256 bits), so it cannot be guessed or brute-forced from
// its hash; that is why a single fast SHA-256 is the right storage form here (slow password hashes such as
// scrypt exist to protect low-entropy human passwords, and would cost every gateway request milliseconds).
// The hash is also the lookup index, so validating a key is one indexed read.
import { hash, randomBytes, randomUUID } from 'node:crypto';

const PREFIX = 'pk_';

export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(apiKey: string): string {
  return hash('sha256', apiKey, 'hex'); // one-shot (UTF-8 input): no Hash object per request
}

export function newKeyId(): string {
  return randomUUID();
}
