// RouteTable admission rules: gloo-api.md §7 items 1, 3, 4, 5, 7, 10 and the weight rules of item 14.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateResource, type ValidationResult } from '@portico/api';

const dest = (weight?: number) => ({ ref: { name: 'svc' }, port: { number: 80 }, ...(weight !== undefined ? { weight } : {}) });

function rt(spec: Record<string, unknown>, name = 'rt'): unknown {
  return { apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name, namespace: 'ns' }, spec };
}

function issues(r: ValidationResult): { path: string; rule: string; message: string }[] {
  assert.equal(r.ok, false, 'expected a validation failure');
  return r.ok ? [] : r.issues;
}

const route = { name: 'r', forwardTo: { destinations: [dest()] } };

test('§7.1 virtualGateways without hosts is rejected with the CEL message', () => {
  const r = validateResource(rt({ virtualGateways: [{ name: 'gw' }], http: [route] }));
  assert.deepEqual(issues(r), [
    { path: 'spec.virtualGateways', rule: 'has(self.hosts) || !has(self.virtualGateways)', message: 'The virtualGateways field must be empty or unset for delegated RouteTables.' },
  ]);
  assert.equal(r.ok ? '' : r.code, 'API_INVALID');
});

test('§7.1 the same rule pattern for applyToDestinations and failureMode on delegated tables', () => {
  const r = validateResource(rt({ applyToDestinations: [{ selector: { name: 'x' } }], failureMode: 'FREEZE_CONFIG', http: [route] }));
  assert.deepEqual(issues(r).map((i) => i.message), [
    'The applyToDestinations field must be empty or unset for delegated RouteTables.',
    'The failureMode field must be empty or unset for delegated RouteTables.',
  ]);
});

test('§7.3 a table with no http/tcp/tls is rejected', () => {
  const r = validateResource(rt({ hosts: ['a.example.com'] }));
  assert.deepEqual(issues(r).map((i) => [i.path, i.message]), [['spec', 'At least one of http, tcp, or tls keys must be set.']]);
  assert.equal(issues(validateResource(rt({ hosts: ['a.example.com'], http: [] })))[0]!.message, 'At least one of http, tcp, or tls keys must be set.');
});

test('§7.4 forwardTo without destinations needs defaultDestination; defaultDestination needs a forwardTo route', () => {
  const noDest = validateResource(rt({ hosts: ['a.example.com'], http: [{ name: 'r', forwardTo: {} }] }));
  assert.deepEqual(issues(noDest).map((i) => [i.path, i.message]), [
    ['spec.defaultDestination', 'defaultDestination must be set when http forwardTo actions without destinations are specified.'],
  ]);
  const withDefault = validateResource(rt({ hosts: ['a.example.com'], defaultDestination: dest(), http: [{ name: 'r', forwardTo: {} }] }));
  assert.equal(withDefault.ok, true);
  const unused = validateResource(rt({ hosts: ['a.example.com'], defaultDestination: dest(), http: [{ name: 'r', directResponse: { status: 200 } }] }));
  assert.deepEqual(issues(unused).map((i) => i.message), ['defaultDestination can only be set for http routes with forwardTo actions.']);
});

test('§7.5 host syntax: left-most wildcard only, label length, numeric TLD, bare *', () => {
  for (const ok of ['*.foo.com', '*bar.foo.com', 'api.example.com', 'api.example.com.', 'a-b.c']) {
    assert.equal(validateResource(rt({ hosts: [ok], http: [route] })).ok, true, ok);
  }
  const bad = ['bar.*.com', 'bar*.foo.com', 'bar.foo.*', '*', `${'a'.repeat(64)}.com`, 'foo.123', 'foo_bar.com', '-a.com'];
  for (const host of bad) {
    const r = validateResource(rt({ hosts: [host], http: [route] }));
    const [first] = issues(r);
    assert.equal(first?.path, 'spec.hosts[0]', host);
    assert.equal(first?.rule, 'host syntax', host);
  }
});

