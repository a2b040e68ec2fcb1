// API keys kept in Secrets (issue 12 item 1, gloo-api-more.md §12): an ExtAuthPolicy with
// k8sSecretApikeyStorage.labelSelector / apiKeySecretRefs accepts the `api-key` of the selected
// extauth.solo.io/apikey Secrets, uses their other entries as metadata (headersFromMetadataEntry, `required`),
// follows Secret changes and deletions as soon as the snapshot is published, and works side by side with the
// portal's own keys on another route. ext-auth only ever holds hashes of the keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { startEcho } from '../../../gateway/test/support/echo-upstream.ts';
import { send, startPolicyStack, upstreamAndRoutes } from '../support/policy-stack.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

const secret = (name: string, key: string, extra: Record<string, string>, type = 'extauth.solo.io/apikey', labels: Record<string, string> = { 'api-keyset': 'tracks' }) => `---
apiVersion: v1
kind: Secret
metadata: { name: ${name}, namespace: keys, labels: ${JSON.stringify(labels)} }
type: ${type}
data:
  api-key: ${b64(key)}
${Object.entries(extra).map(([k, v]) => `  ${k}: ${b64(v)}`).join('\n')}
`;

test('apiKeyAuth with Secret storage: key → 200 with metadata headers, required metadata, revoke on delete, portal keys side by side', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-keys-'));
  const portalKeys = createSqliteApiKeyStore({ path: join(dir, 'keys.db') });
  t.after(async () => {
    await portalKeys.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const echo = await startEcho('echo');
  t.after(() => echo.close());
  const s = await startPolicyStack(t, { apiKeys: portalKeys });
  await s.apply(
    upstreamAndRoutes(echo.port, [
      { name: 'tracks', prefix: '/tracks', labels: { keys: 'secrets' } },
      { name: 'refs', prefix: '/refs', labels: { keys: 'refs' } },
      { name: 'portal', prefix: '/portal', labels: { keys: 'portal' } },
    ]) +
      secret('user1', 'N2YwMDIxZTEtNGUzNS1jNzgzLTRkYjAtYjE2YzRkZGVmNjcy', { 'user-id': 'user1', 'user-email': 'user1@example.com', plan: 'gold' }) +
      secret('no-plan', 'key-without-plan-0123456789', { 'user-id': 'user2' }) +
      secret('opaque', 'opaque-secret-key-0123456789', { plan: 'gold' }, 'Opaque') +
      `---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: tracks-apikey, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { keys: secrets } } }]
  config:
    glooAuth:
      configs:
        - apiKeyAuth:
            headerName: api-key
            headersFromMetadataEntry:
              X-Solo-Plan: { name: plan, required: true }
              X-User-Email: { name: user-email }
            k8sSecretApikeyStorage:
              labelSelector: { api-keyset: tracks }
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: refs-apikey, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { keys: refs } } }]
  config:
    glooAuth:
      configs:
        - apiKeyAuth:
            k8sSecretApikeyStorage:
              apiKeySecretRefs: [{ name: no-plan, namespace: keys }, { name: missing, namespace: keys }]
---
apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: { name: portal-apikey, namespace: ns }
spec:
  applyToRoutes: [{ route: { labels: { keys: portal } } }]
  config:
    glooAuth:
      configs:
        - apiKeyAuth:
            headersFromMetadataEntry: { X-Solo-Plan: { name: usagePlan, required: true } }
`,
  );
  const port = s.gateway.port;
  const key1 = 'N2YwMDIxZTEtNGUzNS1jNzgzLTRkYjAtYjE2YzRkZGVmNjcy';

  const ok = await send(port, '/tracks', { headers: { 'api-key': key1 } });
  assert.equal(ok.status, 200, ok.body);
  const seen = JSON.parse(ok.body).headers as Record<string, string>;
  assert.equal(seen['x-solo-plan'], 'gold');
  assert.equal(seen['x-user-email'], 'user1@example.com');
  assert.equal(seen['x-user-id'], 'user1');

  const missing = await send(port, '/tracks');
  assert.equal(missing.status, 401);
  assert.equal(missing.headers['www-authenticate'], 'API key is missing or invalid');
  assert.equal((await send(port, '/tracks', { headers: { 'api-key': 'key-without-plan-0123456789' } })).status, 401, 'required metadata plan is absent');
  assert.equal((await send(port, '/tracks', { headers: { 'api-key': 'opaque-secret-key-0123456789' } })).status, 401, 'label-selected Secrets must be of the apikey type');
  assert.equal((await send(port, '/refs', { headers: { 'api-key': 'key-without-plan-0123456789' } })).status, 200, 'apiKeySecretRefs name Secrets directly');

  // The portal's own keys keep working on their route, and are not accepted where Secrets are the storage.
  const created = await portalKeys.create({ name: 'k', owner: 'dev@example.com', usagePlan: 'bronze' });
  assert.ok(created.ok);
  const portalKey = created.value.apiKey;
  const viaPortal = await send(port, '/portal', { headers: { 'api-key': portalKey } });
  assert.equal(viaPortal.status, 200);
  assert.equal(JSON.parse(viaPortal.body).headers['x-solo-plan'], 'bronze');
  assert.equal((await send(port, '/tracks', { headers: { 'api-key': portalKey } })).status, 401);
  assert.equal((await send(port, '/portal', { headers: { 'api-key': key1 } })).status, 401);

  // ext-auth holds hashes only: the key appears nowhere in what the control plane published.
  assert.ok(!JSON.stringify([...s.cp.current()!.authConfigs.values()]).includes(key1));

  const refs = (await s.status('ExtAuthPolicy', 'ns', 'refs-apikey')) as { common: { State: { approval: string; message: string } } };
  assert.equal(refs.common.State.approval, 'WARNING');
  assert.match(refs.common.State.message, /Secret keys\/missing not found/);

  // A changed key is followed as soon as the new snapshot is served; a deleted Secret revokes its key.
  await s.apply(secret('user1', 'rotated-key-0123456789abcdef', { plan: 'silver' }));
  assert.equal((await send(port, '/tracks', { headers: { 'api-key': key1 } })).status, 401);
  const rotated = await send(port, '/tracks', { headers: { 'api-key': 'rotated-key-0123456789abcdef' } });
  assert.equal(rotated.status, 200);
  assert.equal(JSON.parse(rotated.body).headers['x-solo-plan'], 'silver');
  const t0 = performance.now();
  await s.remove('Secret', 'keys', 'user1');
  assert.equal((await send(port, '/tracks', { headers: { 'api-key': 'rotated-key-0123456789abcdef' } })).status, 401);
  // Reported, not asserted (no timing assertions): store delete → translation → snapshot → 401 served.
  t.diagnostic(`Secret deleted → key refused after ${(performance.now() - t0).toFixed(0)} ms`);
});
