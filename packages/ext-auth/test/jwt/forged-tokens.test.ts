// The forged-token catalogue of the issue 11 attack (security-and-performance.md §4.2), run through the real
// AuthService with an inline JWKS, then property-based fuzzing of the verifier (fast-check, fixed seed, bounded
// runs): mutated and random tokens never get in, never crash, never hang. Figures are printed as diagnostics.
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { exportJWK } from 'jose';
import { PorticoAuthService } from '../../src/service/auth-service.ts';
import { silentLogger } from '../../src/pipeline/deps.ts';
import type { ResolvedAuthConfig } from '../../src/types.ts';
import { checkRequest } from '../helpers/check-request.ts';
import { accessClaims, makeIssuer, noneToken, nowS, tamper } from '../helpers/tokens.ts';

const rsa = await makeIssuer('rsa-1');
// An EC key of our own, to sign exact header/payload texts (duplicate members) that jose would not produce.
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecJwk = { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', use: 'sig', alg: 'ES256' };
const jwks = { keys: [rsa.publicJwk, ecJwk] };

const enc = (s: string) => Buffer.from(s).toString('base64url');
const json = (o: unknown) => enc(JSON.stringify(o));
/** ES256 over exact texts (IEEE P1363 signature, as JWS wants). */
function signEs256Text(headerText: string, payloadText: string): string {
  const input = `${enc(headerText)}.${enc(payloadText)}`;
  const sig = nodeSign('sha256', Buffer.from(input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}
const claimsText = (extra = '') => {
  const c = accessClaims('tracks');
  return `${JSON.stringify(c).slice(0, -1)}${extra}}`;
};

function service(): PorticoAuthService {
  const svc = new PorticoAuthService({ logger: silentLogger });
  const config: ResolvedAuthConfig = {
    configId: 'ns.at',
    state: 'ACCEPTED',
    fingerprint: 'f',
    spec: {
      configs: [{ kind: 'accessTokenValidation', name: 'jwt', config: { jwt: { localJwks: { inlineString: JSON.stringify(jwks) }, issuer: 'http://localhost:9000' } } }],
      booleanExpr: null,
      failOnRedirect: false,
    },
  };
  svc.update(new Map([['ns.at', config]]));
  return svc;
}

async function allowed(svc: PorticoAuthService, token: string): Promise<boolean> {
  const r = await svc.check(checkRequest({ configId: 'ns.at', headers: { authorization: `Bearer ${token}` } }));
  return r.allowed;
}

test('forged-token catalogue: every forgery is refused, the genuine tokens pass', async (t) => {
  const svc = service();
  t.after(() => svc.close());
  const good = await rsa.sign(accessClaims('tracks'));
  const [gh, gp, gs] = good.split('.') as [string, string, string];
  const pubPem = rsa.publicJwk; // HS/RS confusion: the public key's bytes as an HMAC secret
  const hs = (secret: string | Buffer, header: Record<string, unknown>, claims = accessClaims('tracks')) => {
    const input = `${json(header)}.${json(claims)}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  const forged: [string, string][] = [
    ['alg none', noneToken(accessClaims('tracks'), 'rsa-1')],
    ['alg None', `${json({ alg: 'None', kid: 'rsa-1' })}.${gp}.`],
    ['alg NONE with the original signature', `${json({ alg: 'NONE', kid: 'rsa-1' })}.${gp}.${gs}`],
    ['alg none with the original signature', `${json({ alg: 'none', kid: 'rsa-1' })}.${gp}.${gs}`],
    ['HS256 with the RSA public key (n) as secret', hs(String(pubPem.n), { alg: 'HS256', kid: 'rsa-1' })],
    ['HS256 with the RSA public JWK JSON as secret', hs(JSON.stringify(pubPem), { alg: 'HS256', kid: 'rsa-1' })],
    ['HS256 with an empty secret', hs('', { alg: 'HS256', kid: 'rsa-1' })],
    ['embedded jwk header (attacker key)', await (await makeIssuer('rsa-1')).sign(accessClaims('tracks'), { header: { jwk: (await makeIssuer('x')).publicJwk } })],
    ['jku to an attacker URL', await (await makeIssuer('rsa-1')).sign(accessClaims('tracks'), { header: { jku: 'http://127.0.0.1:1/jwks' } })],
    ['x5u to an attacker URL', await (await makeIssuer('rsa-1')).sign(accessClaims('tracks'), { header: { x5u: 'http://127.0.0.1:1/cert' } })],
    ['kid path traversal (../../dev/null) with HS256', hs('', { alg: 'HS256', kid: '../../../../dev/null' })],
    ["kid SQL injection", hs('x', { alg: 'HS256', kid: "x' UNION SELECT 'key" })],
    ['unknown kid', await rsa.sign(accessClaims('tracks'), { kid: 'rsa-2' })],
    ['missing kid', await rsa.sign(accessClaims('tracks'), { kid: null })],
    ['unknown crit header', await rsa.signRaw({ alg: 'RS256', kid: 'rsa-1', crit: ['exp'] }, accessClaims('tracks'))],
    ['b64 false', await rsa.signRaw({ alg: 'RS256', kid: 'rsa-1', b64: false, crit: ['b64'] }, accessClaims('tracks'))],
    ['ES256 alg on the RSA key', `${json({ alg: 'ES256', kid: 'rsa-1' })}.${gp}.${gs}`],
    ['RS256 alg on the EC key', `${json({ alg: 'RS256', kid: 'ec-1' })}.${gp}.${gs}`],
    ['ECDSA r=s=0 (psychic signature)', `${json({ alg: 'ES256', kid: 'ec-1' })}.${gp}.${Buffer.alloc(64).toString('base64url')}`],
    ['tampered claims', tamper(good)],
    ['signature of another token', `${gh}.${json(accessClaims('tracks petstore admin'))}.${gs}`],
    ['two segments', `${gh}.${gp}`],
    ['four segments', `${good}.${gs}`],
    ['empty signature', `${gh}.${gp}.`],
    ['JSON serialization', JSON.stringify({ protected: gh, payload: gp, signature: gs })],
    ['non-canonical base64url (trailing bits)', `${gh}.${gp}.${gs.slice(0, -1)}${gs.endsWith('A') ? 'B' : 'A'}`],
    ['header is an array', `${enc('[1]')}.${gp}.${gs}`],
    ['claims are not an object', signEs256Text(JSON.stringify({ alg: 'ES256', kid: 'ec-1' }), '"tracks"')],
    ['exp as a string', await rsa.sign(accessClaims('tracks', { exp: String(nowS() + 300) }))],
    ['exp missing', await rsa.sign({ ...accessClaims('tracks'), exp: undefined })],
    ['expired', await rsa.sign(accessClaims('tracks', { exp: nowS() - 3600 }))],
    ['wrong issuer', await rsa.sign(accessClaims('tracks', { iss: 'http://localhost:9000/' }))],
    ['duplicate claim (scope twice, last one wins in JSON.parse)', signEs256Text(JSON.stringify({ alg: 'ES256', kid: 'ec-1' }), claimsText(',"scope":"admin"'))],
    ['duplicate claim written with an escape', signEs256Text(JSON.stringify({ alg: 'ES256', kid: 'ec-1' }), claimsText(',"\\u0073cope":"admin"'))],
    ['duplicate header member (alg)', signEs256Text('{"alg":"ES256","kid":"ec-1","alg":"none"}', claimsText())],
    ['oversized token', `${gh}.${enc('x'.repeat(40_000))}.${gs}`],
  ];
  let wronglyAllowed = 0;
  for (const [what, token] of forged) {
    if (await allowed(svc, token)) {
      wronglyAllowed++;
      t.diagnostic(`WRONGLY ALLOWED: ${what}`);
    }
  }
  t.diagnostic(`forged tokens: ${forged.length} tried, ${wronglyAllowed} wrongly allowed`);
  assert.equal(wronglyAllowed, 0);
  // The catalogue would prove nothing if genuine tokens were refused too.
  assert.equal(await allowed(svc, good), true);
  assert.equal(await allowed(svc, signEs256Text(JSON.stringify({ alg: 'ES256', kid: 'ec-1' }), claimsText())), true);
});

test('fuzz: mutated and random tokens never get in, never crash, never hang (fast-check, seeded)', async (t) => {
  const svc = service();
  t.after(() => svc.close());
  const good = await rsa.sign(accessClaims('tracks'));
  let tries = 0;
  let wronglyAllowed = 0;
  let crashes = 0;
  const check = async (token: string) => {
    tries++;
    try {
      const ok = await allowed(svc, token);
      if (ok && token !== good) wronglyAllowed++;
    } catch {
      crashes++;
    }
  };
  // 1. Character edits of a genuine token (replace / insert / delete at random positions).
  const edit = fc.tuple(fc.nat({ max: good.length - 1 }), fc.constantFrom('replace', 'insert', 'delete'), fc.constantFrom(...'AZaz09-_.=+/ \u0000é'.split('')));
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
      let s = good;
      for (const [pos, op, ch] of edits) {
        const p = Math.min(pos, s.length);
        s = op === 'replace' ? s.slice(0, p) + ch + s.slice(p + 1) : op === 'insert' ? s.slice(0, p) + ch + s.slice(p) : s.slice(0, p) + s.slice(p + 1);
      }
      await check(s);
    }),
    { seed: 1101, numRuns: 400 },
  );
  // 2. Headers and claims of any shape, with the genuine signature glued on.
  const [, , sig] = good.split('.') as [string, string, string];
  const header = fc.record({ alg: fc.constantFrom('none', 'RS256', 'HS256', 'ES256', 'PS256', 'EdDSA', ''), kid: fc.oneof(fc.constant('rsa-1'), fc.constant('ec-1'), fc.string()) }, { requiredKeys: [] });
  await fc.assert(
    fc.asyncProperty(header, fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (h, claims, keepSig) => {
      await check(`${json(h)}.${json(claims)}.${keepSig ? sig : ''}`);
    }),
    { seed: 1102, numRuns: 300 },
  );
  // 3. Arbitrary strings, including huge ones.
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ minLength: 17_000, maxLength: 17_100 })), async (s) => check(s)),
    { seed: 1103, numRuns: 200 },
  );
  t.diagnostic(`JWT verifier fuzz: ${tries} tries, ${wronglyAllowed} wrongly allowed, ${crashes} crashes`);
  assert.equal(wronglyAllowed, 0);
  assert.equal(crashes, 0);
  assert.equal(await allowed(svc, good), true);
});
