// Redis going away and coming back (issue 5 "Bad input"): key management answers 503 with a clear message,
// apiKeyAuth fails closed, rate limiting fails open (unless denyOnFail: then 500, as Envoy's failure_mode_deny),
// and everything resumes by itself when Redis is back — gloo-api.md §7 test 59 through the gateway.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDemo } from '@portico/demo';
import { startIdp } from '@portico/idp';
import { startPrivateRedis } from '@portico/redis/testing';
import { http } from './support/http.ts';
import { idpTestConfig, userTokens } from './support/login.ts';
import { startStack } from './support/stack.ts';

test('Redis down: 503 for key management, auth fails closed, rate limits fail open (or 500 with denyOnFail); resumes by itself', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-outage-'));
  const redis = await startPrivateRedis();
  const idp = await startIdp({ port: 0, stateDir: dir, config: idpTestConfig, persistGrants: false });
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const stack = await startStack({ stateDir: join(dir, 'state'), redisUrl: redis.url, portalAuth: { issuer: idp.issuer, idTokenAudiences: ['web'] } });
  try {
    const fixture = async (f: string, deny = false) =>
      (await readFile(new URL(`./__fixtures__/${f}`, import.meta.url), 'utf8'))
        .replaceAll('{{TRACKS_PORT}}', String(demo.tracks.port)).replaceAll('{{PLANS}}', 'plans').replaceAll('{{DENY}}', String(deny));
    await stack.apply(await fixture('keys-stack.yaml'));
    await stack.apply(await fixture('open-route.yaml'));
    const gw = stack.gatewayPort;
    const { idToken } = await userTokens(idp.issuer, 'developer@example.com');
    const createKey = (name: string) =>
      http(gw, 'portal.test', '/v1/api-keys', { method: 'POST', headers: { id_token: idToken }, body: JSON.stringify({ usagePlan: 'bronze', apiKeyName: name }) });
    const tracks = (key: string) => http(gw, 'api.test', '/trackapi/tracks', { headers: { 'api-key': key } });

    const made = await createKey('before');
    assert.equal(made.status, 201);
    assert.equal((await tracks(made.json().apiKey)).status, 200);

    await redis.stop();
    const refused = await createKey('during');
    assert.equal(refused.status, 503);
    assert.equal(refused.json().message, 'API key storage is unavailable right now; try again shortly');
    assert.equal((await http(gw, 'portal.test', '/v1/api-keys', { headers: { id_token: idToken } })).status, 503);
    assert.equal((await tracks(made.json().apiKey)).status, 403, 'apiKeyAuth fails closed');
    assert.equal((await http(gw, 'open.test', '/tracks')).status, 200, 'rate limiting fails open by default');
    await stack.apply(await fixture('open-route.yaml', true));
    assert.equal((await http(gw, 'open.test', '/tracks')).status, 500, 'denyOnFail: true denies');

    await redis.start();
    let again = await createKey('after');
    for (let i = 0; i < 50 && again.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await createKey('after');
    }
    assert.equal(again.status, 201, 'key management resumed by itself');
    assert.equal((await tracks(again.json().apiKey)).status, 200);
    // The counter store has its own connection, which reconnects on its own schedule: a bounded poll.
    let open = await http(gw, 'open.test', '/tracks');
    for (let i = 0; i < 100 && open.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      open = await http(gw, 'open.test', '/tracks');
    }
    assert.equal(open.status, 200, 'the rate limiter resumed too');
  } finally {
    await stack.close();
    await demo.close();
    await idp.close();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
