// Regex (RE2), glob, encodings, JSON/YAML, units, semver, uuid, uri.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, fail } from './call.ts';

test('regex builtins follow Go regexp', () => {
  assert.equal(call('regex.match', '^a+$', 'aaa'), true);
  assert.deepEqual(call('regex.find_n', 'a.', 'paranormal', 2), ['ar', 'an']);
  assert.deepEqual(call('regex.find_all_string_submatch_n', 'a(x*)b', '-ab-axxb-', -1), [['ab', ''], ['axxb', 'xx']]);
  assert.deepEqual(call('regex.split', '^[a-z]+', 'foobar baz'), ['', ' baz']);
  assert.equal(call('regex.replace', 'foo', '(?P<w>o+)', '[${w}]$$'), 'f[oo]$');
  assert.equal(call('regex.is_valid', '++'), false);
  assert.equal(call('regex.is_valid', 1), false);
  assert.equal(fail('regex.match', '(', 'x').message, 'regex.match: error parsing regexp: missing closing ): `(`');
  assert.equal(call('regex.template_match', 'urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}'), true);
  assert.equal(call('regex.globs_match', 'a.a.', '.b.b'), true);
  assert.equal(call('regex.globs_match', '[a-z]+', '[0-9]+'), false);
  assert.equal(call('regex.globs_match', 'a.a.[0-9]+z', '.b.b2359825792*594823z'), true);
  assert.equal(call('regex.globs_match', '[a-z]+\\[[0-9]+\\]', 'foo\\[1\\]'), true);
  assert.equal(call('regex.globs_match', '[a-z]+\\[[0-9]+\\]', 'foo["bar"]'), false);
});

test('glob.match with delimiters; quote_meta', () => {
  assert.equal(call('glob.match', '*.github.com', ['.'], 'api.github.com'), true);
  assert.equal(call('glob.match', '*', [], 'foo.bar'), false);
  assert.equal(call('glob.match', '*', null, 'foo.bar'), true);
  assert.equal(call('glob.match', 'api.**.com', ['.'], 'api.cdn.github.com'), true);
  assert.equal(call('glob.match', '{cat,[fr]at}', [], 'rat'), true);
  assert.equal(call('glob.match', '[!a-c]at', [], 'bat'), false);
  assert.equal(call('glob.quote_meta', '*.github.com'), '\\*.github.com');
});

test('base64 / base64url / hex / urlquery use Go rules', () => {
  assert.equal(call('base64.decode', 'aGVsbG8='), 'hello');
  assert.equal(fail('base64.decode', 'aGVsbG8').message, 'base64.decode: illegal base64 data at input byte 4');
  assert.equal(call('base64url.decode', 'aGVsbG8'), 'hello');
  assert.equal(call('base64url.encode_no_pad', 'hello'), 'aGVsbG8');
  assert.equal(call('base64.is_valid', "{'x'}"), false);
  assert.equal(fail('hex.decode', 'fghijkl').message, "hex.decode: encoding/hex: invalid byte: U+0067 'g'");
  assert.equal(call('urlquery.encode', 'a=b+1 c'), 'a%3Db%2B1+c');
  assert.deepEqual(call('urlquery.decode_object', 'a=1&b=2&a=3'), { a: ['1', '3'], b: ['2'] });
  assert.equal(call('urlquery.encode_object', { b: 'x y', a: ['1', '2'] }), 'a=1&a=2&b=x+y');
});

test('json and yaml', () => {
  assert.equal(call('json.marshal', { b: [1, '<x>'], a: null }), '{"a":null,"b":[1,"\\u003cx\\u003e"]}');
  assert.equal(call('json.marshal_with_options', { a: [1] }, { indent: '  ' }), '{\n  "a": [\n    1\n  ]\n}');
  assert.deepEqual(call('json.unmarshal', '{"n": 12345678901234567890}'), { n: 12345678901234567890n });
  assert.equal(call('json.is_valid', '{'), false);
  assert.equal(call('yaml.marshal', { foo: [1, { a: 2 }] }), 'foo:\n- 1\n- a: 2\n');
  assert.deepEqual(call('yaml.unmarshal', 'a: yes\n3: x'), { a: true, '3': 'x' });
});

