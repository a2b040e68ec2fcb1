// The /v1 REST API over real HTTP, configured by the real control plane from manifests and authenticated with
// real dev-IdP tokens — gloo-api.md §7 tests 60–66, backstage-portal.md §2.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { machineToken, userTokens } from './support/login.ts';
import { startPortalEnv, type PortalEnv } from './support/portal-env.ts';

let env: PortalEnv;
let developer: { idToken: string; accessToken: string };
let partner: { idToken: string; accessToken: string };
let backstage: string;
let tracksOnly: string;
const HOST = 'portal.test:8080';

before(async () => {
  env = await startPortalEnv(['portals.yaml']);
  [developer, partner, backstage, tracksOnly] = await Promise.all([
    userTokens(env.idp.issuer, 'developer@example.com'),
    userTokens(env.idp.issuer, 'partner@example.com'),
    machineToken(env.idp.url, 'backstage', 'backstage-secret'),
    machineToken(env.idp.url, 'tracks-only', 'tracks-secret', 'tracks'),
  ]);
});
after(() => env.close());

const ids = (products: { apiProductId: string; apiVersions: { apiId: string }[] }[]) =>
  products.flatMap((p) => p.apiVersions.map((v) => v.apiId)).sort();

describe('portal selection and visibility', () => {
  test('§7-60 no Portal for the Host → portal config not found', async () => {
    const r = await env.call('nowhere.test', '/v1/apis');
    assert.equal(r.status, 404);
    assert.equal(r.body.message, 'portal config not found for host: nowhere.test');
  });

  test('§7-61 /v1/apis groups versions by product from portalMetadata; conflicting tables and private APIs are left out', async () => {
    const r = await env.call(HOST, '/v1/apis');
    assert.equal(r.status, 200);
    assert.deepEqual(ids(r.body), ['tracks-v1', 'tracks-v2']);
    const tracks = r.body[0];
    assert.equal(tracks.apiProductId, 'tracks');
    assert.equal(tracks.apiProductDisplayName, 'Catstronauts Tracks');
    const v1 = tracks.apiVersions.find((v: { apiVersion: string }) => v.apiVersion === 'v1');
    assert.equal(v1.title, 'Tracks REST API', 'the older table wins the v1 conflict');
    assert.equal(v1.contact, 'support@example.com');
    assert.deepEqual(v1.customMetadata, { lifecyclePhase: 'General Availability' });
    assert.deepEqual(v1.usagePlans, ['bronze', 'gold']);
    // A private portal shows nothing to anonymous callers.
    const priv = await env.call('private.test', '/v1/apis');
    assert.deepEqual(priv.body, []);
  });

  test('§7-62 PortalGroup claims (AND within an entry, OR across) grant private APIs; `apis: [{}]` grants all', async () => {
    const dev = await env.call(HOST, '/v1/apis', { idToken: developer.idToken });
    assert.deepEqual(ids(dev.body), ['tracks-v1', 'tracks-v2']);
    const part = await env.call(HOST, '/v1/apis', { idToken: partner.idToken });
    assert.deepEqual(ids(part.body), ['petstore-v1', 'tracks-v1', 'tracks-v2']);
    const partPrivate = await env.call('private.test', '/v1/apis', { token: partner.accessToken });
    assert.deepEqual(ids(partPrivate.body), [], 'the access token has no email claim: the email-based group does not match');
    const bs = await env.call('private.test', '/v1/apis', { token: backstage });
    assert.deepEqual(ids(bs.body), ['petstore-v1', 'tracks-v1', 'tracks-v2'], 'client_id claim group');
    const scoped = await env.call('private.test', '/v1/apis', { token: tracksOnly });
    assert.deepEqual(ids(scoped.body), ['tracks-v1', 'tracks-v2'], 'a machine client sees what its scopes grant');
  });

  test('invalid tokens are refused with 401, never treated as anonymous', async () => {
    const forged = developer.idToken.slice(0, -4) + 'AAAA';
    const r = await env.call(HOST, '/v1/apis', { idToken: forged });
    assert.equal(r.status, 401);
    assert.match(r.body.message, /invalid ID token/);
    const bad = await env.call(HOST, '/v1/apis', { headers: { authorization: 'Basic x' } });
    assert.equal(bad.status, 401);
  });
});

