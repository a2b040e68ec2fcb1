// Project Wycheproof JOSE vectors (C2SP/wycheproof testvectors_v1, Apache-2.0), read in place from the shared
// security data (../shared/security/wycheproof, see its README). One test per vector group, run against
// Portico's verifier configuration: key-set rules (key-set.ts, key-policy.ts) + JWS rules (verify-jws.ts).
// `valid` must verify, `invalid` must be rejected, `acceptable` is recorded either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipReason } from '@portico/testing';
import { keySetFromJwks } from '../../src/jwt/key-set.ts';
import { parseJwsHeader, verifyWithKey } from '../../src/jwt/verify-jws.ts';

const here = dirname(fileURLToPath(import.meta.url));
const DIR = process.env.PORTICO_WYCHEPROOF_DIR ?? resolve(here, '../../../../../shared/security/wycheproof');

interface Vector { tcId: number; comment: string; jws: string; result: 'valid' | 'invalid' | 'acceptable'; flags: string[] }
interface Group { comment: string; private?: Record<string, unknown>; public?: Record<string, unknown>; tests: Vector[] }

// Vectors whose expected result contradicts the RFCs or the file itself. Each is still asserted — against the
// outcome Portico's policy gives, with the reason — so a change in behaviour fails this test.
const DATA_DEFECTS: Record<number, { expect: 'accepted' | 'rejected'; why: string }> = {
  346: { expect: 'rejected', why: 'RFC 7520 Figure 20: key labelled alg PS256, token PS384; RFC 8725 §3.1 binds a key to its one alg (tcId 338/340 require the same binding)' },
  350: { expect: 'rejected', why: 'same as 346 (key_ops variant)' },
  367: { expect: 'accepted', why: 'byte-identical to valid tcId 357 (the padding of the original vector was lost upstream)' },
  370: { expect: 'accepted', why: 'byte-identical to valid tcId 357' },
  372: { expect: 'rejected', why: "'?' is not base64url (RFC 7515 §2) and the signing input differs from 357's, so it cannot verify" },
  373: { expect: 'rejected', why: 'same as 372, in the payload' },
};

async function verdict(keyDoc: Record<string, unknown>, jws: string): Promise<{ ok: boolean; why: string }> {
  // Local (configured) key sets may hold HMAC secrets; Wycheproof's HS groups exercise that path.
  const set = keySetFromJwks(Array.isArray(keyDoc.keys) ? keyDoc : { keys: [keyDoc] }, { allowSymmetric: true });
  if (!set.ok) return { ok: false, why: set.message };
  const parsed = parseJwsHeader(jws);
  if (!parsed.ok) return { ok: false, why: parsed.code };
  const res = await verifyWithKey(jws, parsed.value, set.value.entries.get(parsed.value.kid));
  return res.ok ? { ok: true, why: 'verified' } : { ok: false, why: `${res.code} (${set.value.ignored.join('; ')})` };
}

for (const file of ['json_web_signature_test.json', 'json_web_key_test.json']) {
  const path = join(DIR, file);
  const missing = skipReason(existsSync(path), `vectors not found at ${path} (set PORTICO_WYCHEPROOF_DIR)`);
  if (missing) {
    test(`wycheproof ${file}`, { skip: missing }, () => {});
    continue;
  }
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { testGroups: Group[] };
  doc.testGroups.forEach((g, i) => {
    const ids = g.tests.map((t) => t.tcId);
    test(`wycheproof ${file} group ${i} "${g.comment}" tcId ${Math.min(...ids)}..${Math.max(...ids)}`, async () => {
      const keyDoc = (g.public ?? g.private)!;
      const wrong: string[] = [];
      for (const v of g.tests) {
        const r = await verdict(keyDoc, v.jws);
        const defect = file === 'json_web_signature_test.json' ? DATA_DEFECTS[v.tcId] : undefined;
        if (defect) {
          if ((defect.expect === 'accepted') !== r.ok) wrong.push(`tcId ${v.tcId}: expected ${defect.expect} (${defect.why}), got ${r.why}`);
          continue;
        }
        if (v.result === 'valid' && !r.ok) wrong.push(`tcId ${v.tcId} ${v.comment}: valid vector rejected (${r.why})`);
        if (v.result === 'invalid' && r.ok) wrong.push(`tcId ${v.tcId} ${v.comment}: invalid vector accepted`);
      }
      assert.deepEqual(wrong, []);
    });
  });
}

// The XDH files test X25519/X448 key agreement with JWK-encoded keys (JWE ECDH-ES). Portico verifies JWS only and
// never decrypts JWE, so no code path of Portico consumes those keys; the files are listed here, not run.
for (const file of ['x25519_jwk_test.json', 'x448_jwk_test.json']) {
  test(`wycheproof ${file}`, { skip: 'key agreement (JWE ECDH-ES) is not a Portico code path: only JWS is verified' }, () => {});
}
