// The builtin table itself: every declaration has an implementation under its own name, skipped
// builtins are not also implemented, and unknown names are reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinError, builtins, invokeBuiltin, skippedBuiltins } from '../../src/builtins/index.ts';
import { ctx } from './call.ts';

test('every decl has an impl, named as its key, with well-formed argument types', () => {
  assert.ok(builtins.size > 150, `only ${builtins.size} builtins`);
  for (const [name, b] of builtins) {
    assert.equal(typeof b.impl, 'function', `${name} has no impl`);
    assert.equal(b.decl.name, name);
    assert.ok(Array.isArray(b.decl.args), `${name} args`);
    for (const a of b.decl.args) assert.ok(typeof a.kind === 'string', `${name} arg kind`);
    assert.ok(typeof b.decl.result.kind === 'string', `${name} result kind`);
  }
});

test('skipped builtins carry a reason and are not implemented', () => {
  for (const name of ['http.send', 'net.lookup_ip_addr', 'opa.runtime', 'providers.aws.sign_req']) {
    assert.ok(skippedBuiltins.get(name)?.length, `${name} reason`);
    assert.equal(builtins.has(name), false);
  }
});

test('OPA families are all present', () => {
  const expected = [
    'plus', 'minus', 'mul', 'div', 'rem', 'equal', 'neq', 'lt', 'gte', 'and', 'or', 'count', 'sum', 'sort',
    'internal.member_2', 'internal.member_3', 'array.slice', 'object.union_n', 'json.patch', 'sprintf',
    'strings.replace_n', 'regex.globs_match', 'glob.quote_meta', 'bits.lsh', 'units.parse_bytes', 'type_name',
    'base64url.encode_no_pad', 'urlquery.decode_object', 'json.marshal_with_options', 'yaml.unmarshal',
    'time.diff', 'crypto.hmac.equal', 'io.jwt.decode_verify', 'io.jwt.encode_sign_raw', 'net.cidr_merge',
    'semver.compare', 'uuid.rfc4122', 'graph.reachable_paths', 'uri.parse', 'strings.render_template',
  ];
  for (const name of expected) assert.ok(builtins.has(name), `${name} missing`);
});

test('invokeBuiltin prefixes the builtin name and keeps the error code', () => {
  assert.throws(() => invokeBuiltin('upper', [1], ctx()), (e: unknown) => {
    assert.ok(e instanceof BuiltinError);
    assert.equal(e.code, 'eval_type_error');
    assert.equal(e.message, 'upper: operand 1 must be string but got number');
    return true;
  });
  assert.throws(() => invokeBuiltin('no.such.builtin', [], ctx()), /unknown builtin/);
});

test('callBuiltin runs a looked-up builtin with the same checks and error texts', async () => {
  const { callBuiltin } = await import('../../src/builtins/index.ts');
  const split = builtins.get('split')!;
  assert.deepEqual(callBuiltin(split, ['a b', ' '], ctx()), ['a', 'b']);
  assert.throws(() => callBuiltin(split, [1, ' '], ctx()), /^BuiltinError: split: operand 1 must be string but got number$|split: operand 1 must be string but got number/);
});

test('deprecated (v0-only) builtins are implemented and listed', async () => {
  const { deprecatedBuiltins } = await import('../../src/builtins/index.ts');
  for (const name of deprecatedBuiltins) assert.ok(builtins.has(name), name);
  assert.ok(deprecatedBuiltins.has('re_match') && !deprecatedBuiltins.has('regex.match'));
});
