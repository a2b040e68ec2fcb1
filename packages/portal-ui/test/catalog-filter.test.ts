import assert from 'node:assert/strict';
import test from 'node:test';
import { applyFilter, emptyFilter, filterOptions } from '../src/pages/catalog-filter.ts';
import type { ApiProduct } from '../src/api/types.ts';

const products: ApiProduct[] = [
  {
    apiProductId: 'petstore',
    apiProductDisplayName: 'Pet Store',
    apiVersions: [
      { apiId: 'petstore-v1', apiVersion: 'v1', title: 'Petstore REST API', lifecycle: 'Supported', customMetadata: { team: 'pets' } },
      { apiId: 'petstore-v2', apiVersion: 'v2', description: 'Adopt a pet', lifecycle: 'Beta' },
    ],
  },
  {
    apiProductId: 'tracks',
    apiVersions: [{ apiId: 'tracks-v1', apiVersion: 'v1', description: 'Cat-stronomy courses', customMetadata: { team: 'learning' } }],
  },
];

test('no criteria keeps every product', () => {
  assert.deepEqual(applyFilter(products, emptyFilter).map((p) => p.apiProductId), ['petstore', 'tracks']);
});

test('text search matches names, descriptions and metadata values, case-insensitively', () => {
  assert.deepEqual(applyFilter(products, { ...emptyFilter, text: 'pet store' }).map((p) => p.apiProductId), ['petstore']);
  assert.deepEqual(applyFilter(products, { ...emptyFilter, text: 'CAT-STRONOMY' }).map((p) => p.apiProductId), ['tracks']);
  assert.deepEqual(applyFilter(products, { ...emptyFilter, text: 'learning' }).map((p) => p.apiProductId), ['tracks']);
  assert.deepEqual(applyFilter(products, { ...emptyFilter, text: 'nothing-like-this' }), []);
});

test('version, lifecycle and metadata must hold on the same version', () => {
  assert.deepEqual(applyFilter(products, { ...emptyFilter, version: 'v2' }).map((p) => p.apiProductId), ['petstore']);
  assert.deepEqual(applyFilter(products, { ...emptyFilter, version: 'v2', lifecycle: 'Supported' }), []);
  assert.deepEqual(applyFilter(products, { ...emptyFilter, metadata: 'team=learning' }).map((p) => p.apiProductId), ['tracks']);
  assert.deepEqual(applyFilter(products, { ...emptyFilter, metadata: 'team=pets', version: 'v2' }), []);
});

test('filter options list the distinct values, sorted', () => {
  assert.deepEqual(filterOptions(products), {
    versions: ['v1', 'v2'],
    lifecycles: ['Beta', 'Supported'],
    metadata: ['team=learning', 'team=pets'],
  });
});
