// crypto.x509.* and crypto.parse_private_keys: certificates (PEM, base64 PEM, DER or base64 DER, single
// or chained) parsed with node:crypto's X509Certificate into the fields of Go's x509.Certificate that
// policies read (Subject/Issuer names, SANs, validity, serial, CA flag, raw DER); chain verification
// as x509.Verify with the last certificate as root; RSA/any private keys as JWKs.
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import type { Value } from '../value/index.ts';
import { fromJSON, isObject, objectEntries } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, arrayOf, fn, objectOf, tupleOf } from './lib/decl.ts';
import { csrSubject, splitDer } from './lib/der.ts';
import { goBase64Decode } from './lib/gobase64.ts';
import { obj, str } from './lib/operands.ts';
import type { BuiltinContext, BuiltinTable } from './lib/types.ts';

const NAME_FIELDS: Record<string, string> = {
  C: 'Country', O: 'Organization', OU: 'OrganizationalUnit', L: 'Locality', ST: 'Province', street: 'StreetAddress',
  postalCode: 'PostalCode', serialNumber: 'SerialNumber', CN: 'CommonName',
};
const OID_FIELDS: Record<string, string> = {
  '2.5.4.6': 'C', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.9': 'street',
  '2.5.4.17': 'postalCode', '2.5.4.5': 'serialNumber', '2.5.4.3': 'CN',
};

function pemBlocks(text: string, label: string): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}

/** The input as PEM text or DER bytes: PEM, base64 of PEM, or base64 of DER. */
function source(s: string): { pem: string } | { der: Buffer } {
  if (s.trimStart().startsWith('-----BEGIN')) return { pem: s };
  const bytes = goBase64Decode(s, false, true);
  const text = bytes.toString('utf8');
  return text.trimStart().startsWith('-----BEGIN') ? { pem: text } : { der: bytes };
}

function certificates(s: string): X509Certificate[] {
  const src = source(s);
  const ders = 'pem' in src ? pemBlocks(src.pem, 'CERTIFICATE') : splitDerOrMalformed(src.der);
  try {
    return ders.map((d) => new X509Certificate(d));
  } catch {
    throw builtinError('x509: malformed certificate');
  }
}

function splitDerOrMalformed(der: Buffer): Buffer[] {
  try {
    return splitDer(der);
  } catch {
    throw builtinError('x509: malformed certificate');
  }
}

function nameObject(pairs: [string, string][]): Record<string, unknown> {
  const out: Record<string, unknown> = { Country: null, Organization: null, OrganizationalUnit: null, Locality: null, Province: null, StreetAddress: null, PostalCode: null, SerialNumber: '', CommonName: '' };
  for (const [k, v] of pairs) {
    const f = NAME_FIELDS[k];
    if (!f) continue;
    if (f === 'CommonName' || f === 'SerialNumber') out[f] = v;
    else out[f] = [...((out[f] as string[] | null) ?? []), v];
  }
  out.Names = pairs.map(([k, v]) => ({ Type: k, Value: v }));
  return out;
}

/** Node prints names as "K=V" lines, quoting values that need it. */
function parseNodeName(s: string): [string, string][] {
  return s.split('\n').filter(Boolean).map((line) => {
    const eq = line.indexOf('=');
    const k = line.slice(0, eq);
    let v = line.slice(eq + 1);
    if (v.startsWith('"')) {
      try {
        v = JSON.parse(v);
      } catch {
        /* keep as printed */
      }
    }
    return [k, v];
  });
}

function sans(c: X509Certificate, prefix: string): string[] | null {
  const all = (c.subjectAltName ?? '').split(/,\s*(?=[A-Za-z ]+:)/).map((x) => x.trim());
  const out = all.filter((x) => x.startsWith(prefix + ':')).map((x) => x.slice(prefix.length + 1));
  return out.length ? out : null;
}

function certObject(c: X509Certificate): Value {
  return fromJSON({
    Raw: c.raw.toString('base64'),
    Version: 3,
    SerialNumber: BigInt('0x' + c.serialNumber),
    Subject: nameObject(parseNodeName(c.subject)),
    Issuer: nameObject(parseNodeName(c.issuer)),
    NotBefore: new Date(c.validFrom).toISOString().replace('.000Z', 'Z'),
    NotAfter: new Date(c.validTo).toISOString().replace('.000Z', 'Z'),
    IsCA: c.ca,
    BasicConstraintsValid: c.ca,
    DNSNames: sans(c, 'DNS'),
    EmailAddresses: sans(c, 'email'),
    IPAddresses: sans(c, 'IP Address'),
    URIStrings: sans(c, 'URI'),
    PublicKeyAlgorithm: ({ rsa: 1, dsa: 2, ec: 3, ed25519: 4 } as Record<string, number>)[c.publicKey.asymmetricKeyType ?? ''] ?? 0,
  });
}

/**
 * OPA's chain check: the first certificate is the root, the last the leaf, the others intermediates;
 * returns the verified chain leaf → root (x509.Verify's first chain), or null.
 */
