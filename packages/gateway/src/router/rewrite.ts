import type { RE2JS } from 're2js';
import type { ForwardActionConfig, UriMatchConfig } from '../config/types.ts';
import { compileRegex } from './matchers.ts';

// Path rewrites, compiled once per route. Envoy semantics (gloo-api.md §1.2):
// - pathRewrite with a prefix matcher replaces only the matched prefix; with an exact matcher the whole
//   path; with a regex matcher (or no uri) it is not supported and the path is left alone.
// - regexRewrite replaces every match in the path (query string kept) with the substitution, where
//   `\1` refers to a capture group.

/** (path without query, index of the matcher that matched) → new path. */
export type PathRewriter = (path: string, uri: UriMatchConfig | null) => string;

export function compilePathRewrite(action: ForwardActionConfig): PathRewriter | null {
  if (action.regexRewrite !== null) {
    const re = compileRegex(action.regexRewrite.pattern);
    const substitution = envoySubstitutionToRe2js(action.regexRewrite.substitution);
    return (path) => replaceAll(re, path, substitution);
  }
  if (action.pathRewrite !== null) {
    const replacement = action.pathRewrite;
    return (path, uri) => {
      if (uri === null || uri.type === 'regex') return path;
      if (uri.type === 'exact') return replacement;
      const rest = path.slice(uri.value.length);
      // An empty result is not a valid request-target.
      const out = replacement + rest;
      return out === '' ? '/' : out;
    };
  }
  return null;
}

function replaceAll(re: RE2JS, input: string, substitution: string): string {
  return re.matcher(input).replaceAll(substitution);
}

/** Envoy writes groups as `\1`; re2js (JS mode) as `$1`, with `$$` for a literal dollar. */
export function envoySubstitutionToRe2js(sub: string): string {
  let out = '';
  for (let i = 0; i < sub.length; i++) {
    const c = sub[i]!;
    if (c === '$') out += '$$';
    else if (c === '\\' && i + 1 < sub.length && sub[i + 1]! >= '0' && sub[i + 1]! <= '9') {
      out += '$' + sub[++i];
    } else if (c === '\\' && sub[i + 1] === '\\') {
      out += '\\';
      i++;
    } else out += c;
  }
  return out;
}
