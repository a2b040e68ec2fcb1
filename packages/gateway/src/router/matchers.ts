import { RE2JS } from 're2js';
import type {
  HeaderMatcherConfig,
  MatcherConfig,
  QueryParameterMatcherConfig,
  UriMatchConfig,
} from '../config/types.ts';
import type { RequestView } from './request-view.ts';

// Matchers are compiled once per config load into closures; the hot path only calls them.
// Semantics follow Gloo's HTTPRequestMatcher (gloo-api.md §1.2): every condition of one matcher must
// hold; regexes are RE2 and must match the whole value; `ignoreCase` is ignored for regex (as Gloo documents).

export type Predicate = (req: RequestView) => boolean;

export interface CompiledMatcher {
  /** The uri condition, kept because pathRewrite depends on which matcher matched. */
  uri: UriMatchConfig | null;
  /** Every condition, the uri included. */
  test: Predicate;
  /** Every condition but an exact or prefix uri (the route index checks those by where it files the matcher). */
  rest: Predicate;
}

/** Compiles an RE2 pattern; throws RE2JSSyntaxException on a bad pattern (caller turns it into an issue). */
export function compileRegex(pattern: string, flags = 0): RE2JS {
  return RE2JS.compile(pattern, flags);
}

/** null when `pattern` is valid RE2, else the parser's message (the control plane validates with the same engine). */
export function regexProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export function compileUri(uri: UriMatchConfig): Predicate {
  const { type, ignoreCase } = uri;
  if (type === 'regex') {
    const re = compileRegex(uri.value);
    return (req) => re.matches(req.path);
  }
  const value = ignoreCase ? uri.value.toLowerCase() : uri.value;
  if (type === 'exact') {
    return ignoreCase ? (req) => req.pathLowerCase() === value : (req) => req.path === value;
  }
  return ignoreCase ? (req) => req.pathLowerCase().startsWith(value) : (req) => req.path.startsWith(value);
}

/** Header condition; also used by the rate-limit headerValueMatch action. */
export function compileHeader(h: HeaderMatcherConfig): Predicate {
  const name = h.name.toLowerCase();
  const invert = h.invertMatch;
  let base: (v: string | undefined) => boolean;
  if (h.value === null || h.value === '') {
    base = (v) => v !== undefined;
  } else if (h.regex) {
    const re = compileRegex(h.value);
    base = (v) => v !== undefined && re.matches(v);
  } else {
    const expected = h.value;
    base = (v) => v === expected;
  }
  return invert ? (req) => !base(req.header(name)) : (req) => base(req.header(name));
}

export function compileQuery(q: QueryParameterMatcherConfig): Predicate {
  const name = q.name;
  if (q.value === null || q.value === '') return (req) => req.queryParam(name) !== null;
  if (q.regex) {
    const re = compileRegex(q.value);
    return (req) => {
      const v = req.queryParam(name);
      return v !== null && re.matches(v);
    };
  }
  const expected = q.value;
  return (req) => req.queryParam(name) === expected;
}

export function compileMatcher(m: MatcherConfig): CompiledMatcher {
  const preds: Predicate[] = [];
  if (m.method !== null && m.method !== '') {
    const method = m.method.toUpperCase();
    preds.push((req) => req.method === method);
  }
  for (const h of m.headers) preds.push(compileHeader(h));
  for (const q of m.queryParameters) preds.push(compileQuery(q));
  const rest = m.uri !== null && m.uri.type === 'regex' ? allOf([...preds, compileUri(m.uri)]) : allOf(preds);
  return { uri: m.uri, test: m.uri === null || m.uri.type === 'regex' ? rest : allOf([compileUri(m.uri), ...preds]), rest };
}

/** A matcher that matches nothing (a route whose matchers do not compile must not catch other traffic). */
export const NEVER: CompiledMatcher = { uri: null, test: () => false, rest: () => false };

function allOf(preds: Predicate[]): Predicate {
  switch (preds.length) {
    case 0:
      return () => true;
    case 1:
      return preds[0]!;
    case 2: {
      const [a, b] = preds as [Predicate, Predicate];
      return (req) => a(req) && b(req);
    }
    default:
      return (req) => {
        for (let i = 0; i < preds.length; i++) if (!preds[i]!(req)) return false;
        return true;
      };
  }
}
