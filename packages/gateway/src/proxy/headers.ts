import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// Hop-by-hop headers (RFC 9110 §7.6.1) are connection-scoped and never forwarded; neither are the
// headers a client lists in its own Connection header. undici also refuses several of them outright.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'http2-settings',
]);

export type UpstreamHeaders = Record<string, string | string[]>;

export interface ForwardingFacts {
  remoteAddress: string;
  scheme: 'http' | 'https';
  requestId: string;
  /** The peer is a trusted proxy: its X-Forwarded-For / X-Forwarded-Host are kept (see trusted-proxies.ts). */
  trustedPeer: boolean;
}

/**
 * The request headers as they go upstream: hop-by-hop removed, X-Forwarded-* and X-Request-Id set. From an
 * untrusted peer, X-Forwarded-For restarts at the peer's address and X-Forwarded-Host is dropped.
 */
export function upstreamRequestHeaders(h: IncomingHttpHeaders, facts: ForwardingFacts): UpstreamHeaders {
  const out: UpstreamHeaders = {};
  const listed = h.connection === undefined ? null : connectionTokens(h.connection);
  for (const name in h) {
    if (HOP_BY_HOP.has(name)) continue;
    if (listed !== null && listed.includes(name)) continue;
    const v = h[name];
    if (v !== undefined) out[name] = v;
  }
  const xff = facts.trustedPeer ? h['x-forwarded-for'] : undefined;
  if (!facts.trustedPeer) delete out['x-forwarded-host'];
  out['x-forwarded-for'] =
    xff === undefined ? facts.remoteAddress : `${typeof xff === 'string' ? xff : xff.join(', ')}, ${facts.remoteAddress}`;
  out['x-forwarded-proto'] = facts.scheme;
  out['x-request-id'] = facts.requestId;
  return out;
}

/** Response headers from upstream, minus hop-by-hop ones (node sets its own framing). */
export function downstreamResponseHeaders(h: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const listed = h.connection === undefined ? null : connectionTokens(String(h.connection));
  for (const name in h) {
    if (HOP_BY_HOP.has(name)) continue;
    if (listed !== null && listed.includes(name)) continue;
    out[name] = h[name];
  }
  return out;
}

function connectionTokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'close' && s !== 'keep-alive');
}

/** Add one header to a header object, turning repeats into arrays (Envoy appends a new line). */
export function appendHeader(h: UpstreamHeaders | OutgoingHttpHeaders, name: string, value: string): void {
  const key = name.toLowerCase();
  const cur = h[key];
  if (cur === undefined) h[key] = value;
  else if (Array.isArray(cur)) cur.push(value);
  else h[key] = [String(cur), value];
}