function verifyChain(certs: X509Certificate[], nowMs: number, dnsName: string | null): X509Certificate[] | null {
  if (certs.length < 2) return null;
  const root = certs[0];
  const pool = certs.slice(1, -1);
  const chain = [certs[certs.length - 1]];
  for (;;) {
    const cur = chain[chain.length - 1];
    if (nowMs < Date.parse(cur.validFrom) || nowMs > Date.parse(cur.validTo)) return null;
    if (cur.checkIssued(root) && cur.verify(root.publicKey)) {
      if (cur !== root) chain.push(root);
      break;
    }
    const next = pool.find((p) => !chain.includes(p) && p.ca && cur.checkIssued(p) && cur.verify(p.publicKey));
    if (!next) return null;
    chain.push(next);
  }
  if (nowMs < Date.parse(root.validFrom) || nowMs > Date.parse(root.validTo)) return null;
  if (dnsName !== null && chain[0].checkHost(dnsName) === undefined) return null;
  return chain;
}

function parseAndVerify(args: Value[], ctx: BuiltinContext, options: Value | null): Value {
  let certs: X509Certificate[];
  try {
    certs = certificates(str(args, 0));
  } catch {
    return [false, []];
  }
  let now = Number(ctx.nowNs / 1_000_000n);
  let dns: string | null = null;
  if (options !== null && isObject(options)) {
    for (const [k, v] of objectEntries(options)) {
      if (k === 'CurrentTime' && (typeof v === 'number' || typeof v === 'bigint')) now = Number(BigInt(v) / 1_000_000n);
      else if (k === 'DNSName' && typeof v === 'string') dns = v;
    }
  }
  const chain = verifyChain(certs, now, dns);
  return chain ? [true, chain.map(certObject)] : [false, []];
}

function privateKeyJwk(pem: string): Value {
  try {
    return fromJSON(createPrivateKey(pem).export({ format: 'jwk' }));
  } catch (e) {
    throw builtinError(`failed to parse private key: ${(e as Error).message}`);
  }
}

function pemText(s: string): string {
  if (s.trimStart().startsWith('-----BEGIN')) return s;
  return goBase64Decode(s, false, true).toString('utf8');
}

const CERT = objectOf(T_STR, T_ANY);

export const x509Builtins: BuiltinTable = {
  'crypto.x509.parse_certificates': {
    decl: fn('crypto.x509.parse_certificates', [T_STR], arrayOf(CERT)),
    impl: (a) => certificates(str(a, 0)).map(certObject),
  },
  'crypto.x509.parse_and_verify_certificates': {
    decl: fn('crypto.x509.parse_and_verify_certificates', [T_STR], tupleOf(T_BOOL, arrayOf(CERT))),
    impl: (a, ctx) => parseAndVerify(a, ctx, null),
  },
  'crypto.x509.parse_and_verify_certificates_with_options': {
    decl: fn('crypto.x509.parse_and_verify_certificates_with_options', [T_STR, objectOf(T_STR, T_ANY)], tupleOf(T_BOOL, arrayOf(CERT))),
    impl: (a, ctx) => parseAndVerify(a, ctx, obj(a, 1)),
  },
  'crypto.x509.parse_certificate_request': {
    decl: fn('crypto.x509.parse_certificate_request', [T_STR], CERT),
    impl: (a) => {
      const src = source(str(a, 0));
      const der = 'pem' in src ? pemBlocks(src.pem, 'CERTIFICATE REQUEST')[0] ?? Buffer.alloc(0) : src.der;
      const subject = csrSubject(der).map(([o, v]) => [OID_FIELDS[o] ?? o, v] as [string, string]);
      return fromJSON({ Raw: der.toString('base64'), Subject: nameObject(subject) });
    },
  },
  'crypto.x509.parse_rsa_private_key': {
    decl: fn('crypto.x509.parse_rsa_private_key', [T_STR], objectOf(T_STR, T_ANY)),
    impl: (a) => privateKeyJwk(pemText(str(a, 0))),
  },
  'crypto.x509.parse_keypair': {
    decl: fn('crypto.x509.parse_keypair', [T_STR, T_STR], objectOf(T_STR, T_ANY)),
    // Go's tls.X509KeyPair: the key must belong to the first certificate. The key is returned as a JWK.
    impl: (a) => {
      const certs = certificates(str(a, 0));
      if (certs.length === 0) throw builtinError('tls: failed to find any PEM data in certificate input');
      const keyText = pemText(str(a, 1));
      let key;
      try {
        key = createPrivateKey(keyText);
      } catch {
        throw builtinError('tls: failed to find any PEM data in key input');
      }
      const pub = createPublicKey(key).export({ format: 'der', type: 'spki' });
      if (!pub.equals(certs[0].publicKey.export({ format: 'der', type: 'spki' }))) {
        throw builtinError('tls: private key does not match public key');
      }
      return fromJSON({
        Certificate: certs.map((c) => c.raw.toString('base64')),
        PrivateKey: key.export({ format: 'jwk' }),
        Leaf: null,
      });
    },
  },
  'crypto.parse_private_keys': {
    decl: fn('crypto.parse_private_keys', [T_STR], arrayOf(objectOf(T_STR, T_ANY))),
    impl: (a) => {
      const text = pemText(str(a, 0));
      const blocks = text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];
      return blocks.map(privateKeyJwk);
    },
  },
};
