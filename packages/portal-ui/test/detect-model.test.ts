// The portal-model detection of portal-teams-apps.md §3, on the answers each kind of server gives.
import assert from 'node:assert/strict';
import test from 'node:test';
import { detectPortalModel, type GetJson } from '../src/model/detect.ts';

/** A server answering each path with a value, or failing (`Error`) for paths it does not serve. */
function server(answers: Record<string, unknown>): { get: GetJson; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: async (path) => {
      asked.push(path);
      const a = answers[path];
      if (a === undefined || a instanceof Error) throw a ?? new Error(`404 ${path}`);
      return a;
    },
  };
}

test('a usage-plans portal: /v1/apis with apiVersions decides, /v1/api-products is never asked', async () => {
  const s = server({ '/apis': [{ apiProductId: 'tracks', apiVersions: [] }], '/api-products': [{ id: 'tracks' }] });
  assert.equal(await detectPortalModel(s.get), 'usage-plans');
  assert.deepEqual(s.asked, ['/apis']);
});

test('a teams-and-apps portal: /v1/apis fails, /v1/api-products lists items with id', async () => {
  const s = server({ '/api-products': [{ id: 'tracks', name: 'Tracks' }] });
  assert.equal(await detectPortalModel(s.get), 'teams-and-apps');
  assert.deepEqual(s.asked, ['/apis', '/api-products']);
});

test('an empty /v1/apis ends the search: unknown', async () => {
  const s = server({ '/apis': [], '/api-products': [{ id: 'tracks' }] });
  assert.equal(await detectPortalModel(s.get), 'unknown');
  assert.deepEqual(s.asked, ['/apis']);
});

test('a non-array or unrecognised /v1/apis falls through to /v1/api-products', async () => {
  assert.equal(await detectPortalModel(server({ '/apis': { message: 'x' }, '/api-products': [{ id: 'p' }] }).get), 'teams-and-apps');
  assert.equal(await detectPortalModel(server({ '/apis': [{ name: 'x' }], '/api-products': [{ id: 'p' }] }).get), 'teams-and-apps');
  assert.equal(await detectPortalModel(server({ '/apis': [{ name: 'x' }], '/api-products': [{ name: 'p' }] }).get), 'usage-plans');
});

test('no products anywhere, or both failing: unknown', async () => {
  assert.equal(await detectPortalModel(server({ '/api-products': [] }).get), 'unknown');
  assert.equal(await detectPortalModel(server({}).get), 'unknown');
  assert.equal(await detectPortalModel(server({ '/api-products': { items: [] } }).get), 'unknown');
});
