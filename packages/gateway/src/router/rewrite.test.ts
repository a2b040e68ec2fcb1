import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForwardActionConfig } from '../config/types.ts';
import { compilePathRewrite, envoySubstitutionToRe2js } from './rewrite.ts';

const action = (a: Partial<ForwardActionConfig>): ForwardActionConfig => ({
  type: 'forward',
  destinations: [],
  pathRewrite: null,
  regexRewrite: null,
  hostRewrite: null,
  autoHostRewrite: false,
  timeoutMs: null,
  ...a,
});

describe('path rewrites', () => {
  it('prefix: only the matched prefix is replaced; exact: the whole path; regex matcher: unchanged', () => {
    const rw = compilePathRewrite(action({ pathRewrite: '/' }))!;
    assert.equal(rw('/trackapi/v1/tracks', { type: 'prefix', value: '/trackapi/v1/', ignoreCase: false }), '/tracks');
    assert.equal(rw('/old', { type: 'exact', value: '/old', ignoreCase: false }), '/');
    assert.equal(rw('/x/1', { type: 'regex', value: '/x/.*', ignoreCase: false }), '/x/1');
    assert.equal(compilePathRewrite(action({ pathRewrite: '' }))!('/p', { type: 'prefix', value: '/p', ignoreCase: false }), '/');
  });

  it('regexRewrite replaces every match with \\N groups; a literal $ stays literal', () => {
    const rw = compilePathRewrite(action({ regexRewrite: { pattern: '/v([0-9]+)/', substitution: '/version-\\1/$' } }))!;
    assert.equal(rw('/v1/a/v2/b', null), '/version-1/$a/version-2/$b');
    assert.equal(envoySubstitutionToRe2js('a\\1b\\\\c$'), 'a$1b\\c$$');
  });

  it('no rewrite configured → null (the path is forwarded as is)', () => {
    assert.equal(compilePathRewrite(action({})), null);
  });
});
