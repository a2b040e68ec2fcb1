// io.jwt.* (OPA topdown/tokens.go): decoding, signature verification, decode_verify's claim checks,
// and signing. Errors and their texts follow OPA's.
import type { ObjectValue, Value } from '../value/index.ts';
import { isArray, isNumber, isObject, makeObject, objectEntries, toJSON } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, fn, objectOf, tupleOf } from './lib/decl.ts';
import { goBase64Decode } from './lib/gobase64.ts';
import { goJSON, parseJSONExact } from './lib/gojson.ts';
import { isAlg, parseVerifyKeys, signInput, signingKey, verifySignature, type Alg, type VerifyKey } from './lib/jws.ts';
import { obj, str } from './lib/operands.ts';
import type { Builtin, BuiltinContext, BuiltinTable } from './lib/types.ts';

interface Token {
  header: string;
  payload: string;
  signature: string;
}

function split(jwt: string): Token {
  if (!jwt.includes('.')) throw builtinError('encoded JWT had no period separators');
  const parts = jwt.split('.');
  if (parts.length !== 3) throw builtinError(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

/** base64url.decode's rules: padded when the length is a multiple of 4, raw otherwise. */
function b64(s: string): Buffer {
  return goBase64Decode(s, true, s.length % 4 === 0);
}

function section(s: string, what: string): Buffer {
  try {
    return b64(s);
  } catch (e) {
    throw builtinError(`JWT ${what} had invalid encoding: ${(e as Error).message}`);
  }
}

function jsonObject(text: string, what: string): ObjectValue {
  let v: Value;
  try {
    v = parseJSONExact(text);
  } catch (e) {
    throw builtinError(`${what}invalid JSON: ${(e as Error).message}`);
  }
  if (!isObject(v)) throw builtinError(`${what}decoded JSON type was not an Object`);
  return v;
}

function header(t: Token): ObjectValue {
  const h = jsonObject(section(t.header, 'header').toString('utf8'), 'bad JWT header: ');
  if (h.get('enc') !== undefined) throw builtinError('JWT is a JWE object, which is not supported');
  return h;
}

/** Payload text; a nested JWT (cty "JWT") is unwrapped as OPA does. */
function payloadText(t: Token, h: ObjectValue): { nested: string | null; text: string } {
  const text = section(t.payload, 'payload').toString('utf8');
  if (h.get('cty') === 'JWT') return { nested: text.replace(/^"/, '').replace(/"$/, ''), text };
  return { nested: null, text };
}

function decode(jwt: string): Value {
  const t = split(jwt);
  const h = header(t);
  const p = payloadText(t, h);
  if (p.nested !== null) return decode(p.nested);
  const payload = jsonObject(p.text, '');
  const sig = section(t.signature, 'signature');
  return [h, payload, sig.toString('hex')];
}

function verifyWith(keys: VerifyKey[], alg: Alg, h: ObjectValue, t: Token): boolean {
  // No "crit" header extension is understood, so a token that lists any must be rejected (RFC 7515 4.1.11).
  if (h.get('crit') !== undefined) return false;
  const kid = h.get('kid');
  const input = Buffer.from(`${t.header}.${t.payload}`, 'utf8');
  const sig = section(t.signature, 'signature');
  // As OPA: a key whose kid is the token's is the only one tried; otherwise every key whose alg (if it
  // names one) is the token's
  const byKid = typeof kid === 'string' && kid !== '' ? keys.find((k) => k.kind === 'public' && k.kid === kid) : undefined;
  if (byKid !== undefined) return verifySignature(alg, byKid, input, sig);
  return keys.some((k) => (k.kind !== 'public' || k.alg === undefined || k.alg === alg) && verifySignature(alg, k, input, sig));
}

function verifier(name: string, alg: Alg): Builtin {
  return {
    decl: fn(name, [T_STR, T_STR], T_BOOL),
    impl: (a) => {
      const t = split(str(a, 0));
      const keyText = str(a, 1);
      const keys: VerifyKey[] = alg.startsWith('HS') ? [{ kind: 'secret', secret: Buffer.from(keyText, 'utf8') }] : parseVerifyKeys(keyText);
      const h = header(t);
      return verifyWith(keys, alg, h, t);
    },
  };
}

const CONSTRAINTS = new Set(['cert', 'secret', 'alg', 'iss', 'aud', 'time']);

function decodeVerify(args: Value[], ctx: BuiltinContext): Value {
  const t = split(str(args, 0));
  const c = obj(args, 1) as ObjectValue;
  for (const [k] of objectEntries(c)) {
    if (typeof k !== 'string' || !CONSTRAINTS.has(k)) throw builtinError(`unknown token validation constraint: ${String(k)}`);
  }
  const cert = c.get('cert');
  const secret = c.get('secret');
  if ((cert === undefined) === (secret === undefined)) throw builtinError('exactly one of "cert" or "secret" must be specified');
  const timeV = c.get('time');
  const nowS = timeV === undefined ? Number(ctx.nowNs) / 1e9 : isNumber(timeV) ? Number(timeV) / 1e9 : NaN;
  if (Number.isNaN(nowS)) throw builtinError('"time" constraint must be a number');
  const unverified: Value = [false, makeObject([]), makeObject([])];
  const h = header(t);
  const alg = h.get('alg');
  const wantAlg = c.get('alg');
  if (typeof alg !== 'string' || !isAlg(alg)) return unverified;
  if (wantAlg !== undefined && wantAlg !== alg) return unverified;
  const keys: VerifyKey[] =
    secret !== undefined ? [{ kind: 'secret', secret: Buffer.from(String(secret), 'utf8') }] : parseVerifyKeys(String(cert));
  if (!verifyWith(keys, alg, h, t)) return unverified;
  const p = payloadText(t, h);
  if (p.nested !== null) return decodeVerify([p.nested, c], ctx);
  const payload = jsonObject(p.text, '');
  const iss = c.get('iss');
  if (iss !== undefined && payload.get('iss') !== iss) return unverified;
  const aud = payload.get('aud');
  const wantAud = c.get('aud');
  if (aud !== undefined) {
    const ok = typeof aud === 'string' ? aud === wantAud : isArray(aud) ? aud.some((x) => x === wantAud) : false;
    if (!ok) return unverified;
  } else if (wantAud !== undefined && wantAud !== '') return unverified;
  const exp = payload.get('exp');
  if (exp !== undefined) {
    if (!isNumber(exp)) throw builtinError('exp value must be a number');
    if (!(nowS < Number(exp))) return unverified;
  }
  const nbf = payload.get('nbf');
  if (nbf !== undefined) {
    if (!isNumber(nbf)) throw builtinError('nbf value must be a number');
    if (nowS < Number(nbf)) return unverified;
  }
  return [true, h, payload];
}

/** Why a JWS header text is not a usable JSON object, as a value (OPA/jwx word each case differently). */
type HeaderParse = { ok: true; header: Record<string, unknown> } | { ok: false; reason: 'empty' | 'no_alg' | 'invalid_json' };

function parseHeader(text: string): HeaderParse {
  if (text === '') return { ok: false, reason: 'empty' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // jwx scans for the "alg" member before parsing the whole header
    return { ok: false, reason: text.includes('"alg"') ? 'invalid_json' : 'no_alg' };
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? { ok: true, header: v as Record<string, unknown> } : { ok: false, reason: 'invalid_json' };
}

const HEADER_ERRORS: Record<Exclude<HeaderParse, { ok: true }>['reason'], string> = {
  empty: "missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string",
  no_alg: `missing or invalid 'alg' header: jwsbb: header "alg" not found`,
  invalid_json: "missing or invalid 'alg' header: cannot parse JSON",
};

/** jws.SignLiteral: the header and payload texts are signed exactly as given. */
function signRaw(headerText: string, payloadText: string, jwkText: string): string {
  const parsed = parseHeader(headerText);
  if (!parsed.ok) throw builtinError(HEADER_ERRORS[parsed.reason]);

  const h = parsed.header;
  if (h.alg === undefined) throw builtinError(`missing or invalid 'alg' header: jwsbb: header "alg" not found`);
  if (typeof h.alg !== 'string' || !isAlg(h.alg)) throw builtinError(`unknown JWS algorithm: ${String(h.alg)}`);
  if ((h.typ === undefined || h.typ === 'JWT') && !isJSON(payloadText)) throw builtinError('type is JWT but payload is not JSON');
  let jwk: unknown;
  try {
    jwk = JSON.parse(jwkText);
  } catch {
    throw builtinError('failed to parse JWK: invalid JSON');
  }
  const keys = (jwk as { keys?: unknown }).keys;
  const first = (Array.isArray(keys) ? keys[0] : jwk) as Record<string, unknown>;
  const key = signingKey(first);
  const input = `${Buffer.from(headerText, 'utf8').toString('base64url')}.${Buffer.from(payloadText, 'utf8').toString('base64url')}`;
  const sig = signInput(h.alg, key, Buffer.from(input, 'utf8'));
  return `${input}.${sig.toString('base64url')}`;
}

function isJSON(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const ALGS: Alg[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512'];

export const jwtBuiltins: BuiltinTable = {
  'io.jwt.decode': {
    decl: fn('io.jwt.decode', [T_STR], tupleOf(objectOf(), objectOf(), T_STR)),
    impl: (a) => decode(str(a, 0)),
  },
  'io.jwt.decode_verify': {
    decl: fn('io.jwt.decode_verify', [T_STR, objectOf(T_STR, T_ANY)], tupleOf(T_BOOL, objectOf(), objectOf()), true),
    impl: decodeVerify,
  },
  'io.jwt.encode_sign_raw': {
    decl: fn('io.jwt.encode_sign_raw', [T_STR, T_STR, T_STR], T_STR, true),
    impl: (a) => signRaw(str(a, 0), str(a, 1), str(a, 2)),
  },
  'io.jwt.encode_sign': {
    decl: fn('io.jwt.encode_sign', [objectOf(), objectOf(), objectOf()], T_STR, true),
    impl: (a) => signRaw(goJSON(obj(a, 0)), goJSON(obj(a, 1)), JSON.stringify(toJSON(obj(a, 2)), (_k, v) => (typeof v === 'bigint' ? Number(v) : v))),
  },
  'io.jwt.verify_eddsa': verifier('io.jwt.verify_eddsa', 'EdDSA'),
  ...Object.fromEntries(ALGS.map((alg) => [`io.jwt.verify_${alg.toLowerCase()}`, verifier(`io.jwt.verify_${alg.toLowerCase()}`, alg)])),
};