describe('schemas and products', () => {
  test('/v1/apis/{id}/schema is stitched to the exposed routes with servers = the gateway host', async () => {
    const r = await env.call(HOST, '/v1/apis/tracks-v1/schema');
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body.paths).sort(), ['/trackapi/authors/{id}', '/trackapi/tracks', '/trackapi/tracks/{id}']);
    assert.deepEqual(r.body.servers, [{ url: 'http://api.test:8080' }]);
    const v2 = await env.call(HOST, '/v1/apis/tracks-v2/schema');
    assert.deepEqual(Object.keys(v2.body.paths).sort(), ['/trackapi/v2/authors/{id}', '/trackapi/v2/tracks', '/trackapi/v2/tracks/{id}']);
    assert.deepEqual(await env.call(HOST, '/v1/apis/nope/schema').then((x) => [x.status, x.body.message]), [404, 'API schema not found']);
    assert.equal((await env.call(HOST, '/v1/apis/petstore-v1/schema')).status, 404, 'private API hidden from anonymous callers');
    const missing = await env.call(HOST, '/v1/apis/petstore-v1/schema', { idToken: partner.idToken });
    assert.deepEqual([missing.status, missing.body.message], [500, 'Missing stitched schema for route table']);
  });

  test('GG flavour: /v1/api-products, /{id}, /{id}/versions with apiSpec embedded', async () => {
    const list = await env.call(HOST, '/v1/api-products');
    assert.deepEqual(list.body.map((p: { id: string; versionsCount: number }) => [p.id, p.versionsCount]), [['tracks', 2]]);
    assert.equal(list.body[0].apiKeyEnabled, false, 'no apiKeyAuth policy on these routes');
    const one = await env.call(HOST, '/v1/api-products/tracks');
    assert.equal(one.body.name, 'Catstronauts Tracks');
    const versions = await env.call(HOST, '/v1/api-products/tracks/versions');
    assert.deepEqual(versions.body.map((v: { id: string; name: string }) => [v.id, v.name]), [['tracks-v1', 'v1'], ['tracks-v2', 'v2']]);
    assert.equal(versions.body[0].apiSpec.openapi, '3.0.3');
    assert.equal((await env.call(HOST, '/v1/api-products/petstore')).status, 404);
  });

  test('§7-63 /v1/usage-plans: limits from the descriptor whose value is the plan name', async () => {
    const r = await env.call(HOST, '/v1/usage-plans');
    assert.deepEqual(
      r.body.map((p: { name: string; rateLimitPolicy: unknown; apiIds: string[] }) => [p.name, p.rateLimitPolicy, p.apiIds]),
      [['bronze', { unit: 'MINUTE', requestsPerUnit: 5 }, ['tracks-v1']], ['gold', { unit: 'HOUR', requestsPerUnit: 100 }, ['tracks-v1']]],
    );
    assert.equal(r.body[0].displayName, 'Bronze');
    assert.deepEqual((await env.call('private.test', '/v1/usage-plans')).body, [], 'private portal: only group-granted plans');
    assert.deepEqual((await env.call('private.test', '/v1/usage-plans', { idToken: partner.idToken })).body.map((p: { name: string }) => p.name), ['gold']);
  });

  test('§7-66 a second Portal with the same domain is INVALID; an unparseable ApiDoc is INVALID', async () => {
    await env.apply('clash.yaml');
    const stored = await env.cp.store.get('Portal', 'apis', 'clashing-portal');
    const state = (stored?.status as { common: { State: { approval: string; message: string } } }).common.State;
    assert.equal(state.approval, 'INVALID');
    assert.match(state.message, /domain portal\.test is already used by Portal apis\/public-portal/);
    assert.equal((await env.call('other.test', '/v1/apis')).status, 404, 'the invalid portal serves nothing');
    const doc = await env.cp.store.get('ApiDoc', 'apis', 'broken-doc');
    const docState = (doc?.status as { common: { State: { approval: string; message: string } } }).common.State;
    assert.equal(docState.approval, 'INVALID');
    assert.match(docState.message, /^openapi\.inlineString: Error unmarshalling openAPI spec/);
  });
});

