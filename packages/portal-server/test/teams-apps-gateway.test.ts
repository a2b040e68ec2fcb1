// Enforcement at the gateway (portal-teams-apps.md §4) through the real stack — control plane, gateway, ext-auth
// with portalAuth, rate-limit service, portal server — on a PostgreSQL database of its own and the dev IdP:
// pending → 403, approved → 200 with metadata headers, the subscription's 3/min limit → 429 on the 4th call,
// rejected → 403, deleted key → 401. portalAuth answers from an in-memory view that follows PostgreSQL's change
// notifications, so each change must show at the gateway within 1 s (bounded waits, never sleeps).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { startIdp, type RunningIdp } from '@portico/idp';
import { createDcrConnector } from '@portico/portal-apps';
import { postgresDatabase, type TestDatabase } from '../../portal-apps/test/support/databases.ts';
import { until } from '@portico/testing';
import { http, type HttpResult } from './support/http.ts';
import { idpTestConfig, machineToken, TEST_REGISTRATION_TOKEN, userTokens } from './support/login.ts';
import { startStack, type Stack } from './support/stack.ts';

let dir: string;
let pgdb: TestDatabase;
let idp: RunningIdp;
let echo: Server;
let stack: Stack;
let dev: string;
let admin: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-apps-gw-'));
  pgdb = await postgresDatabase();
  idp = await startIdp({ port: 0, stateDir: dir, config: idpTestConfig, persistGrants: false });
  echo = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url, headers: req.headers }));
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  stack = await startStack({
    stateDir: dir, redisUrl: null, portalAuth: { issuer: idp.issuer, idTokenAudiences: ['web'] }, portalDb: pgdb.url,
    portalIdp: createDcrConnector({ registrationEndpoint: `${idp.url}/reg`, initialAccessToken: TEST_REGISTRATION_TOKEN, sealKey: randomBytes(32) }),
  });
  const manifests = readFileSync(new URL('./__fixtures__/teams-apps-stack.yaml', import.meta.url), 'utf8')
    .replaceAll('{{ECHO_PORT}}', String((echo.address() as { port: number }).port))
    .replaceAll('{{ISSUER}}', idp.issuer)
    .replaceAll('{{RLS}}', `apps-${randomUUID().slice(0, 8)}`);
  await stack.apply(manifests);
  [dev, admin] = (await Promise.all(['developer@example.com', 'admin@example.com'].map((e) => userTokens(idp.issuer, e)))).map((t) => t.idToken);
});
after(async () => {
  await stack?.close();
  echo?.close();
  await idp?.close();
  await pgdb?.drop();
  await rm(dir, { recursive: true, force: true });
});

