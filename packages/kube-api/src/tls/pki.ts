// The Kubernetes API's TLS: a CA and a serving certificate generated once into the state directory. Keys come from
// node:crypto (RSA 2048, fast and native); node-forge builds and signs the X.509 certificates (@peculiar/x509 needs
// a global reflect-metadata polyfill). The CA goes into the kubeconfig, so kubectl verifies the server as it would
// a cluster's. The serving certificate is re-issued (same CA) when it does not name the address to serve.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export interface Pki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function newKey(): { privatePem: string; publicPem: string } {
  const k = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return { privatePem: k.privateKey, publicPem: k.publicKey };
}

function certificate(o: { subjectCN: string; issuer: forge.pki.CertificateField[]; publicPem: string; signingPem: string; extensions: object[] }): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(o.publicPem);
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + TEN_YEARS_MS);
  cert.setSubject([{ name: 'commonName', value: o.subjectCN }]);
  cert.setIssuer(o.issuer);
  cert.setExtensions(o.extensions);
  cert.sign(forge.pki.privateKeyFromPem(o.signingPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Loads `<dir>/ca.crt`, `ca.key`, `serving.crt`, `serving.key`, creating what is missing; the serving certificate
 *  names `hosts` (IP addresses and DNS names) plus localhost and 127.0.0.1. */
export function ensurePki(dir: string, hosts: readonly string[]): Pki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (n: string) => join(dir, n);
  let caPem: string;
  let caKeyPem: string;
  if (existsSync(f('ca.crt')) && existsSync(f('ca.key'))) {
    caPem = readFileSync(f('ca.crt'), 'utf8');
    caKeyPem = readFileSync(f('ca.key'), 'utf8');
  } else {
    const key = newKey();
    caKeyPem = key.privatePem;
    caPem = certificate({
      subjectCN: 'portico-ca',
      issuer: [{ name: 'commonName', value: 'portico-ca' }],
      publicPem: key.publicPem,
      signingPem: key.privatePem,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
    });
    writeFileSync(f('ca.key'), caKeyPem, { mode: 0o600 });
    writeFileSync(f('ca.crt'), caPem);
  }
  const wanted = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts.filter((h) => h && h !== '0.0.0.0' && h !== '::')])];
  if (existsSync(f('serving.crt')) && existsSync(f('serving.key'))) {
    const certPem = readFileSync(f('serving.crt'), 'utf8');
    const cert = forge.pki.certificateFromPem(certPem);
    const san = cert.getExtension('subjectAltName') as { altNames?: { value?: string; ip?: string }[] } | null;
    const names = new Set((san?.altNames ?? []).map((n) => n.ip ?? n.value));
    if (wanted.every((h) => names.has(h)) && cert.validity.notAfter.getTime() > Date.now() + 24 * 3600 * 1000) {
      return { caPem, certPem, keyPem: readFileSync(f('serving.key'), 'utf8') };
    }
  }
  const key = newKey();
  const ca = forge.pki.certificateFromPem(caPem);
  const certPem = certificate({
    subjectCN: 'portico-kube-api',
    issuer: ca.subject.attributes,
    publicPem: key.publicPem,
    signingPem: caKeyPem,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: wanted.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h })) },
    ],
  });
  writeFileSync(f('serving.key'), key.privatePem, { mode: 0o600 });
  writeFileSync(f('serving.crt'), certPem);
  return { caPem, certPem, keyPem: key.privatePem };
}