describe('API keys', () => {
  test('§7-64 create: 401 anonymous, 403 machine, 400 bad input naming the field, 201 with the key once', async () => {
    assert.equal((await env.call(HOST, '/v1/api-keys', { method: 'POST', body: JSON.stringify({ usagePlan: 'bronze', apiKeyName: 'x' }) })).status, 401);
    const machine = await env.call(HOST, '/v1/api-keys', { method: 'POST', token: backstage, body: JSON.stringify({ usagePlan: 'bronze', apiKeyName: 'x' }) });
    assert.equal(machine.status, 403);
    const post = (body: unknown) => env.call(HOST, '/v1/api-keys', { method: 'POST', idToken: developer.idToken, body: JSON.stringify(body) });
    for (const [body, field] of [
      [{ usagePlan: 'bronze' }, 'apiKeyName'],
      [{ apiKeyName: 'k' }, 'usagePlan'],
      [{ usagePlan: 'bronze', apiKeyName: '' }, 'apiKeyName'],
      [{ usagePlan: 'bronze', apiKeyName: 'k', extra: 1 }, 'extra'],
      [{ usagePlan: 'platinum', apiKeyName: 'k' }, 'usagePlan'],
    ] as const) {
      const r = await post(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.field, field);
      assert.ok(r.body.message.startsWith(`${field}:`), r.body.message);
      assert.ok(!JSON.stringify(r.body).includes('at '), 'no stack trace');
    }
    const notJson = await env.call(HOST, '/v1/api-keys', { method: 'POST', idToken: developer.idToken, body: '{nope' });
    assert.deepEqual([notJson.status, notJson.body.field], [400, 'body']);
    const made = await post({ usagePlan: 'bronze', apiKeyName: 'ci key' });
    assert.equal(made.status, 201);
    assert.match(made.body.apiKey, /^pk_/);
    assert.deepEqual(made.body.metadata, { usagePlan: 'bronze', userId: 'developer@example.com' });
    // Stored so ext-auth validates it.
    const found = await env.keys.lookup(made.body.apiKey);
    assert.ok(found.ok && found.value?.id === made.body.id);
    assert.equal((await post({ usagePlan: 'bronze', apiKeyName: 'ci key' })).status, 409);
    const listed = await env.call(HOST, '/v1/api-keys?usagePlans=bronze', { idToken: developer.idToken });
    assert.deepEqual(listed.body.map((g: { usagePlan: string; apiKeys: { name: string; apiKey?: string }[] }) => [g.usagePlan, g.apiKeys.map((k) => [k.name, k.apiKey])]), [['bronze', [['ci key', undefined]]]]);
    const all = await env.call(HOST, '/v1/api-keys?usagePlans=bronze&usagePlans=gold', { idToken: developer.idToken });
    assert.deepEqual(all.body.map((g: { usagePlan: string }) => g.usagePlan), ['bronze', 'gold']);
    assert.equal((await env.call(HOST, '/v1/api-keys?usagePlans=nope', { idToken: developer.idToken })).body.field, 'usagePlans');
    // Keys are private to their owner.
    const other = await env.call(HOST, '/v1/api-keys', { idToken: partner.idToken });
    assert.deepEqual(other.body.flatMap((g: { apiKeys: unknown[] }) => g.apiKeys), []);
    // A plan the caller's groups do not grant on a private portal → 403.
    const denied = await env.call('private.test', '/v1/api-keys', { method: 'POST', idToken: developer.idToken, body: JSON.stringify({ usagePlan: 'gold', apiKeyName: 'k' }) });
    assert.equal(denied.status, 403);
    const granted = await env.call('private.test', '/v1/api-keys', { method: 'POST', idToken: partner.idToken, body: JSON.stringify({ usagePlan: 'gold', apiKeyName: 'k' }) });
    assert.equal(granted.status, 201);
  });

  test('§7-65 delete: 200, then the key is gone; unknown id 404; malformed id 400; other owners 404', async () => {
    const made = await env.call(HOST, '/v1/api-keys', { method: 'POST', idToken: developer.idToken, body: JSON.stringify({ usagePlan: 'gold', apiKeyName: 'temp' }) });
    assert.equal(made.status, 201);
    assert.equal((await env.call(HOST, `/v1/api-keys/${made.body.id}`, { method: 'DELETE', idToken: partner.idToken })).status, 404);
    const del = await env.call(HOST, `/v1/api-keys/${made.body.id}`, { method: 'DELETE', idToken: developer.idToken });
    assert.deepEqual([del.status, del.body], [200, { id: made.body.id }]);
    assert.deepEqual(await env.keys.lookup(made.body.apiKey), { ok: true, value: null });
    assert.equal((await env.call(HOST, `/v1/api-keys/${made.body.id}`, { method: 'DELETE', idToken: developer.idToken })).status, 404);
    const bad = await env.call(HOST, '/v1/api-keys/not-a-uuid', { method: 'DELETE', idToken: developer.idToken });
    assert.deepEqual([bad.status, bad.body.field], [400, 'id']);
  });
});

