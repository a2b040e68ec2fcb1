// crypto.x509.*: certificates as PEM, base64 PEM and base64 DER; chain verification (root first, as
// OPA expects); CSR subjects; private keys as JWKs.
import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { call, callIn, ctx, fail } from './call.ts';

// The fixtures were issued in 2026; verification runs at the current time.
const now = () => ctx(BigInt(Date.now()) * 1_000_000n);

const chain = readFileSync(new URL('./__fixtures__/chain.pem', import.meta.url), 'utf8');
const csr = readFileSync(new URL('./__fixtures__/leaf.csr', import.meta.url), 'utf8');

test('parse_certificates reads PEM, base64 PEM and base64 DER chains', () => {
  const names = (v: unknown) => (v as { Subject: { CommonName: string } }[]).map((c) => c.Subject.CommonName);
  assert.deepEqual(names(call('crypto.x509.parse_certificates', chain)), ['Portico Test Root', 'api.portico.test']);
  assert.deepEqual(names(call('crypto.x509.parse_certificates', Buffer.from(chain).toString('base64'))), ['Portico Test Root', 'api.portico.test']);
  const ders = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)!.map((p) => new X509Certificate(p).raw);
  const [root, leaf] = call('crypto.x509.parse_certificates', Buffer.concat(ders).toString('base64')) as Record<string, unknown>[];
  assert.equal(root.IsCA, true);
  assert.deepEqual(leaf.DNSNames, ['api.portico.test']);
  assert.deepEqual(leaf.URIStrings, ['spiffe://portico.test/api']);
  assert.deepEqual((leaf.Subject as { Country: string[] }).Country, ['GB']);
  assert.equal(fail('crypto.x509.parse_certificates', 'YmFkc3RyaW5n').message, 'crypto.x509.parse_certificates: x509: malformed certificate');
  assert.match(fail('crypto.x509.parse_certificates', 'foobar').message, /illegal base64/);
});

test('parse_and_verify_certificates verifies root → leaf and returns leaf → root', () => {
  const [ok, certs] = callIn(now(), 'crypto.x509.parse_and_verify_certificates', chain) as [boolean, { Subject: { CommonName: string } }[]];
  assert.equal(ok, true);
  assert.deepEqual(certs.map((c) => c.Subject.CommonName), ['api.portico.test', 'Portico Test Root']);
  const leafOnly = chain.slice(chain.indexOf('-----BEGIN CERTIFICATE-----', 10));
  assert.deepEqual(callIn(now(), 'crypto.x509.parse_and_verify_certificates', leafOnly), [false, []]);
  assert.deepEqual(call('crypto.x509.parse_and_verify_certificates', chain), [false, []], 'not yet valid in 2023');
  const reversed = leafOnly + '\n' + chain.slice(0, chain.indexOf('-----END CERTIFICATE-----') + 25);
  assert.deepEqual(callIn(now(), 'crypto.x509.parse_and_verify_certificates', reversed), [false, []]);
  assert.equal((callIn(now(), 'crypto.x509.parse_and_verify_certificates_with_options', chain, { DNSName: 'other.test' }) as unknown[])[0], false);
  assert.equal((callIn(now(), 'crypto.x509.parse_and_verify_certificates_with_options', chain, { DNSName: 'api.portico.test' }) as unknown[])[0], true);
});

test('parse_certificate_request reads the subject', () => {
  const req = call('crypto.x509.parse_certificate_request', csr) as { Subject: { CommonName: string; Organization: string[] } };
  assert.equal(req.Subject.CommonName, 'api.portico.test');
  assert.deepEqual(req.Subject.Organization, ['Portico']);
  assert.match(fail('crypto.x509.parse_certificate_request', 'YmFkc3RyaW5n').message, /asn1: structure error/);
});

test('private keys become JWKs', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs1' }) as string;
  const jwk = call('crypto.x509.parse_rsa_private_key', pem) as Record<string, string>;
  assert.equal(jwk.kty, 'RSA');
  assert.equal(jwk.n, privateKey.export({ format: 'jwk' }).n);
  assert.equal((call('crypto.parse_private_keys', pem + '\n' + pem) as unknown[]).length, 2);
  assert.match(fail('crypto.x509.parse_rsa_private_key', 'invalid').message, /illegal base64/);
});

test('parse_keypair checks that the key belongs to the certificate', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  assert.equal(fail('crypto.x509.parse_keypair', chain, pem).message, 'crypto.x509.parse_keypair: tls: private key does not match public key');
});
