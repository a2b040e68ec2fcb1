// The kinds registry, per-kind rules outside RouteTable, Secret handling and CRD generation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crds, KINDS, resolveKind, validateResource } from '@portico/api';

test('short names, plurals and kind names resolve like kubectl', () => {
  const cases: [string, string][] = [
    ['rt', 'RouteTable'], ['routetable', 'RouteTable'], ['routetables', 'RouteTable'], ['RouteTable', 'RouteTable'],
    ['routetables.networking.gloo.solo.io', 'RouteTable'], ['extauthpolicy', 'ExtAuthPolicy'], ['eap', 'ExtAuthPolicy'],
    ['extauthserver', 'ExtAuthServer'], ['authconfig', 'AuthConfig'], ['ac', 'AuthConfig'], ['ratelimitpolicy', 'RateLimitPolicy'],
    ['rlp', 'RateLimitPolicy'], ['portal', 'Portal'], ['portalgroup', 'PortalGroup'], ['apidoc', 'ApiDoc'], ['cm', 'ConfigMap'],
    ['configmap', 'ConfigMap'], ['secret', 'Secret'], ['externalservice', 'ExternalService'], ['svc', 'Service'],
    ['ratelimitserverconfig', 'RateLimitServerConfig'], ['ratelimitserversettings', 'RateLimitServerSettings'], ['ratelimitclientconfig', 'RateLimitClientConfig'],
  ];
  for (const [name, kind] of cases) assert.equal(resolveKind(name)?.kind, kind, name);
  assert.equal(resolveKind('widgets'), undefined);
  const aliases = KINDS.flatMap((k) => [k.plural, ...k.shortNames]);
  assert.equal(new Set(aliases).size, aliases.length, 'aliases are unique');
});

test('AuthConfig is read-only for users', () => {
  const r = validateResource({ apiVersion: 'extauth.solo.io/v1', kind: 'AuthConfig', metadata: { name: 'a' }, spec: { configs: [{ jwt: {} }] } });
  assert.equal(r.ok ? '' : r.code, 'API_READ_ONLY');
  assert.equal(validateResource({ apiVersion: 'extauth.solo.io/v1', kind: 'AuthConfig', metadata: { name: 'a' }, spec: { configs: [{ jwt: {} }] } }, { allowReadOnly: true }).ok, true);
});

test('ExtAuthPolicy: disable is unsupported; glooAuth configs need at least one entry', () => {
  const eap = (config: unknown) => validateResource({ apiVersion: 'security.policy.gloo.solo.io/v2', kind: 'ExtAuthPolicy', metadata: { name: 'p' }, spec: { config } });
  const d = eap({ disable: true });
  assert.deepEqual(d.ok ? [] : d.issues.map((i) => [i.path, i.message]), [['spec.config.disable', 'The disable field is currently unsupported']]);
  const empty = eap({ glooAuth: { configs: [] } });
  assert.deepEqual(empty.ok ? [] : empty.issues.map((i) => i.path), ['spec.config.glooAuth.configs']);
  const two = eap({ glooAuth: { configs: [{ jwt: {}, opaAuth: { query: 'data.x' } }] } });
  assert.match(two.ok ? '' : two.message, /only one auth config type may be set per entry, found opaAuth and jwt/);
});

test('Secret stringData is folded into base64 data; data must be base64', () => {
  const r = validateResource({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { 'client-secret': 'hunter2' } });
  assert.ok(r.ok);
  assert.deepEqual(r.resource.data, { 'client-secret': Buffer.from('hunter2').toString('base64') });
  assert.equal(r.resource.type, 'Opaque');
  const bad = validateResource({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'not base64!' } });
  assert.deepEqual(bad.ok ? [] : bad.issues.map((i) => i.path), ['data.k']);
});

test('ExternalService needs a port and an address source', () => {
  const r = validateResource({ apiVersion: 'networking.gloo.solo.io/v2', kind: 'ExternalService', metadata: { name: 'e' }, spec: { ports: [{ number: 80 }] } });
  assert.match(r.ok ? '' : r.message, /one of hosts, addresses or selector must be set/);
});

test('CRDs are generated from the same schemas, with the CEL rules as x-kubernetes-validations', () => {
  const all = crds() as any[];
  const rt = all.find((c) => c.spec.names.kind === 'RouteTable');
  assert.equal(rt.metadata.name, 'routetables.networking.gloo.solo.io');
  assert.deepEqual(rt.spec.names.shortNames, ['rt']);
  const spec = rt.spec.versions[0].schema.openAPIV3Schema.properties.spec;
  assert.equal(spec.properties.hosts.type, 'array');
  assert.ok(spec['x-kubernetes-validations'].some((v: any) => v.message === 'At least one of http, tcp, or tls keys must be set.'));
  const text = JSON.stringify(all);
  assert.ok(!text.includes('"$ref"') && !text.includes('"additionalProperties":false'), 'structural schema');
  assert.ok(all.every((c) => c.spec.group !== ''), 'no CRDs for core v1 kinds');
});
