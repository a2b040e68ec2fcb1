// What KubeStore sends for a derived resource: an ownerReference to its source (found by the derived-from
// annotation), so a cluster's garbage collector removes an AuthConfig with its ExtAuthPolicy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Resource } from '@portico/api';
import { DERIVED_FROM_ANNOTATION } from '@portico/control-plane';
import { DERIVED_FROM, ownerReferencesFor, toWire } from '../src/convert.ts';

const policy: Resource = {
  apiVersion: 'security.policy.gloo.solo.io/v2',
  kind: 'ExtAuthPolicy',
  metadata: { name: 'oidc', namespace: 'apps', uid: 'u-1', generation: 1, resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00.000Z', labels: {}, annotations: {} },
  spec: {},
};
const cache = new Map([['ExtAuthPolicy/apps/oidc', policy]]);
const derived = (from: string, namespace = 'apps') => ({ apiVersion: 'extauth.solo.io/v1', kind: 'AuthConfig', metadata: { name: 'oidc-ac', namespace, annotations: { [DERIVED_FROM]: from } }, spec: {} });

test("the annotation is the control plane's", () => assert.equal(DERIVED_FROM, DERIVED_FROM_ANNOTATION));

test('a derived resource is owned by its source; nothing else is', () => {
  const refs = ownerReferencesFor(derived('ExtAuthPolicy/apps/oidc'), (k) => cache.get(k));
  assert.deepEqual(refs, [{ apiVersion: 'security.policy.gloo.solo.io/v2', kind: 'ExtAuthPolicy', name: 'oidc', uid: 'u-1', controller: true, blockOwnerDeletion: false }]);
  assert.deepEqual((toWire(derived('ExtAuthPolicy/apps/oidc'), '3', refs).metadata as { ownerReferences: unknown }).ownerReferences, refs);
  assert.deepEqual(ownerReferencesFor(derived('ExtAuthPolicy/apps/missing'), (k) => cache.get(k)), [], 'a source not (yet) seen');
  assert.deepEqual(ownerReferencesFor(derived('ExtAuthPolicy/apps/oidc', 'other'), (k) => cache.get(k)), [], 'Kubernetes refuses cross-namespace owners');
  assert.equal('ownerReferences' in toWire({ ...policy, metadata: { name: 'x' } }).metadata!, false);
});