test('units, semver, uuid, uri', () => {
  assert.equal(call('units.parse', '0.0000005M'), 0.5);
  assert.equal(call('units.parse', '-3.5E2m'), -0.35);
  assert.equal(call('units.parse_bytes', '1.1KiB'), 1126);
  assert.equal(fail('units.parse', '100 k').message, 'units.parse: spaces not allowed in resource strings');
  assert.equal(call('semver.compare', '1.0.0-alpha.1', '1.0.0-alpha.beta'), -1);
  assert.equal(fail('semver.compare', '1', '1.0.0').message, 'semver.compare: operand 1: string "1" is not a valid SemVer');
  assert.deepEqual(call('uuid.parse', '00000000-0000-4000-8000-000000000000'), { variant: 'RFC4122', version: 4 });
  assert.deepEqual(call('uri.parse', 'https://example.com:8080/a%2Fb?q=1#top'), {
    scheme: 'https', hostname: 'example.com', port: '8080', path: '/a/b', raw_path: '/a%2Fb', raw_query: 'q=1', fragment: 'top',
  });
  assert.equal(fail('uri.parse', 'http://a<b@example.com/').message, 'uri.parse: parse "http://a<b@example.com/": net/url: invalid userinfo');
});

test('net.cidr_*', () => {
  assert.equal(call('net.cidr_contains', '10.0.0.0/8', '10.1.2.3'), true);
  assert.equal(call('net.cidr_contains', '2001:4860::/32', '2001:4860:4860::8888/40'), true);
  assert.equal(call('net.cidr_intersects', '10.0.0.0/8', '10.1.0.0/16'), true);
  assert.deepEqual(call('net.cidr_merge', ['192.0.2.112/30', '192.0.2.116/31', '192.0.2.118/31']), ['192.0.2.112/29']);
  assert.deepEqual(call('net.cidr_merge', ['192.0.128.0', '192.0.129.0']), ['192.0.128.0/23']);
  assert.equal(fail('net.cidr_merge', ['2601:600::1']).message, 'net.cidr_merge: IPv6 invalid: needs prefix length');
  assert.deepEqual(call('net.cidr_expand', '192.168.1.1/31'), ['192.168.1.0', '192.168.1.1']);
  assert.deepEqual(call('net.cidr_contains_matches', ['1.1.2.0/24', '1.1.1.0/24'], ['1.1.1.1']), [[1, 0]]);
  assert.equal(call('net.cidr_is_valid', '1.2.3.4/33'), false);
});

test('json.is_valid / yaml.is_valid answer false for a non-string operand (OPA), not a type error', () => {
  assert.equal(call('json.is_valid', 1), false);
  assert.equal(call('yaml.is_valid', { a: 1 }), false);
  assert.equal(call('json.is_valid', '{"a": 1}'), true);
  assert.equal(call('yaml.is_valid', 'a: [1'), false);
});

test("json.unmarshal errors are Go encoding/json's, as OPA's json.Decoder reports them", () => {
  const cases: [string, string][] = [
    ['', 'EOF'],
    ['  ', 'EOF'],
    ['[1, 2', 'unexpected EOF'],
    ['nul', 'unexpected EOF'],
    ['{"a": 1,}', "invalid character '}' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a": 1 "b": 2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['nulx', "invalid character 'x' in literal null (expecting 'l')"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['"a\\qb"', "invalid character 'q' in string escape code"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.e5', "invalid character 'e' after decimal point in numeric literal"],
    ['1e+', 'unexpected EOF'],
    ['1 2', "error: invalid character '2' after top-level value"],
    ['{} {', "error: invalid character '{' after top-level value"],
    ['1 ]', "invalid character ']' looking for beginning of value"],
  ];
  for (const [text, want] of cases) assert.equal(fail('json.unmarshal', text).message, `json.unmarshal: ${want}`, JSON.stringify(text));
});
