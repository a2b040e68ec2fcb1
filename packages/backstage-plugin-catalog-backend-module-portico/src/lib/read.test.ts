import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { readPortal, type ReadPortalOptions } from './read.ts';
import { openapi, startPortalReplay, type PortalReplay } from './__fixtures__/portal-replay.ts';

async function tokenFor(p: PortalReplay): Promise<string> {
  const res = await fetch(p.tokenEndpoint, { method: 'POST', body: new URLSearchParams({
    grant_type: 'client_credentials', client_id: 'backstage', client_secret: 'backstage-secret' }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('readPortal, /apis flavour (recorded grouped responses)', () => {
  let portal: PortalReplay;
  let opts: ReadPortalOptions;
  before(async () => {
    portal = await startPortalReplay();
    opts = { portalServerUrl: portal.portalServerUrl, token: await tokenFor(portal) };
  });
  beforeEach(() => {
    portal.requests.length = 0;
    portal.overrides.clear();
  });
  after(() => portal.close());

  it('reads every version with its schema: one list request plus one schema request per version', async () => {
    const r = await readPortal(opts);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.flavour, 'apis');
    assert.deepEqual(r.value.versions.map((v) => `${v.apiProductId}-${v.apiVersion}`), ['petstore-v1', 'tracks-v1']);
    const petstore = r.value.versions[0]!;
    assert.equal(petstore.title, 'Petstore REST API');
    assert.equal(petstore.apiProductDisplayName, 'Pet Store');
    assert.equal(petstore.lifecycle, 'Supported');
    assert.deepEqual(petstore.usagePlans, ['bronze', 'silver', 'gold']);
    assert.equal((petstore.schema as { info: { title: string } }).info.title, 'Petstore');
    assert.equal(r.value.versions[1]!.lifecycle, 'Deprecated', 'from customMetadata.lifecycle');
    assert.deepEqual(portal.requests.map((q) => q.path), ['/v1/apis', '/v1/apis/petstore-v1/schema', '/v1/apis/tracks-v1/schema']);
    assert.ok(portal.requests.every((q) => q.authorization === `Bearer ${opts.token}`));
  });

  it('treats a 404 schema as "no schema", not as a failure', async () => {
    portal.schemas.delete('tracks-v1');
    try {
      const r = await readPortal(opts);
      assert.ok(r.ok);
      assert.equal(r.value.versions[1]!.schema, undefined);
    } finally {
      portal.schemas.set('tracks-v1', openapi('tracks-v1.openapi.json'));
    }
  });

  for (const [name, override, code] of [
    ['401 on the list', { status: 401, body: '{"message":"token expired"}' }, 'PORTAL_UNAUTHORIZED'],
    ['403 on the list', { status: 403, body: '{}' }, 'PORTAL_UNAUTHORIZED'],
    ['503 on the list', { status: 503, body: 'upstream connect error' }, 'PORTAL_HTTP_ERROR'],
    ['malformed JSON on the list', { status: 200, body: '[{"apiProductId": "petstore", ' }, 'PORTAL_BAD_JSON'],
  ] as const) {
    it(`fails the whole read on ${name} (${code})`, async () => {
      portal.overrides.set('/v1/apis', override);
      const r = await readPortal(opts);
      assert.ok(!r.ok && r.code === code, JSON.stringify(r));
      assert.ok(!r.ok && r.message.includes(`${portal.portalServerUrl}/apis`));
    });
  }

  it('fails the whole read when a later request (a schema) fails', async () => {
    portal.overrides.set('/v1/apis/tracks-v1/schema', { status: 503, body: '{"message":"no healthy upstream"}' });
    const r = await readPortal(opts);
    assert.ok(!r.ok && r.code === 'PORTAL_HTTP_ERROR' && /no healthy upstream/.test(r.message));
  });

  it('reads the contract\'s 500 "Missing stitched schema" as a version without a schema', async () => {
    portal.overrides.set('/v1/apis/tracks-v1/schema', { status: 500, body: '{"message":"Missing stitched schema for route table"}' });
    const r = await readPortal(opts);
    assert.ok(r.ok && r.value.versions[1]!.schema === undefined);
  });

  it('fails with PORTAL_UNREACHABLE when nothing listens', async () => {
    const r = await readPortal({ ...opts, portalServerUrl: 'http://127.0.0.1:1/v1' });
    assert.ok(!r.ok && r.code === 'PORTAL_UNREACHABLE' && /127\.0\.0\.1:1/.test(r.message));
  });

  it('reads the flat /apis list of the published GMG spec', async () => {
    portal.overrides.set('/v1/apis', { status: 200, body: JSON.stringify([{ apiId: 'petstore-v1', apiProductId: 'petstore', apiVersion: 'v1', title: 'P' }]) });
    const r = await readPortal(opts);
    assert.ok(r.ok);
    assert.equal(r.value.versions.length, 1);
    assert.ok(r.value.versions[0]!.schema);
  });
});

describe('readPortal, /api-products flavour', () => {
  let portal: PortalReplay;
  let opts: ReadPortalOptions;
  before(async () => {
    portal = await startPortalReplay({ flavour: 'api-products' });
    opts = { portalServerUrl: portal.portalServerUrl, token: await tokenFor(portal) };
  });
  after(() => portal.close());

  it('probes /apis, falls back to /api-products and reads each product’s versions with embedded specs', async () => {
    portal.requests.length = 0;
    const r = await readPortal(opts);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.flavour, 'api-products');
    assert.deepEqual(portal.requests.map((q) => q.path),
      ['/v1/apis', '/v1/api-products', '/v1/api-products/petstore/versions', '/v1/api-products/tracks/versions']);
    assert.deepEqual(r.value.versions.map((v) => [v.apiProductId, v.apiVersion, v.lifecycle]),
      [['petstore', 'v1', 'experimental'], ['tracks', 'v1', '']]);
    assert.equal(r.value.versions[1]!.customMetadata.team, 'catstronauts');
    assert.ok((r.value.versions[0]!.schema as { paths: object }).paths);
  });

  it('skips the probe once the flavour is known', async () => {
    portal.requests.length = 0;
    const r = await readPortal({ ...opts, knownFlavour: 'api-products' });
    assert.ok(r.ok);
    assert.equal(portal.requests[0]!.path, '/v1/api-products');
  });

  it('says which endpoints it tried when neither lists APIs', async () => {
    portal.overrides.set('/v1/api-products', { status: 404, body: '{"message":"No API Products found"}' });
    const r = await readPortal(opts);
    portal.overrides.clear();
    assert.ok(!r.ok && r.code === 'PORTAL_NO_API_LIST' && /HTTP 404/.test(r.message));
  });
});
