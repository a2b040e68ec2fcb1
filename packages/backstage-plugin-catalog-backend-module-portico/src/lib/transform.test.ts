import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiEntityV1alpha1Validator, entitySchemaValidator, groupEntityV1alpha1Validator, systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator, type Entity,
} from '@backstage/catalog-model';
import type { PortalApiVersion, PortalReadResult } from './read.ts';
import { transformPortal } from './transform.ts';
import { openapi } from './__fixtures__/portal-replay.ts';

const BASE = 'http://portal.test/v1';

function version(over: Partial<PortalApiVersion> = {}): PortalApiVersion {
  return {
    apiProductId: 'petstore', apiProductDisplayName: 'Pet Store', apiProductDescription: 'Pets for everyone',
    apiVersion: 'v1', apiId: 'petstore-v1', title: 'Petstore REST API', description: 'All things pets',
    termsOfService: 'https://example.com/terms', contact: 'support@example.com', license: 'MIT', lifecycle: '',
    customMetadata: {}, usagePlans: ['gold'], schema: openapi('petstore-v1.openapi.json'),
    sourceUrl: `${BASE}/apis/petstore-v1/schema`, ...over,
  };
}

const read = (versions: PortalApiVersion[]): PortalReadResult => ({ flavour: 'apis', listUrl: `${BASE}/apis`, versions });

async function validate(entity: Entity): Promise<void> {
  const validators = { API: apiEntityV1alpha1Validator, Group: groupEntityV1alpha1Validator,
    User: userEntityV1alpha1Validator, System: systemEntityV1alpha1Validator } as const;
  entitySchemaValidator()(entity);
  assert.equal(await validators[entity.kind as keyof typeof validators].check(entity), true, entity.kind);
}

describe('transformPortal', () => {
  it('emits the fixed Group, User (profile under spec.profile) and System that pass the catalog validators', async () => {
    const { fixed } = await transformPortal(read([]), BASE);
    assert.deepEqual(fixed.map((e) => `${e.kind}:${e.metadata.name}`),
      ['Group:solo-io-service-accounts', 'User:gloo-platform-portal-service-account', 'System:gloo-platform-portal-apis']);
    assert.deepEqual(fixed[1]!.spec, { profile: { displayName: 'Solo.io Service Account' }, memberOf: ['solo-io-service-accounts'] });
    for (const e of fixed) {
      await validate(e);
      assert.equal(e.metadata.annotations?.['backstage.io/managed-by-location'], `url:${BASE}`);
      assert.equal(e.metadata.annotations?.['backstage.io/managed-by-origin-location'], `url:${BASE}`);
    }
  });

  it('builds one valid API entity per version, named <apiProductId>-<apiVersion>', async () => {
    const { apis, problems } = await transformPortal(read([version(), version({ apiProductId: 'tracks', apiId: 'x', lifecycle: 'Deprecated', title: '' })]), BASE);
    assert.deepEqual(problems, []);
    assert.deepEqual(apis.map((a) => a.entity.metadata.name), ['petstore-v1', 'tracks-v1']);
    const e = apis[0]!.entity;
    await validate(e);
    assert.equal(e.metadata.title, 'Petstore REST API');
    assert.equal(e.metadata.description, 'All things pets');
    assert.deepEqual(e.metadata.tags, ['gloo-platform', 'api-version:v1', 'api-product:petstore']);
    assert.deepEqual(e.metadata.links, [{ url: 'mailto:support@example.com', title: 'Contact' },
      { url: 'https://example.com/terms', title: 'Terms of service' }]);
    assert.equal(e.metadata.annotations?.['backstage.io/managed-by-location'], `url:${BASE}/apis/petstore-v1/schema`);
    assert.equal(e.metadata.annotations?.['backstage.io/managed-by-origin-location'], `url:${BASE}/apis`);
    assert.deepEqual({ ...e.spec, definition: undefined }, { type: 'openapi', lifecycle: 'production',
      owner: 'user:gloo-platform-portal-service-account', system: 'gloo-platform-portal-apis', definition: undefined });
    assert.equal(apis[1]!.entity.spec?.lifecycle, 'Deprecated', 'lifecycle from portalMetadata');
    assert.equal(apis[1]!.entity.metadata.title, 'Pet Store v1', 'falls back to product display name + version');
  });

  it('puts the OpenAPI document in spec.definition as a string with $refs resolved', async () => {
    const { apis } = await transformPortal(read([version()]), BASE);
    const definition = apis[0]!.entity.spec?.definition as string;
    assert.equal(typeof definition, 'string');
    assert.ok(!definition.includes('$ref'), definition);
    const doc = JSON.parse(definition);
    assert.equal(doc.paths['/api/pets/{id}'].get.parameters[0].name, 'id');
    assert.equal(doc.paths['/api/pets'].get.responses['200'].content['application/json'].schema.items.properties.tag.type, 'string');
  });

  it('passes a string (e.g. YAML) schema through unchanged instead of double-encoding it', async () => {
    const yaml = 'openapi: 3.0.3\ninfo: {title: T, version: v1}\npaths: {}\n';
    const { apis } = await transformPortal(read([version({ schema: yaml })]), BASE);
    assert.equal(apis[0]!.entity.spec?.definition, yaml);
  });

  it('catalogs a version without a schema with a placeholder definition and reports VERSION_NO_SCHEMA', async () => {
    const { apis, problems } = await transformPortal(read([version({ schema: undefined })]), BASE);
    assert.equal(apis.length, 1);
    await validate(apis[0]!.entity);
    assert.deepEqual(problems.map((p) => p.code), ['VERSION_NO_SCHEMA']);
    assert.match(problems[0]!.message, /petstore-v1.*no OpenAPI schema/);
    assert.deepEqual(JSON.parse(apis[0]!.entity.spec?.definition as string).paths, {});
  });

  it('keeps a document whose $refs cannot be resolved, reporting VERSION_BAD_SCHEMA', async () => {
    const { apis, problems } = await transformPortal(read([version({ schema: { openapi: '3.0.0', paths: { '/x': { $ref: '#/missing' } } } })]), BASE);
    assert.equal(apis.length, 1);
    assert.deepEqual(problems.map((p) => p.code), ['VERSION_BAD_SCHEMA']);
    assert.match(apis[0]!.entity.spec?.definition as string, /#\/missing/);
  });

  it('sanitises names that break Backstage rules, skips unusable and duplicate ones, and says so', async () => {
    const { apis, problems } = await transformPortal(read([
      version({ apiProductId: 'Pet Store', apiVersion: 'v1 (beta)' }),
      version({ apiProductId: '!!!', apiVersion: '' }),
      version({ apiProductId: 'pet-store', apiVersion: 'v1-beta' }),
    ]), BASE);
    assert.deepEqual(apis.map((a) => a.entity.metadata.name), ['pet-store-v1-beta']);
    await validate(apis[0]!.entity);
    assert.deepEqual(problems.map((p) => p.code), ['VERSION_BAD_NAME', 'VERSION_BAD_NAME', 'VERSION_DUPLICATE_NAME']);
    assert.match(problems[0]!.message, /"Pet Store-v1 \(beta\)" breaks Backstage's entity name rules.*"pet-store-v1-beta"/);
    assert.match(problems[1]!.message, /"!!!" has no characters usable/);
  });
});
