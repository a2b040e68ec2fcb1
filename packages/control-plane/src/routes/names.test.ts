import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveRouteName, tableRouteNames } from './names.ts';

describe('route names', () => {
  it('trims insecure-, renames duplicates, names unnamed routes by index', () => {
    assert.deepEqual(tableRouteNames([{ name: 'a' }, { name: 'insecure-a' }, {}, { name: 'a' }]), ['a', 'duplicate-a-1', 'unnamed-2', 'duplicate-a-2']);
  });

  it('chains the tables from the route up to the root', () => {
    assert.equal(
      effectiveRouteName('unnamed-0', [{ name: 'productpage-api-v1', namespace: 'bookinfo-frontends' }, { name: 'main', namespace: 'istio-gateways' }]),
      'unnamed-0-productpage-api-v1.bookinfo-frontends.cluster1--main.istio-gateways.cluster1',
    );
  });
});
