// uri.parse and uri.is_valid: Go's net/url.Parse rules (scheme, authority with userinfo/host/port
// validation, percent-decoding per component) and OPA's result object (only non-empty fields;
// raw_path is the input path only when it does not round-trip through Go's default path escaping).
import type { Value } from '../value/index.ts';
import { makeObject } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, fn, objectOf } from './lib/decl.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

type Mode = 'path' | 'host' | 'fragment' | 'userinfo';

class UrlError extends Error {}

function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x25) {
      bytes.push(raw[i]);
      continue;
    }
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
      throw new UrlError(`invalid URL escape ${JSON.stringify(raw.subarray(i, Math.min(i + 3, raw.length)).toString('utf8'))}`);
    }
    const b = parseInt(hex, 16);
    // In a host, escapes may only encode non-ASCII bytes (and %25 itself).
    if (mode === 'host' && b < 0x80 && hex !== '25') throw new UrlError(`invalid URL escape ${JSON.stringify('%' + hex)}`);
    bytes.push(b);
    i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's escape(s, encodePath). */
function escapePath(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c)) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/.test(s);
}

function validPort(p: string): boolean {
  return /^(:[0-9]*)?$/.test(p);
}

interface Parsed {
  scheme: string;
  host: string;
  path: string;
  rawPath: string;
  query: string;
  fragment: string;
}

function parse(raw: string): Parsed {
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescape(rest.slice(hash + 1), 'fragment');
    rest = rest.slice(0, hash);
  }
  if (/[\x00-\x1f\x7f]/.test(rest)) throw new UrlError('net/url: invalid control character in URL');
  const out: Parsed = { scheme: '', host: '', path: '', rawPath: '', query: '', fragment };
  if (rest === '') return out;
  const sm = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(rest);
  if (sm) {
    out.scheme = sm[1].toLowerCase();
    rest = rest.slice(sm[0].length);
  } else if (/^[^/?#]*:/.test(rest) && !/^[A-Za-z]/.test(rest) && rest.indexOf(':') === 0) {
    throw new UrlError('missing protocol scheme');
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    out.query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/') && out.scheme !== '') return out; // opaque (mailto:…)
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!validUserinfo(userinfo)) throw new UrlError('net/url: invalid userinfo');
      unescape(userinfo, 'userinfo');
    }
    out.host = parseHost(at >= 0 ? authority.slice(at + 1) : authority);
  }
  out.path = unescape(rest, 'path');
  out.rawPath = escapePath(out.path) === rest ? out.path : rest;
  return out;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new UrlError("missing ']' in host");
    const port = host.slice(close + 1);
    if (!validPort(port)) throw new UrlError(`invalid port ${JSON.stringify(port)} after host`);
    return unescape(host.slice(0, close + 1), 'host') + port;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !validPort(host.slice(colon))) throw new UrlError(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
  return unescape(host, 'host');
}

function hostnameAndPort(host: string): [string, string] {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return [host.slice(1, close), host.slice(close + 2)];
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? [host, ''] : [host.slice(0, colon), host.slice(colon + 1)];
}

function parseOrThrow(s: string): Parsed {
  try {
    return parse(s);
  } catch (e) {
    if (e instanceof UrlError) throw builtinError(`parse ${JSON.stringify(s)}: ${e.message}`);
    throw e;
  }
}

function toObject(p: Parsed): Value {
  const [hostname, port] = hostnameAndPort(p.host);
  const fields: [string, string][] = [
    ['scheme', p.scheme],
    ['hostname', hostname],
    ['port', port],
    ['path', p.path],
    ['raw_path', p.path ? p.rawPath : ''],
    ['raw_query', p.query],
    ['fragment', p.fragment],
  ];
  return makeObject(fields.filter(([, v]) => v !== ''));
}

export const uriBuiltins: BuiltinTable = {
  'uri.parse': { decl: fn('uri.parse', [T_STR], objectOf(T_STR, T_STR)), impl: (a) => toObject(parseOrThrow(str(a, 0))) },
  'uri.is_valid': {
    decl: fn('uri.is_valid', [T_ANY], T_BOOL),
    impl: (a) => {
      if (typeof a[0] !== 'string' || a[0] === '') return false;
      try {
        parse(a[0]);
        return true;
      } catch {
        return false;
      }
    },
  },
};
