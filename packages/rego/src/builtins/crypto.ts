// Hashes and HMACs (OPA topdown/crypto.go), on node:crypto. Inputs are hashed as their UTF-8 bytes and
// digests are lower-case hex, as in OPA.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Value } from '../value/index.ts';
import { T_BOOL, T_STR, fn } from './lib/decl.ts';
import { str } from './lib/operands.ts';
import type { Builtin, BuiltinTable } from './lib/types.ts';

function hash(name: string, algo: string): Builtin {
  return { decl: fn(name, [T_STR], T_STR), impl: (a: Value[]) => createHash(algo).update(str(a, 0), 'utf8').digest('hex') };
}

function hmac(name: string, algo: string): Builtin {
  return {
    decl: fn(name, [T_STR, T_STR], T_STR),
    impl: (a: Value[]) => createHmac(algo, Buffer.from(str(a, 1), 'utf8')).update(str(a, 0), 'utf8').digest('hex'),
  };
}

/** Constant-time comparison of two MACs (hmac.Equal on the raw strings). */
function hmacEqual(a: Value[]): Value {
  const x = Buffer.from(str(a, 0), 'utf8');
  const y = Buffer.from(str(a, 1), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export const cryptoBuiltins: BuiltinTable = {
  'crypto.md5': hash('crypto.md5', 'md5'),
  'crypto.sha1': hash('crypto.sha1', 'sha1'),
  'crypto.sha256': hash('crypto.sha256', 'sha256'),
  'crypto.hmac.md5': hmac('crypto.hmac.md5', 'md5'),
  'crypto.hmac.sha1': hmac('crypto.hmac.sha1', 'sha1'),
  'crypto.hmac.sha256': hmac('crypto.hmac.sha256', 'sha256'),
  'crypto.hmac.sha512': hmac('crypto.hmac.sha512', 'sha512'),
  'crypto.hmac.equal': { decl: fn('crypto.hmac.equal', [T_STR, T_STR], T_BOOL), impl: hmacEqual },
};
