import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MatcherConfig } from '@portico/gateway';
import { composeMatchers, convertMatcher, joinPath } from './matchers.ts';

const m = (p: Partial<MatcherConfig>): MatcherConfig => ({ uri: null, headers: [], queryParameters: [], method: null, ...p });
const prefix = (value: string) => m({ uri: { type: 'prefix', value, ignoreCase: false } });

describe('matcher composition', () => {
  it('joinPath leaves exactly one slash between the parts', () => {
    assert.equal(joinPath('/', '/trackapi/'), '/trackapi/');
    assert.equal(joinPath('/product-1', '/foo'), '/product-1/foo');
    assert.equal(joinPath('/a', 'b'), '/a/b');
    assert.equal(joinPath('/a/', 'b'), '/a/b');
  });

  it('cross product, child-major; an empty side matches everything', () => {
    const r = composeMatchers([prefix('/p1'), prefix('/p2')], [prefix('/foo')]);
    assert.ok(r.ok);
    assert.deepEqual(r.value.map((x) => x.uri?.value), ['/p1/foo', '/p2/foo']);
    const all = composeMatchers([], [prefix('/x')]);
    assert.ok(all.ok);
    assert.equal(all.value[0]!.uri!.value, '/x');
  });

  it('conflicts: two methods, two exact values of one header, a path under an exact parent', () => {
    assert.equal(composeMatchers([m({ method: 'GET' })], [m({ method: 'POST' })]).ok, false);
    const h = (value: string) => m({ headers: [{ name: 'x', value, regex: false, invertMatch: false }] });
    assert.equal(composeMatchers([h('1')], [h('2')]).ok, false);
    assert.equal(composeMatchers([m({ uri: { type: 'exact', value: '/e', ignoreCase: false } })], [prefix('/more')]).ok, false);
    // A child regex under a parent prefix continues the pattern (the prefix quoted).
    const r = composeMatchers([prefix('/v1.0/')], [m({ uri: { type: 'regex', value: '/items/[0-9]+', ignoreCase: false } })]);
    assert.ok(r.ok);
    assert.equal(r.value[0]!.uri!.value, '/v1\\.0/items/[0-9]+');
  });

  it('convertMatcher rejects invalid RE2 and suffix, lower-cases header names and upper-cases methods', () => {
    assert.equal(convertMatcher({ uri: { regex: '(a' } }).ok, false);
    assert.equal(convertMatcher({ uri: { suffix: '.json' } }).ok, false);
    const ok = convertMatcher({ headers: [{ name: 'X-A' }], method: 'get' });
    assert.ok(ok.ok);
    assert.equal(ok.value.headers[0]!.name, 'x-a');
    assert.equal(ok.value.method, 'GET');
  });
});
