// The route index must pick exactly the route the list walk picked (first route in order with a matcher that
// holds, gloo-api.md §1.2): the tricky orders spelled out, then every request of a grid against a generated
// table compared with the walk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MatcherConfig, UriMatchConfig } from '../config/types.ts';
import { compileMatcher, type CompiledMatcher } from './matchers.ts';
import { RequestView } from './request-view.ts';
import { RouteIndex } from './route-index.ts';

interface R {
  name: string;
  matchers: CompiledMatcher[];
}

const uri = (type: UriMatchConfig['type'], value: string, ignoreCase = false): UriMatchConfig => ({ type, value, ignoreCase });
const m = (o: Partial<MatcherConfig>): MatcherConfig => ({ uri: null, headers: [], queryParameters: [], method: null, ...o });
const route = (name: string, ...ms: MatcherConfig[]): R => ({ name, matchers: ms.map(compileMatcher) });

/** The list walk the gateway did before the index (the reference). */
function walk(routes: R[], req: RequestView): { route: R; uri: UriMatchConfig | null } | null {
  for (const r of routes) {
    if (r.matchers.length === 0) return { route: r, uri: null };
    for (const x of r.matchers) if (x.test(req)) return { route: r, uri: x.uri };
  }
  return null;
}

const request = (target: string, method = 'GET', headers: Record<string, string> = {}) => {
  const q = target.indexOf('?');
  return new RequestView(method, q === -1 ? target : target.slice(0, q), q === -1 ? '' : target.slice(q + 1), headers);
};

function pick(routes: R[], target: string, method = 'GET', headers: Record<string, string> = {}): string | null {
  const req = request(target, method, headers);
  const got = new RouteIndex(routes).match(req);
  const want = walk(routes, req);
  assert.equal(got?.route.name ?? null, want?.route.name ?? null, `${method} ${target}`);
  assert.equal(got?.uri ?? null, want?.uri ?? null, `matcher uri of ${method} ${target}`);
  return got?.route.name ?? null;
}

