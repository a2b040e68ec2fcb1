// Hashes, HMAC and io.jwt.*: tokens are made in the test with keys generated here, so every
// signature check runs against real RS/PS/ES/EdDSA/HS signatures.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { call, callIn, ctx, fail } from './call.ts';

test('hashes and HMACs', () => {
  assert.equal(call('crypto.md5', 'lorem ipsum'), '80a751fde577028640c419000e33eba6');
  assert.equal(call('crypto.sha256', ''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(call('crypto.hmac.sha256', 'hello', 'key'), '9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b');
  assert.equal(call('crypto.hmac.equal', 'abc', 'abc'), true);
  assert.equal(call('crypto.hmac.equal', 'abc', 'abd'), false);
});

test('RFC 7515 A.1: encode_sign_raw signs the header and payload texts as given', () => {
  const jwk = '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}';
  const token = call('io.jwt.encode_sign_raw', '{"typ":"JWT",\r\n "alg":"HS256"}', '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}', jwk);
  assert.equal((token as string).split('.')[2], 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
});

test('encode_sign header errors match OPA', () => {
  const jwk = '{"kty":"oct","k":"AAAA"}';
  assert.match(fail('io.jwt.encode_sign_raw', '{}', '{}', jwk).message, /header "alg" not found/);
  assert.match(fail('io.jwt.encode_sign_raw', '{"alg":"dummy"}', '{}', jwk).message, /unknown JWS algorithm: dummy/);
  assert.match(fail('io.jwt.encode_sign_raw', '{"alg":"HS256"}', 'not json', jwk).message, /type is JWT but payload is not JSON/);
});

for (const [alg, type, opts] of [
  ['RS256', 'rsa', { modulusLength: 2048 }],
  ['PS384', 'rsa', { modulusLength: 2048 }],
  ['ES256', 'ec', { namedCurve: 'P-256' }],
  ['ES512', 'ec', { namedCurve: 'P-521' }],
  ['EdDSA', 'ed25519', {}],
] as const) {
  test(`${alg}: sign, verify with JWK and PEM, decode_verify checks claims`, () => {
    const { privateKey, publicKey } = generateKeyPairSync(type as 'rsa', opts as { modulusLength: number });
    const jwk = privateKey.export({ format: 'jwk' });
    const token = call('io.jwt.encode_sign', { alg, kid: 'k1' }, { iss: 'me', aud: 'you', exp: 2000000000 }, jwk) as string;
    const pem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const verify = alg === 'EdDSA' ? 'io.jwt.verify_eddsa' : `io.jwt.verify_${alg.toLowerCase()}`;
    assert.equal(call(verify, token, pem), true);
    const pubJwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] });
    assert.equal(call(verify, token, pubJwks), true);
    const other = generateKeyPairSync(type as 'rsa', opts as { modulusLength: number }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
    assert.equal(call(verify, token, other), false);
    const c = ctx(1_700_000_000_000_000_000n);
    const [ok, header, payload] = callIn(c, 'io.jwt.decode_verify', token, { cert: pem, iss: 'me', aud: 'you' }) as unknown[];
    assert.equal(ok, true);
    assert.equal((header as { alg: string }).alg, alg);
    assert.equal((payload as { iss: string }).iss, 'me');
    assert.deepEqual(callIn(c, 'io.jwt.decode_verify', token, { cert: pem, aud: 'else' }), [false, {}, {}]);
    assert.deepEqual(callIn(ctx(2_100_000_000_000_000_000n), 'io.jwt.decode_verify', token, { cert: pem, aud: 'you' }), [false, {}, {}]);
  });
}

test('HS256 decode_verify with a secret; nbf and exp; malformed tokens', () => {
  const key = { kty: 'oct', k: Buffer.from('secret').toString('base64url') };
  const token = call('io.jwt.encode_sign', { alg: 'HS256' }, { nbf: 1600000000, exp: 1800000000 }, key) as string;
  assert.equal(call('io.jwt.verify_hs256', token, 'secret'), true);
  assert.equal(call('io.jwt.verify_hs256', token, 'wrong'), false);
  assert.equal((callIn(ctx(1_700_000_000_000_000_000n), 'io.jwt.decode_verify', token, { secret: 'secret' }) as unknown[])[0], true);
  assert.equal((callIn(ctx(1_500_000_000_000_000_000n), 'io.jwt.decode_verify', token, { secret: 'secret' }) as unknown[])[0], false);
  const [h, p, sig] = call('io.jwt.decode', token) as [{ alg: string }, { nbf: number }, string];
  assert.equal(h.alg, 'HS256');
  assert.equal(p.nbf, 1600000000);
  assert.match(sig, /^[0-9a-f]{64}$/);
  assert.equal(fail('io.jwt.decode', 'abc').message, 'io.jwt.decode: encoded JWT had no period separators');
  assert.equal(fail('io.jwt.decode', 'a.b').message, 'io.jwt.decode: encoded JWT must have 3 sections, found 2');
  assert.match(fail('io.jwt.decode', 'e30.!!.x').message, /JWT payload had invalid encoding: illegal base64 data at input byte 0/);
});

test('verification keys are read as OPA reads them: one PEM block, CERTIFICATE or PUBLIC KEY, else JWK', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const token = call('io.jwt.encode_sign', { alg: 'RS256' }, { a: 1 }, privateKey.export({ format: 'jwk' })) as string;
  assert.equal(call('io.jwt.verify_rs256', token, spki), true);
  // a second block (a chain, or the key twice) is not taken: OPA decodes one PEM block only
  assert.equal(fail('io.jwt.verify_rs256', token, spki + spki).message, 'io.jwt.verify_rs256: extra data after a PEM certificate block');
  // other labels (PKCS#1 "RSA PUBLIC KEY", private keys) are not verification keys to OPA
  assert.equal(fail('io.jwt.verify_rs256', token, pkcs1).message, 'io.jwt.verify_rs256: failed to extract a Key from the PEM certificate');
  assert.match(fail('io.jwt.verify_rs256', token, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n').message, /^io\.jwt\.verify_rs256: failed to parse a PEM public key: /);
  assert.match(fail('io.jwt.verify_rs256', token, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----').message, /^io\.jwt\.verify_rs256: failed to parse a PEM certificate: /);
  assert.match(fail('io.jwt.verify_rs256', token, 'nope').message, /^io\.jwt\.verify_rs256: failed to parse a JWK key \(set\): /);
});

test('JWKS keys are chosen as OPA chooses them: the kid match alone, else keys whose alg is the token alg', () => {
  const a = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = (k: typeof a, extra: Record<string, string>) => ({ ...(k.publicKey.export({ format: 'jwk' }) as Record<string, unknown>), ...extra });
  const sign = (header: Record<string, string>) => call('io.jwt.encode_sign', header, { a: 1 }, a.privateKey.export({ format: 'jwk' })) as string;
  const set = (...keys: unknown[]) => JSON.stringify({ keys });
  const t = sign({ alg: 'RS256' });
  assert.equal(call('io.jwt.verify_rs256', t, set(jwk(b, {}), jwk(a, {}))), true);
  // a key naming another algorithm is not tried, nor one naming an algorithm OPA does not know
  assert.equal(call('io.jwt.verify_rs256', t, set(jwk(a, { alg: 'RS512' }))), false);
  assert.equal(call('io.jwt.verify_rs256', t, set(jwk(a, { alg: 'XYZ' }))), false);
  // the key with the token's kid is the only one tried
  const tk = sign({ alg: 'RS256', kid: 'k1' });
  assert.equal(call('io.jwt.verify_rs256', tk, set(jwk(b, { kid: 'k1' }), jwk(a, { kid: 'k2' }))), false);
  assert.equal(call('io.jwt.verify_rs256', tk, set(jwk(b, { kid: 'k2' }), jwk(a, { kid: 'k1' }))), true);
  assert.equal(call('io.jwt.verify_rs256', tk, set(jwk(b, { kid: 'k3' }), jwk(a, {}))), true);
});
