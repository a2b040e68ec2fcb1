// String builtins and Go's fmt verbs as sprintf prints them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, fail, set } from './call.ts';

test('sprintf prints like Go fmt', () => {
  assert.equal(call('sprintf', 'hi %02X.%02X %.2f', [127, 1, 3.1415]), 'hi 7F.01 3.14');
  assert.equal(call('sprintf', '%v|%s|%d', [['there', 5, 3.14], true, 'x']), '["there", 5, 3.14]|true|%!d(string=x)');
  assert.equal(call('sprintf', '%v %v %e %g', [0.000012345, 1234567.5, 123.456, 1e21]), '1.2345e-05 1.2345675e+06 1.234560e+02 1e+21');
  assert.equal(call('sprintf', '%5.1f|%-5d|%+d|%x|%q', [2.25, 3, 4, 'hi', 'a"b']), '  2.2|3    |+4|6869|"a\\"b"');
  assert.equal(call('sprintf', '%d %d', [1]), '1 %!d(MISSING)');
  assert.equal(call('sprintf', '%d', [1, 2]), '1%!(EXTRA int64=2)');
  assert.equal(call('sprintf', '%v', [18446744073709551617n]), '18446744073709551617');
  assert.equal(call('sprintf', '%[2]d %[1]d', [1, 2]), '2 1');
});

test('runes, not UTF-16 units', () => {
  assert.equal(call('indexof', '😀a', 'a'), 1);
  assert.deepEqual(call('indexof_n', '😇😀😇😀', '😀'), [1, 3]);
  assert.equal(call('substring', '😀bcdef', 1, 3), 'bcd');
  assert.equal(call('strings.reverse', 'a😀b'), 'b😀a');
  assert.deepEqual(call('split', 'a😀', ''), ['a', '😀']);
  assert.equal(fail('substring', 'abc', -1, 1).message, 'substring: negative offset');
});

test('Go strings semantics', () => {
  assert.equal(call('trim', '  xx ', ' '), 'xx');
  assert.equal(call('trim_left', 'aabca', 'a'), 'bca');
  assert.equal(call('trim_suffix', 'abc', 'bc'), 'a');
  assert.equal(call('trim_space', '\u00a0 x\t\n'), 'x');
  assert.equal(call('replace', 'ab', '', '-'), '-a-b-');
  assert.equal(call('strings.count', 'cheese', 'e'), 3);
  assert.equal(call('strings.count', 'five', ''), 5);
  assert.equal(call('strings.replace_n', { a: 'b', ab: 'x' }, 'aab'), 'bbb');
  assert.deepEqual(call('strings.split_n', 'a.b.c.d', '.', 2), ['a', 'b']);
  assert.deepEqual(call('strings.split_n', 'a.b.c.d', '.', -2), ['c', 'd']);
  assert.equal(call('format_int', -255.9, 16), '-ff');
  assert.equal(fail('format_int', 1, 3).message, 'format_int: operand 2 must be one of {2, 8, 10, 16}');
  assert.equal(call('concat', '/', set('b', 'a')), 'a/b');
});

test('any_prefix_match / any_suffix_match accept strings, arrays and sets', () => {
  assert.equal(call('strings.any_prefix_match', ['x/a', 'y/b'], set('y/')), true);
  assert.equal(call('strings.any_suffix_match', 'file.rego', ['.json', '.rego']), true);
  assert.equal(
    fail('strings.any_prefix_match', [1], 'a').message,
    'strings.any_prefix_match: operand 1 must be array of strings but got array containing number',
  );
  assert.equal(
    fail('strings.any_suffix_match', 'a', 1).message,
    'strings.any_suffix_match: operand 2 must be one of {string, set, array} but got number',
  );
});

test('strings.render_template runs Go templates', () => {
  const tpl = '{{range $i, $n := .names}}{{if $i}},{{end}}hello {{$n}}{{end}} {{.missing}}';
  assert.equal(call('strings.render_template', tpl, { names: ['a', 'b'] }), 'hello a,hello b <undefined>');
});
