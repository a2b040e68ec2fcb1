// Expected texts are Go's encoding/json SyntaxError messages (gloo-api.md §4.2; golang/go src/encoding/json/scanner.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goJsonSyntaxError, quoteChar } from './go-json-syntax.ts';

const cases: [string, string | null][] = [
  ['{keys:[]}', "invalid character 'k' looking for beginning of object key string"],
  ['{keys:[…]}', "invalid character 'k' looking for beginning of object key string"],
  ['{"keys":[]}', null],
  ['  {"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}\n', null],
  ['', 'unexpected end of JSON input'],
  ['{"keys":[', 'unexpected end of JSON input'],
  ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
  ['{"a" 1}', "invalid character '1' after object key"],
  ['[1 2]', "invalid character '2' after array element"],
  ['{"a":1}x', "invalid character 'x' after top-level value"],
  ['"abc\u0001"', "invalid character '\\x01' in string literal"],
  ['"a\\x"', "invalid character 'x' in string escape code"],
  ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
  ['-a', "invalid character 'a' in numeric literal"],
  ['1.e5', "invalid character 'e' after decimal point in numeric literal"],
  // Go's eof() feeds a space to the scanner, so a truncated literal reports that space (scanner.go eof()).
  ['1e+', "invalid character ' ' in exponent of numeric literal"],
  ['1e+x', "invalid character 'x' in exponent of numeric literal"],
  ['tru', "invalid character ' ' in literal true (expecting 'e')"],
  ['trUe', "invalid character 'U' in literal true (expecting 'u')"],
  ['nul1', "invalid character '1' in literal null (expecting 'l')"],
  ['fals', "invalid character ' ' in literal false (expecting 'e')"],
  ['"abc', 'unexpected end of JSON input'],
  ["{'keys':[]}", "invalid character '\\'' looking for beginning of object key string"],
  ['{"a":}', "invalid character '}' looking for beginning of value"],
  ['[1,]', "invalid character ']' looking for beginning of value"],
  ['0123', "invalid character '1' after top-level value"],
  ['{"é":1,é}', "invalid character 'Ã' looking for beginning of object key string"],
  ['123', null],
  ['\t[ ]\r\n', null],
];

for (const [input, want] of cases) {
  test(`Go JSON syntax: ${JSON.stringify(input)} → ${want ?? 'valid'}`, () => {
    assert.equal(goJsonSyntaxError(input), want);
    // Go and JSON.parse agree on validity; only the wording differs.
    let jsValid = true;
    try { JSON.parse(input); } catch { jsValid = false; }
    assert.equal(want === null, jsValid);
  });
}

test('quoteChar escapes like strconv.Quote', () => {
  assert.equal(quoteChar(0x0a), "'\\n'");
  assert.equal(quoteChar(0x7f), "'\\x7f'");
  assert.equal(quoteChar(0x85), "'\\u0085'");
  assert.equal(quoteChar(0xe9), "'é'");
});

test('Go unmarshal errors for a JWKS of the wrong shape', async () => {
  const { goJwksShapeError } = await import('./go-jwks-shape.ts');
  assert.equal(goJwksShapeError({ keys: [] }), null);
  assert.equal(goJwksShapeError({}), null);
  assert.equal(goJwksShapeError(null), null);
  assert.equal(goJwksShapeError({ keys: 5 }), 'json: cannot unmarshal number into Go struct field JSONWebKeySet.keys of type []jose.JSONWebKey');
  assert.equal(goJwksShapeError({ keys: {} }), 'json: cannot unmarshal object into Go struct field JSONWebKeySet.keys of type []jose.JSONWebKey');
  assert.equal(goJwksShapeError([]), 'json: cannot unmarshal array into Go value of type jose.JSONWebKeySet');
  assert.equal(goJwksShapeError('x'), 'json: cannot unmarshal string into Go value of type jose.JSONWebKeySet');
});