const portal = async (method: string, path: string, idToken: string, body?: unknown) => {
  const r = await http(stack.portalPort, 'portal.test', path, {
    method,
    headers: { id_token: idToken, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(r.status < 300, `${method} ${path} → ${r.status} ${r.text}`);
  return r.text ? r.json() : null;
};
const api = (headers: Record<string, string>) => http(stack.gatewayPort, 'api.test', '/trackapi/tracks', { headers });
/** The gateway's first answer that satisfies `ok`: a change committed by the portal server shows within 1 s. */
const apiWithin1s = (headers: Record<string, string>, what: string, ok: (r: HttpResult) => boolean) =>
  until(async () => {
    const r = await api(headers);
    return ok(r) ? r : undefined;
  }, what, 1000, 10);
/** Waits until portalAuth's view has the subscription's limit (calls through the gateway would count against it). */
const viewHasLimit = (credential: { apiKey: string } | { clientId: string }, requests: string) =>
  until(async () => {
    const r = await stack.portalView!.lookup(credential, 'tracks');
    return r.ok && r.value?.rateLimit?.requestsPerUnit === requests ? true : undefined;
  }, `the view has the ${requests}/min limit`, 1000, 10);

test('an app key opens the product only while its subscription is approved; limits and metadata apply', async () => {
  await portal('PUT', '/v1/me', dev);
  await portal('PUT', '/v1/me', admin);
  const team = await portal('POST', '/v1/teams', dev, { name: 'gw-team' });
  const app = await portal('POST', `/v1/teams/${team.id}/apps`, dev, { name: 'gw-app' });
  const { apiKey, id: keyId } = await portal('POST', `/v1/apps/${app.id}/api-keys`, dev, { apiKeyName: 'k1' });

  const none = await apiWithin1s({ 'api-key': apiKey }, 'the new key is known', (r) => r.status !== 401);
  assert.equal(none.status, 403);
  assert.deepEqual(none.json(), { message: 'app gw-app is not subscribed to API product tracks', code: 'AUTH_PORTAL_NOT_SUBSCRIBED' });
  const sub = await portal('POST', `/v1/apps/${app.id}/subscriptions`, dev, { apiProductId: 'tracks' });
  const pending = await apiWithin1s({ 'api-key': apiKey }, 'pending', (r) => /pending/.test(r.text));
  assert.equal(pending.status, 403);
  assert.equal(pending.json().message, 'the subscription of app gw-app to API product tracks is pending approval');
  assert.equal((await api({})).status, 401);
  assert.equal((await api({ 'api-key': 'pk_not-a-key' })).status, 401);

  await portal('POST', `/v1/subscriptions/${sub.id}/approve`, admin);
  const ok = await apiWithin1s({ 'api-key': apiKey }, 'approved', (r) => r.status === 200);
  assert.equal(ok.json().headers['x-app-id'], app.id);
  assert.equal(ok.json().headers['x-team'], 'gw-team');
  assert.equal(ok.json().headers['x-tier'], undefined);

  await portal('POST', `/v1/apps/${app.id}/metadata`, admin, { appId: app.id, customMetadata: { tier: 'gold' }, rateLimit: { requestsPerUnit: '100', unit: 'MINUTE' } });
  await portal('POST', `/v1/subscriptions/${sub.id}/metadata`, admin, { subscription: sub, rateLimit: { requestsPerUnit: '3', unit: 'MINUTE' } });
  await viewHasLimit({ apiKey }, '3');
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await api({ 'api-key': apiKey })).status);
  assert.deepEqual(statuses, [200, 200, 200, 429], 'the subscription limit (3/min) overrides the app limit (100/min)');
  assert.equal((await api({ 'api-key': apiKey })).headers['x-envoy-ratelimited'], 'true');

  await portal('POST', `/v1/subscriptions/${sub.id}/reject`, admin);
  const rejected = await apiWithin1s({ 'api-key': apiKey }, 'a rejection applies within 1 s', (r) => r.status === 403);
  assert.equal(rejected.json().message, 'the subscription of app gw-app to API product tracks was rejected');

  await portal('POST', `/v1/subscriptions/${sub.id}/approve`, admin);
  await apiWithin1s({ 'api-key': apiKey }, 're-approved, and still over this minute\'s limit', (r) => r.status === 429);
  await portal('DELETE', `/v1/api-keys/${keyId}`, dev);
  await apiWithin1s({ 'api-key': apiKey }, 'a deleted key is refused within 1 s', (r) => r.status === 401);
});

test("an app's OAuth client (created by dynamic registration) gets tokens that open only approved subscriptions", async () => {
  const team = await portal('POST', '/v1/teams', dev, { name: 'oauth-team' });
  const app = await portal('POST', `/v1/teams/${team.id}/apps`, dev, { name: 'oauth-app' });
  const cred = await portal('POST', `/v1/apps/${app.id}/oauth-credentials`, dev);
  assert.ok(cred.idpClientId && cred.idpClientSecret, 'the secret is shown on creation');
  const again = await http(stack.portalPort, 'portal.test', `/v1/apps/${app.id}/oauth-credentials`, { method: 'POST', headers: { id_token: dev, 'content-type': 'application/json' } });
  assert.equal(again.status, 409);
  const shown = await portal('GET', `/v1/apps/${app.id}/oauth-credentials`, dev);
  assert.deepEqual([shown.id, shown.idpClientId, shown.idpClientSecret], [cred.id, cred.idpClientId, undefined]);

  const token = await machineToken(idp.url, cred.idpClientId, cred.idpClientSecret);
  const bearer = { authorization: `Bearer ${token}` };
  await apiWithin1s(bearer, 'the new client is known, not subscribed', (r) => r.status === 403 && /not subscribed/.test(r.text));
  const sub = await portal('POST', `/v1/apps/${app.id}/subscriptions`, dev, { apiProductId: 'tracks' });
  await apiWithin1s(bearer, 'pending', (r) => r.json().message === 'the subscription of app oauth-app to API product tracks is pending approval');
  await portal('POST', `/v1/subscriptions/${sub.id}/approve`, admin);
  const ok = await apiWithin1s(bearer, 'approved', (r) => r.status === 200);
  assert.equal(ok.json().headers['x-app-id'], app.id);
  await portal('POST', `/v1/subscriptions/${sub.id}/metadata`, admin, { rateLimit: { requestsPerUnit: '3', unit: 'MINUTE' } });
  await viewHasLimit({ clientId: cred.idpClientId }, '3');
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await api(bearer)).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  await portal('POST', `/v1/subscriptions/${sub.id}/reject`, admin);
  await apiWithin1s(bearer, 'rejected within 1 s', (r) => r.status === 403);

  await portal('DELETE', `/v1/oauth-credentials/${cred.id}`, dev);
  await apiWithin1s(bearer, 'the token of a deleted credential opens nothing within 1 s', (r) => r.status === 401);
  await assert.rejects(machineToken(idp.url, cred.idpClientId, cred.idpClientSecret), /invalid_client/, 'the IdP client is gone too');
});
