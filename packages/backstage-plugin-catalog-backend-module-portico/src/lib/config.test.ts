import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { ConfigReader } from '@backstage/config';
import { readPortalSyncConfig, DEFAULT_PORTAL_SERVER_URL } from './config.ts';

const seed = {
  portalServerUrl: 'http://portal.localhost:8080/v1/',
  clientId: 'backstage',
  clientSecret: 'backstage-secret',
  tokenEndpoint: 'http://localhost:9000/token',
  debugLogging: false,
  syncFrequency: { hours: 0, minutes: 1, seconds: 0, milliseconds: 0 },
  syncTimeout: { hours: 0, minutes: 0, seconds: 10, milliseconds: 0 },
};
const read = (backend: unknown) => readPortalSyncConfig(new ConfigReader({ glooPlatformPortal: { backend } } as never));

describe('readPortalSyncConfig', () => {
  it("reads the seed's app-config.local.yaml keys and drops one trailing slash", () => {
    const c = read(seed);
    assert.equal(c.portalServerUrl, 'http://portal.localhost:8080/v1');
    assert.equal(c.credentials?.clientId, 'backstage');
    assert.equal(c.credentials?.clientSecret.reveal(), 'backstage-secret');
    assert.equal(c.credentials?.tokenEndpoint, 'http://localhost:9000/token');
    assert.deepEqual(c.syncFrequency, { hours: 0, minutes: 1, seconds: 0, milliseconds: 0 });
    assert.deepEqual(c.syncTimeout, { hours: 0, minutes: 0, seconds: 10, milliseconds: 0 });
    assert.ok(Object.isFrozen(c));
  });

  it('defaults to 5 minutes / 30 seconds when the blocks are absent, empty or all zero', () => {
    for (const blocks of [{}, { syncFrequency: {}, syncTimeout: {} },
      { syncFrequency: { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 }, syncTimeout: { seconds: 0 } }]) {
      const c = read({ ...blocks });
      assert.deepEqual(c.syncFrequency, { minutes: 5 });
      assert.deepEqual(c.syncTimeout, { seconds: 30 });
    }
    assert.equal(read({}).portalServerUrl, DEFAULT_PORTAL_SERVER_URL);
    assert.equal(readPortalSyncConfig(new ConfigReader({})).debugLogging, false);
  });

  it('accepts partial blocks and Backstage duration strings', () => {
    assert.deepEqual(read({ syncFrequency: { seconds: 10 } }).syncFrequency, { seconds: 10 });
    assert.deepEqual(read({ syncTimeout: '45s' }).syncTimeout, { seconds: 45 });
  });

  it('reads the portal anonymously when no credential key is set', () => {
    assert.equal(read({ portalServerUrl: 'http://x/v1' }).credentials, null);
  });

  it('refuses half a set of credentials, naming the missing key', () => {
    assert.throws(() => read({ clientId: 'a', tokenEndpoint: 'http://idp/token' }),
      { code: 'CONFIG_INVALID', message: /glooPlatformPortal\.backend\.clientSecret must be set/ });
  });

  it('refuses bad values with a message naming the key', () => {
    assert.throws(() => read({ portalServerUrl: 'not a url' }), { code: 'CONFIG_INVALID', message: /portalServerUrl is not a URL/ });
    assert.throws(() => read({ portalServerUrl: 'ftp://x/v1' }), { message: /portalServerUrl must be an http\(s\) URL/ });
    assert.throws(() => read({ syncFrequency: { minutes: 1, fortnights: 2 } }), { code: 'CONFIG_INVALID', message: /syncFrequency is not a duration/ });
    assert.throws(() => read({ syncTimeout: { seconds: -5 } }), { message: /syncTimeout must not be negative/ });
    assert.throws(() => read({ debugLogging: 'yes please' }), { message: /debugLogging must be a boolean/ });
    assert.throws(() => read({ ...seed, tokenEndpoint: 'token' }), { message: /tokenEndpoint is not a URL/ });
  });

  it('never prints the client secret, however the config is logged', () => {
    const c = read(seed);
    for (const out of [JSON.stringify(c), inspect(c, { depth: 10 }), String(c.credentials?.clientSecret), `${c.credentials?.clientSecret}`]) {
      assert.ok(!out.includes('backstage-secret'), out);
    }
  });
});
