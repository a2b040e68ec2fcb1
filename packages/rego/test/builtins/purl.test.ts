// purl.* as OPA answers them (packageurl-go's FromString, quirks included).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, fail } from './call.ts';

test('purl.parse splits type, namespace, name, version, qualifiers and subpath, decoding escapes', () => {
  assert.deepEqual(call('purl.parse', 'pkg:npm/%40angular/animation@12.3.1'), { type: 'npm', namespace: '@angular', name: 'animation', version: '12.3.1' });
  assert.deepEqual(call('purl.parse', 'pkg:maven/org.apache.commons/io@1.3.4?repository_url=repo.spring.io%2Frelease&empty=#/a/b/'), {
    type: 'maven',
    namespace: 'org.apache.commons',
    name: 'io',
    version: '1.3.4',
    qualifiers: { repository_url: 'repo.spring.io/release' },
    subpath: 'a/b',
  });
  // only the optional parts that are present appear
  assert.deepEqual(call('purl.parse', 'pkg://generic/openssl'), { type: 'generic', name: 'openssl' });
});

test('type-specific adjustments: lower-cased github names (and the version still attached), pypi dashes', () => {
  assert.deepEqual(call('purl.parse', 'pkg:GitHub/Package-URL/purl-spec@244FD47E#everybody/loves/dogs'), {
    type: 'github',
    namespace: 'package-url',
    name: 'purl-spec',
    version: '244fd47e',
    subpath: 'everybody/loves/dogs',
  });
  assert.deepEqual(call('purl.parse', 'pkg:pypi/Django_Package@1.11.1'), { type: 'pypi', name: 'django-package', version: '1.11.1' });
  // packageurl-go drops the dots of subpath segments
  assert.equal((call('purl.parse', 'pkg:npm/a@1#lib/index.js') as { subpath: string }).subpath, 'lib/indexjs');
});

test('invalid purls: purl.is_valid is false, purl.parse fails with OPA text', () => {
  const cases: [string, string][] = [
    ['npm/foo', 'scheme is missing'],
    ['pkg:npm', 'type is missing'],
    ['pkg:npm/', 'name is required'],
    ['pkg:swift/Alamofire', 'namespace is required'],
    ['pkg:cran/A3', 'version is required'],
    ['pkg:conan/org/lib@1', 'channel qualifier does not exist'],
    ['pkg:npm/a?1x=y', "invalid qualifier key: '1x'"],
    ['pkg:npm/a@%zz', 'failed to unescape purl version: invalid URL escape "%zz"'],
  ];
  for (const [s, why] of cases) {
    assert.equal(call('purl.is_valid', s), false, s);
    assert.equal(fail('purl.parse', s).message, `purl.parse: invalid PURL ${JSON.stringify(s)}: ${why}`);
  }
  assert.equal(call('purl.is_valid', 'pkg:npm/left-pad@1.3.0'), true);
  assert.equal(call('purl.is_valid', 42), false);
  assert.equal(fail('purl.parse', 42).message, 'purl.parse: operand 1 must be string but got number');
});