describe('identity and the OpenAPI document', () => {
  test('/v1/me and /v1/session', async () => {
    assert.equal((await env.call(HOST, '/v1/me')).status, 401);
    assert.deepEqual((await env.call(HOST, '/v1/session')).body, { authenticated: false });
    const me = await env.call(HOST, '/v1/me', { idToken: developer.idToken });
    assert.deepEqual(me.body, { name: 'Developer', email: 'developer@example.com', username: 'developer@example.com' });
    const s = await env.call(HOST, '/v1/session', { idToken: developer.idToken });
    assert.equal(s.body.user.email, 'developer@example.com');
    const login = await env.call(HOST, '/v1/login?return_to=/products/tracks');
    assert.deepEqual([login.status, login.headers.get('location')], [302, '/products/tracks']);
    assert.equal((await env.call(HOST, '/v1/login?return_to=https://evil.example')).status, 400);
  });

  test('/v1/openapi.json documents every operation, and real responses validate against it', async () => {
    const doc = (await env.call(HOST, '/v1/openapi.json')).body;
    assert.equal(doc.openapi, '3.0.3');
    for (const [path, method] of [['/v1/apis', 'get'], ['/v1/apis/{id}/schema', 'get'], ['/v1/api-keys', 'post'], ['/v1/api-keys/{id}', 'delete'], ['/v1/usage-plans', 'get'], ['/v1/api-products/{id}/versions', 'get'], ['/v1/me', 'get']]) {
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    }
    const ajv = new Ajv({ strict: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const check = (schema: object, data: unknown) => {
      const validate = ajv.compile(schema);
      assert.ok(validate(data), JSON.stringify(validate.errors));
    };
    check(doc.paths['/v1/apis'].get.responses['200'].content['application/json'].schema, (await env.call(HOST, '/v1/apis', { idToken: partner.idToken })).body);
    check(doc.paths['/v1/usage-plans'].get.responses['200'].content['application/json'].schema, (await env.call(HOST, '/v1/usage-plans')).body);
    check(doc.paths['/v1/api-keys'].get.responses['200'].content['application/json'].schema, (await env.call(HOST, '/v1/api-keys', { idToken: developer.idToken })).body);
  });

  test('unknown endpoints answer a JSON 404', async () => {
    const r = await env.call(HOST, '/v1/nothing');
    assert.deepEqual([r.status, r.body.message], [404, 'no such endpoint: GET /v1/nothing']);
  });
});
