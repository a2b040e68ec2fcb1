// A VirtualGateway listener's `tls` → the gateway's ListenerTlsConfig (gloo-api-more.md §2): the certificate from a
// Secret in the VirtualGateway's namespace (`kubernetes.io/tls` keys tls.crt/tls.key, or generic cert/key), SIMPLE
// termination, protocol versions (minimum defaults to TLSv1_2) and cipher suites.
import type { GatewayTls } from '@portico/api';
import type { ListenerTlsConfig } from '@portico/gateway';
import type { ResourceIndex } from '../translate/stage.ts';

type Version = ListenerTlsConfig['minVersion'];
const VERSIONS: Record<string, Version | null> = { TLS_AUTO: null, TLSv1_0: 'TLSv1', TLSv1_1: 'TLSv1.1', TLSv1_2: 'TLSv1.2', TLSv1_3: 'TLSv1.3' };
const ORDER: Version[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export type TlsResult = { ok: true; value: ListenerTlsConfig; notes: string[] } | { ok: false; message: string };

export function listenerTls(tls: GatewayTls, namespace: string, index: ResourceIndex, at: string): TlsResult {
  const notes: string[] = [];
  const mode = tls.mode ?? 'PASSTHROUGH';
  if (tls.mode === undefined) notes.push(`${at}.mode is omitted, which Gloo reads as PASSTHROUGH; Portico terminates TLS (SIMPLE)`);
  else if (mode !== 'SIMPLE') return { ok: false, message: `${at}.mode ${mode} is not supported (only SIMPLE): the listener is not opened` };
  if (tls.secretName === undefined) return { ok: false, message: `${at}.secretName is required (certificates from files are not supported): the listener is not opened` };
  const secret = index.get('Secret', namespace, tls.secretName);
  if (!secret) return { ok: false, message: `${at}.secretName: Secret ${namespace}/${tls.secretName} not found: the listener is not opened` };
  const data = secret.data ?? {};
  const pick = (...keys: string[]) => keys.map((k) => data[k]).find((v) => v !== undefined);
  const cert = pick('tls.crt', 'cert');
  const key = pick('tls.key', 'key');
  if (cert === undefined || key === undefined) {
    return { ok: false, message: `${at}.secretName: Secret ${namespace}/${tls.secretName} has no tls.crt/tls.key (or cert/key) entries: the listener is not opened` };
  }
  const p = tls.parameters ?? {};
  const min = VERSIONS[p.minimumProtocolVersion ?? 'TLS_AUTO'] ?? 'TLSv1.2';
  const max = VERSIONS[p.maximumProtocolVersion ?? 'TLS_AUTO'] ?? 'TLSv1.3';
  if (ORDER.indexOf(min) > ORDER.indexOf(max)) return { ok: false, message: `${at}.parameters: minimumProtocolVersion is above maximumProtocolVersion: the listener is not opened` };
  if (ORDER.indexOf(min) < ORDER.indexOf('TLSv1.2') && !p.cipherSuites?.length) {
    return { ok: false, message: `${at}.parameters: a minimum below TLSv1_2 requires cipherSuites (as in Gloo): the listener is not opened` };
  }
  if (tls.verifySubjectAltName?.length) notes.push(`${at}.verifySubjectAltName is not supported (no client certificates)`);
  return {
    ok: true,
    notes,
    value: {
      certPem: Buffer.from(cert, 'base64').toString('utf8'),
      keyPem: Buffer.from(key, 'base64').toString('utf8'),
      minVersion: min,
      maxVersion: max,
      ciphers: p.cipherSuites?.length ? p.cipherSuites.join(':') : null,
    },
  };
}
