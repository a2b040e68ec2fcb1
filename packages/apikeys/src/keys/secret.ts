// Key material. A key is 32 bytes from the CSPRNG (256 bits), so it cannot be guessed or brute-forced from
// its hash; that is why a single fast SHA-256 is the right storage form here (slow password hashes such as
// scrypt exist to protect low-entropy human passwords, and would cost every gateway request milliseconds).
// The hash is also the lookup index, so validating a key is one indexed read.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const PREFIX = 'pk_';

export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export function newKeyId(): string {
  return randomUUID();
}
