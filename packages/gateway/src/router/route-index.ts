import type { UriMatchConfig } from '../config/types.ts';
import type { CompiledMatcher, Predicate } from './matchers.ts';
import type { RequestView } from './request-view.ts';

// Route selection that does not scale with the number of routes. The semantics stay Envoy's (and Gloo's, whose
// translation already orders the routes, gloo-api.md §1.2): the FIRST route in list order with a matcher that
// holds wins. Each (route, matcher) pair gets its position in that order and is filed by its uri condition:
//   - exact / prefix paths (case-sensitive, or ignoreCase in a second tree walked with lower-cased characters) in a
//     character trie: walking the request path visits exactly the prefixes it starts with, and its exact entry;
//   - everything else (regex uri, no uri, a route with no matchers) in one ordered list tested for every request.
// The answer is the pair with the lowest position among those whose remaining conditions hold; every list is
// sorted by position, so each stops at its first hit or once it cannot beat the best so far. Matching allocates
// nothing: the trie walk reads char codes, and the returned match is the pre-built entry.

export interface IndexedMatch<R> {
  route: R;
  /** uri of the matcher that matched (null when the route has no matchers or no uri condition). */
  uri: UriMatchConfig | null;
}

interface Entry<R> extends IndexedMatch<R> {
  /** Position in first-match order (route index, then matcher index). */
  order: number;
  /** The conditions not already decided by where the entry is filed. */
  test: Predicate;
}

class TrieNode<R> {
  /** Child by char code. (A plain object keyed by char codes makes V8 size an elements store up to the largest
   *  code per node: far slower to build for a config of many small hosts.) */
  children: Map<number, TrieNode<R>> | null = null;
  /** Prefix matchers whose value ends here (they hold for any path walking through this node). */
  prefix: Entry<R>[] | null = null;
  /** Exact matchers whose value ends here (they hold only when the path ends here). */
  exact: Entry<R>[] | null = null;

  child(code: number): TrieNode<R> {
    this.children ??= new Map();
    let next = this.children.get(code);
    if (next === undefined) this.children.set(code, (next = new TrieNode<R>()));
    return next;
  }
}

const A = 65;
const Z = 90;
const ASCII = /^[\x00-\x7f]*$/;
/** walk()'s answer when a lower-cased walk meets a non-ASCII character. */
const NON_ASCII = Symbol('non-ASCII path');

export class RouteIndex<R extends { readonly matchers: readonly CompiledMatcher[] }> {
  private readonly sensitive = new TrieNode<R>();
  private readonly insensitive: TrieNode<R> | null;
  /** The ignoreCase entries again, in order with their whole test: for a path with a non-ASCII character, whose
   *  Unicode lower-casing the trie walk does not reproduce. */
  private readonly insensitiveAll: Entry<R>[] = [];
  /** Matchers the trie cannot decide: tested in order for every request. */
  private readonly always: Entry<R>[] = [];

  constructor(routes: readonly R[]) {
    let order = 0;
    let anyInsensitive = false;
    const insensitive = new TrieNode<R>();
    for (const route of routes) {
      const ms = route.matchers;
      if (ms.length === 0) {
        this.always.push({ route, uri: null, order: order++, test: () => true });
        continue;
      }
      for (const m of ms) {
        const uri = m.uri;
        if (uri === null || uri.type === 'regex') {
          this.always.push({ route, uri, order: order++, test: m.test });
          continue;
        }
        const value = uri.ignoreCase ? uri.value.toLowerCase() : uri.value;
        if (uri.ignoreCase && !ASCII.test(value)) {
          this.always.push({ route, uri, order: order++, test: m.test });
          continue;
        }
        const entry: Entry<R> = { route, uri, order: order++, test: m.rest };
        if (uri.ignoreCase) this.insensitiveAll.push({ ...entry, test: m.test });
        let node = uri.ignoreCase ? insensitive : this.sensitive;
        anyInsensitive ||= uri.ignoreCase;
        for (let i = 0; i < value.length; i++) node = node.child(value.charCodeAt(i));
        (uri.type === 'exact' ? (node.exact ??= []) : (node.prefix ??= [])).push(entry);
      }
    }
    this.insensitive = anyInsensitive ? insensitive : null;
  }

  /** The first route (in list order) with a matcher that holds for `req`, or null. */
  match(req: RequestView): IndexedMatch<R> | null {
    let best = firstHit(this.always, req, null);
    best = walk(this.sensitive, req, false, best) as Entry<R> | null;
    if (this.insensitive !== null) {
      const found = walk(this.insensitive, req, true, best);
      best = found === NON_ASCII ? firstHit(this.insensitiveAll, req, best) : found;
    }
    return best;
  }
}

/** The first entry of `list` (sorted by order) that holds and comes before `best`; else `best`. */
function firstHit<R>(list: Entry<R>[] | null, req: RequestView, best: Entry<R> | null): Entry<R> | null {
  if (list === null) return best;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (best !== null && e.order >= best.order) return best;
    if (e.test(req)) return e;
  }
  return best;
}

function walk<R>(root: TrieNode<R>, req: RequestView, lower: boolean, best: Entry<R> | null): Entry<R> | null | typeof NON_ASCII {
  const path = req.path;
  let node: TrieNode<R> | undefined = root;
  for (let i = 0; ; i++) {
    best = firstHit(node.prefix, req, best);
    if (i === path.length) return firstHit(node.exact, req, best);
    if (node.children === null) return best;
    let code = path.charCodeAt(i);
    // ASCII lower-casing; String#toLowerCase's Unicode rules for the rare non-ASCII path (see insensitiveAll).
    if (lower) {
      if (code >= A && code <= Z) code += 32;
      else if (code > 127) return NON_ASCII;
    }
    node = node.children.get(code);
    if (node === undefined) return best;
  }
}