describe('RouteIndex', () => {
  it('an earlier prefix beats a later, longer or exact one; a later route wins only when the earlier fails', () => {
    const routes = [
      route('short-prefix', m({ uri: uri('prefix', '/a') })),
      route('exact', m({ uri: uri('exact', '/a/b') })),
      route('long-prefix', m({ uri: uri('prefix', '/a/b/') })),
      route('other', m({ uri: uri('prefix', '/b/') })),
    ];
    assert.equal(pick(routes, '/a/b'), 'short-prefix');
    assert.equal(pick(routes, '/a/b/c'), 'short-prefix');
    assert.equal(pick(routes, '/b/x'), 'other');
    assert.equal(pick(routes, '/'), null);
    const reversed = [...routes].reverse();
    assert.equal(pick(reversed, '/a/b/c'), 'long-prefix');
    assert.equal(pick(reversed, '/a/b'), 'exact');
    assert.equal(pick(reversed, '/a/bc'), 'short-prefix');
  });

  it('conditions besides the path (method, headers, query) decide between routes filed at one path', () => {
    const routes = [
      route('post-only', m({ uri: uri('prefix', '/m/'), method: 'POST' })),
      route('gold-header', m({ uri: uri('prefix', '/m/'), headers: [{ name: 'x-plan', value: 'gold', regex: false, invertMatch: false }] })),
      route('query', m({ uri: uri('exact', '/m/x'), queryParameters: [{ name: 'id', value: '[0-9]+', regex: true }] })),
      route('fallback', m({ uri: uri('prefix', '/m/') })),
    ];
    assert.equal(pick(routes, '/m/x', 'POST'), 'post-only');
    assert.equal(pick(routes, '/m/x', 'GET', { 'x-plan': 'gold' }), 'gold-header');
    assert.equal(pick(routes, '/m/x?id=42'), 'query');
    assert.equal(pick(routes, '/m/x?id=abc'), 'fallback');
    assert.equal(pick(routes, '/m/y?id=42'), 'fallback');
  });

  it('regex and matcher-less routes keep their place in the order', () => {
    const routes = [
      route('prefix-first', m({ uri: uri('prefix', '/items/special') })),
      route('regex', m({ uri: uri('regex', '/items/[0-9a-z]+') })),
      route('exact-after-regex', m({ uri: uri('exact', '/items/42') })),
      route('catch-all'),
      route('never-reached', m({ uri: uri('prefix', '/') })),
    ];
    assert.equal(pick(routes, '/items/special'), 'prefix-first');
    assert.equal(pick(routes, '/items/42'), 'regex');
    assert.equal(pick(routes, '/items/4/2'), 'catch-all');
    assert.equal(pick(routes, '/'), 'catch-all');
  });

  it('any-of matchers: the route is placed by its earliest holding matcher, and reports that matcher', () => {
    const routes = [
      route('login-logout', m({ uri: uri('exact', '/v1/logout') }), m({ uri: uri('prefix', '/v1/log') })),
      route('v1', m({ uri: uri('prefix', '/v1/') })),
    ];
    assert.equal(pick(routes, '/v1/logout'), 'login-logout');
    assert.equal(pick(routes, '/v1/login'), 'login-logout');
    assert.equal(pick(routes, '/v1/x'), 'v1');
  });

  it('ignoreCase prefix and exact, including the empty and root prefixes and non-ASCII paths', () => {
    const routes = [
      route('ci-exact', m({ uri: uri('exact', '/Exact', true) })),
      route('cs-prefix', m({ uri: uri('prefix', '/CaseLess/sub') })),
      route('ci-prefix', m({ uri: uri('prefix', '/CaseLess/', true) })),
      route('ci-unicode', m({ uri: uri('prefix', '/ÄPFEL', true) })),
      route('ci-key', m({ uri: uri('prefix', '/key', true) })),
      route('root', m({ uri: uri('prefix', '/') })),
      route('empty', m({ uri: uri('prefix', '') })),
    ];
    assert.equal(pick(routes, '/EXACT'), 'ci-exact');
    assert.equal(pick(routes, '/exact/'), 'root');
    assert.equal(pick(routes, '/CaseLess/sub'), 'cs-prefix');
    assert.equal(pick(routes, '/caseless/SUB'), 'ci-prefix');
    assert.equal(pick(routes, '/äpfel/x'), 'ci-unicode');
    assert.equal(pick(routes, '/CASELESS/\u00c4'), 'ci-prefix');
    assert.equal(pick(routes, '/\u00e9'), 'root');
    // U+212A KELVIN SIGN lower-cases to an ASCII "k".
    assert.equal(pick(routes, '/\u212aey'), 'ci-key');
    assert.equal(pick([route('only-empty', m({ uri: uri('prefix', '') }))], 'x'), 'only-empty');
  });

  it('agrees with the list walk on every request of a grid against a generated table', () => {
    // Deterministic pseudo-random table: prefixes, exacts (both cases), regexes, methods, a header condition,
    // duplicates and shadowed routes, over a small alphabet so paths collide often.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const seg = () => ['a', 'B', 'ab', 'c', ''][rand(5)]!;
    const path = () => `/${seg()}${rand(2) ? `/${seg()}` : ''}`;
    const routes: R[] = [];
    for (let i = 0; i < 120; i++) {
      const kind = rand(10);
      const u = kind < 4 ? uri('prefix', path(), rand(3) === 0) : kind < 7 ? uri('exact', path(), rand(3) === 0) : kind < 8 ? uri('regex', `/[aB]+(/.*)?`) : null;
      const extra = rand(4);
      const ms = [m({ uri: u, method: extra === 0 ? 'POST' : null, headers: extra === 1 ? [{ name: 'x-h', value: null, regex: false, invertMatch: false }] : [] })];
      if (rand(5) === 0) ms.push(m({ uri: uri('prefix', path()) }));
      routes.push(route(`r${i}`, ...(kind === 9 && rand(4) === 0 ? [] : ms)));
    }
    const paths = ['/', '', '/a', '/A', '/a/', '/a/b', '/a/B', '/ab', '/AB/c', '/B', '/b/a', '/c', '/c/ab', '/x', '/a/b/c', '/ab/ab'];
    for (let cut = 0; cut <= routes.length; cut += 3) {
      const table = routes.slice(cut);
      for (const p of paths) {
        for (const method of ['GET', 'POST']) {
          pick(table, p, method);
          pick(table, p, method, { 'x-h': '1' });
        }
      }
    }
  });
});
