// RE2 regular expressions (Go's regexp semantics) through re2js, with a bounded cache of compiled
// patterns, plus Go's Regexp.Split and Regexp.Expand ($1, ${name}) that re2js does not provide.
import { RE2JS } from 're2js';
import { builtinError } from '../builtin-error.ts';

const CACHE_LIMIT = 200;
const cache = new Map<string, RE2JS>();

/** Compiles (cached); a bad pattern is a builtin error with Go's text ("error parsing regexp: …"). */
export function compileRe(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw builtinError(e instanceof Error ? e.message : String(e));
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

export function isValidRe(pattern: string): boolean {
  try {
    compileRe(pattern);
    return true;
  } catch {
    return false;
  }
}

type Re2 = {
  findAllIndex(s: string, n: number): number[][] | null;
  findAllSubmatchIndex(s: string, n: number): number[][] | null;
  findAll(s: string, n: number): string[] | null;
  findAllSubmatch(s: string, n: number): (string | null)[][] | null;
};

function re2(re: RE2JS): Re2 {
  return re.re2() as unknown as Re2;
}

export function findAll(re: RE2JS, s: string, n: number): string[] {
  return re2(re).findAll(s, n) ?? [];
}

export function findAllSubmatch(re: RE2JS, s: string, n: number): string[][] {
  return (re2(re).findAllSubmatch(s, n) ?? []).map((m) => m.map((g) => g ?? ''));
}

/** Go's Regexp.Split(s, -1). */
export function split(re: RE2JS, s: string): string[] {
  if (re.pattern().length > 0 && s.length === 0) return [''];
  const matches = re2(re).findAllIndex(s, -1) ?? [];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const [a, b] of matches) {
    end = a;
    if (b !== 0) out.push(s.slice(beg, end));
    beg = b;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's ReplaceAllString: the template expands $1, ${1}, $name, ${name} and $$. */
export function replaceAll(re: RE2JS, s: string, template: string): string {
  const matches = re2(re).findAllSubmatchIndex(s, -1) ?? [];
  const names = re.namedGroups();
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += s.slice(last, m[0]) + expand(template, s, m, names);
    last = m[1];
  }
  return out + s.slice(last);
}

function expand(template: string, s: string, m: number[], names: Record<string, number>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | null = null;
    if (template[i] === '{') {
      const close = template.indexOf('}', i);
      const candidate = close < 0 ? '' : template.slice(i + 1, close);
      if (/^[A-Za-z0-9_]+$/.test(candidate)) {
        name = candidate;
        i = close + 1;
      }
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i));
      if (mm) {
        name = mm[0];
        i += name.length;
      }
    }
    if (name === null) {
      out += '$';
      continue;
    }
    const idx = /^[0-9]+$/.test(name) ? Number(name) : names[name];
    if (idx !== undefined && 2 * idx + 1 < m.length && m[2 * idx] >= 0) out += s.slice(m[2 * idx], m[2 * idx + 1]);
  }
  return out;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
