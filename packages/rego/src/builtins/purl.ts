// purl.is_valid and purl.parse (OPA topdown/purl.go). OPA parses with packageurl-go's FromString; this is
// that parser's algorithm, quirks included, so the same strings are valid and split the same way: the
// subpath loses its dots, a name is percent-decoded only when a version follows it, some types lower-case
// their namespace and name (version too when it is still attached), and conan/swift/cran have extra rules.
// Written by hand: the npm purl packages follow the spec's newer rules, which accept and reject other strings.
import type { Value } from '../value/index.ts';
import { makeObject } from '../value/index.ts';
import { builtinError } from './builtin-error.ts';
import { T_ANY, T_BOOL, T_STR, fn, objectOf } from './lib/decl.ts';
import { str } from './lib/operands.ts';
import type { BuiltinTable } from './lib/types.ts';

interface Purl {
  type: string;
  namespace: string;
  name: string;
  version: string;
  qualifiers: [string, string][];
  subpath: string;
}

class PurlError extends Error {}

/** Go's url.PathUnescape: %XX sequences decoded as UTF-8 bytes; a malformed one is an error. */
function pathUnescape(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PurlError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function unescapeOr(what: string, s: string): string {
  try {
    return pathUnescape(s);
  } catch (e) {
    throw new PurlError(`failed to unescape ${what}: ${(e as Error).message}`);
  }
}

const QUALIFIER_KEY = /^[A-Za-z.\-_][0-9A-Za-z.\-_]*$/;
const LOWER_NAMESPACE = new Set(['bitbucket', 'deb', 'github', 'golang', 'rpm']);
const LOWER_NAME = new Set(['bitbucket', 'deb', 'github', 'golang']);

function adjustName(type: string, name: string): string {
  if (LOWER_NAME.has(type)) return name.toLowerCase();
  if (type === 'pypi') return name.replaceAll('_', '-').toLowerCase();
  return name;
}

function customRules(p: Purl): void {
  const q = new Map(p.qualifiers);
  if (p.type === 'conan') {
    const channel = q.get('channel');
    if (p.namespace !== '') {
      if (channel === undefined) throw new PurlError('channel qualifier does not exist');
      if (channel === '') throw new PurlError('the qualifier channel must be not empty if namespace is present');
    } else if (channel !== undefined && channel !== '') throw new PurlError('namespace is required if channel is non empty');
  } else if (p.type === 'swift') {
    if (p.namespace === '') throw new PurlError('namespace is required');
    if (p.version === '') throw new PurlError('version is required');
  } else if (p.type === 'cran' && p.version === '') throw new PurlError('version is required');
}

export function parsePurl(s: string): Purl {
  let rest = s;
  let subpath = '';
  const hash = s.indexOf('#');
  if (hash !== -1) {
    rest = s.slice(0, hash);
    const segs = s
      .slice(hash + 1)
      .replace(/^\/+|\/+$/g, '')
      .split('/')
      .map((seg) => seg.replaceAll('.', ''))
      .filter((seg) => seg !== '')
      .map((seg) => unescapeOr('path', seg));
    subpath = segs.join('/');
  }
  const qualifiers: [string, string][] = [];
  const q = rest.lastIndexOf('?');
  if (q !== -1) {
    for (const item of rest.slice(q + 1).split('&')) {
      const kv = item.split('=');
      const key = unescapeOr('qualifier key', kv[0].toLowerCase());
      if (!QUALIFIER_KEY.test(key)) throw new PurlError(`invalid qualifier key: '${key}'`);
      // packageurl-go indexes the value without checking that there is one
      if (kv.length < 2) throw new PurlError(`qualifier ${JSON.stringify(item)} has no value`);
      if (kv[1] === '') continue;
      qualifiers.push([key, unescapeOr('qualifier value', kv[1])]);
    }
    rest = rest.slice(0, q);
  }
  const colon = rest.indexOf(':');
  if (colon === -1 || rest.slice(0, colon) !== 'pkg') throw new PurlError('scheme is missing');
  rest = rest.slice(colon + 1).replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  if (slash === -1) throw new PurlError('type is missing');
  const type = rest.slice(0, slash).toLowerCase();
  rest = rest.slice(slash + 1);
  const last = rest.lastIndexOf('/');
  let name = adjustName(type, rest.slice(last + 1));
  let version = '';
  const at = name.indexOf('@');
  if (at !== -1) {
    version = unescapeOr('purl version', name.slice(at + 1));
    name = unescapeOr('purl name', name.slice(0, at));
  }
  let namespace = '';
  if (last !== -1) {
    namespace = rest
      .slice(0, last)
      .split('/')
      .filter((seg) => seg !== '')
      .map((seg) => unescapeOr('path', seg))
      .join('/');
  }
  if (LOWER_NAMESPACE.has(type)) namespace = namespace.toLowerCase();
  if (name === '') throw new PurlError('name is required');
  const p = { type, namespace, name, version, qualifiers, subpath };
  customRules(p);
  return p;
}

function purlObject(p: Purl): Value {
  const entries: [Value, Value][] = [
    ['type', p.type],
    ['name', p.name],
  ];
  if (p.namespace !== '') entries.push(['namespace', p.namespace]);
  if (p.version !== '') entries.push(['version', p.version]);
  if (p.subpath !== '') entries.push(['subpath', p.subpath]);
  if (p.qualifiers.length > 0) entries.push(['qualifiers', makeObject(p.qualifiers)]);
  return makeObject(entries);
}

export const purlBuiltins: BuiltinTable = {
  'purl.is_valid': {
    decl: fn('purl.is_valid', [T_ANY], T_BOOL),
    impl: (a) => {
      if (typeof a[0] !== 'string') return false;
      try {
        parsePurl(a[0]);
        return true;
      } catch (e) {
        if (e instanceof PurlError) return false;
        throw e;
      }
    },
  },
  'purl.parse': {
    decl: fn('purl.parse', [T_STR], objectOf(T_STR, T_ANY)),
    impl: (a) => {
      const s = str(a, 0);
      try {
        return purlObject(parsePurl(s));
      } catch (e) {
        if (e instanceof PurlError) throw builtinError(`invalid PURL ${JSON.stringify(s)}: ${e.message}`);
        throw e;
      }
    },
  },
};