test('§7.7 portalMetadata: apiProductId with a space; missing apiVersion is required', () => {
  const r = validateResource(rt({ http: [route], portalMetadata: { apiProductId: 'my product' } }));
  assert.deepEqual(issues(r), [
    { path: 'spec.portalMetadata.apiProductId', rule: "!self.contains(' ')", message: 'Must not contain spaces.' },
    { path: 'spec.portalMetadata.apiVersion', rule: 'required', message: 'Required' },
  ]);
  assert.deepEqual(issues(validateResource(rt({ http: [route], portalMetadata: { apiVersion: 'v1' } }))), [
    { path: 'spec.portalMetadata.apiProductId', rule: 'required', message: 'Required' },
  ]);
  assert.equal(validateResource(rt({ http: [route], portalMetadata: { apiProductId: 'tracks', apiVersion: 'v1' } })).ok, true);
});

test('§7.10 unknown fields are ignored with a warning naming the path; snake_case names are accepted', () => {
  const r = validateResource(
    rt({ hosts: ['a.example.com'], http: [{ name: 'r', colour: 'blue', forward_to: { path_rewrite: '/', destinations: [{ ref: { name: 's' }, port: { number: 80 } }] } }], portal_metadata: { api_product_id: 'p', api_version: 'v1', custom_metadata: { some_key: 'kept' } } }),
  );
  assert.ok(r.ok);
  const spec = r.resource.spec as { http: Record<string, unknown>[]; portalMetadata: Record<string, unknown> };
  assert.deepEqual(spec.http[0], { name: 'r', forwardTo: { pathRewrite: '/', destinations: [{ ref: { name: 's' }, port: { number: 80 } }] } });
  // user-data map keys are not renamed
  assert.deepEqual(spec.portalMetadata, { apiProductId: 'p', apiVersion: 'v1', customMetadata: { some_key: 'kept' } });
  assert.deepEqual(r.warnings, [{ path: 'spec.http[0].colour', message: 'unknown field "spec.http[0].colour" ignored' }]);
});

test('§7.14 weights: 50/25/unweighted ok; sum over 100 and 50/50/unweighted rejected', () => {
  const fwd = (...w: (number | undefined)[]) => rt({ hosts: ['a.example.com'], http: [{ name: 'r', forwardTo: { destinations: w.map(dest) } }] });
  assert.equal(validateResource(fwd(50, 25, undefined)).ok, true);
  assert.equal(validateResource(fwd(undefined, undefined)).ok, true);
  const over = issues(validateResource(fwd(60, 50)));
  assert.equal(over[0]!.path, 'spec.http[0].forwardTo.destinations');
  assert.equal(over[0]!.rule, 'destination weights');
  assert.match(over[0]!.message, /sum to 110; the sum must be at most 100/);
  assert.match(issues(validateResource(fwd(50, 50, undefined)))[0]!.message, /leaving 0 for 1 destination\(s\) without a weight/);
});

test('route action is a oneof: none or two actions are rejected', () => {
  const none = issues(validateResource(rt({ hosts: ['a.example.com'], http: [{ name: 'r' }] })));
  assert.equal(none[0]!.rule, 'oneof action_type');
  const two = issues(validateResource(rt({ hosts: ['a.example.com'], http: [{ name: 'r', directResponse: { status: 200 }, redirect: {} }] })));
  assert.match(two[0]!.message, /only one action may be set, found redirect and directResponse/);
});

test('route labels follow Kubernetes label syntax', () => {
  const r = issues(validateResource(rt({ hosts: ['a.example.com'], http: [{ name: 'r', labels: { 'bad key!': 'x' }, directResponse: { status: 200 } }] })));
  assert.equal(r[0]!.path, 'spec.http[0].labels.bad key!');
  assert.equal(validateResource(rt({ hosts: ['a.example.com'], http: [{ name: 'r', labels: { usagePlans: 'dev-portal', 'gateway.gloo.solo.io/require_auth': 'true' }, directResponse: { status: 200 } }] })).ok, true);
});
