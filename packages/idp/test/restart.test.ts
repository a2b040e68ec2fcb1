// Stop/start keeps the signing key (tokens issued before a restart verify after it) and, through the sqlite adapter,
// refresh tokens. A damaged key file is reported, never silently replaced.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { keyFilePath, startIdp, type RunningIdp } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';
import { clientCredentials, tempStateDir, testConfig, WEB_REDIRECT } from './fixtures.ts';

describe('idp restart', () => {
  let state: Awaited<ReturnType<typeof tempStateDir>>;
  let idp: RunningIdp | undefined;
  before(async () => {
    state = await tempStateDir();
  });
  after(async () => {
    await idp?.close();
    await state.remove();
  });

  it('keeps signing keys and refresh tokens across stop/start', async () => {
    idp = await startIdp({ port: 0, stateDir: state.dir, config: testConfig });
    const port = Number(new URL(idp.url).port);
    const issuer = idp.issuer;
    const cc = await clientCredentials(idp.url, 'machine', 'machine-secret', 'petstore');
    assert.equal(cc.status, 200);
    const keyFile = JSON.parse(await readFile(keyFilePath(state.dir), 'utf8')) as { signing: { kid: string }[] };

    const config = await oidc.discovery(new URL(issuer), 'web', 'web-secret', undefined, { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const browser = new ScriptedBrowser();
    const atRedirect = (u: URL) => u.href.startsWith(WEB_REDIRECT);
    const page = await browser.follow(oidc.buildAuthorizationUrl(config, {
      redirect_uri: WEB_REDIRECT, scope: 'openid offline_access', prompt: 'consent', state: 'st',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }), { stopAt: atRedirect });
    const done = await browser.submitLogin({ html: await page.response!.text(), url: page.url },
      'developer@example.com', 'portico', atRedirect);
    const tokens = await oidc.authorizationCodeGrant(config, done.url, { pkceCodeVerifier: verifier, expectedState: 'st' });
    assert.ok(tokens.refresh_token);

    await idp.close();
    idp = await startIdp({ port, stateDir: state.dir, config: testConfig });
    assert.equal(idp.issuer, issuer);

    const jwks = createRemoteJWKSet(new URL(`${idp.url}/jwks`));
    const { protectedHeader } = await jwtVerify(cc.body.access_token as string, jwks, { issuer, typ: 'at+jwt' });
    assert.equal(protectedHeader.kid, keyFile.signing[0]?.kid);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
    assert.ok(refreshed.access_token, 'a refresh token issued before the restart still works');
  });

  it('reports a damaged key file instead of replacing it', async () => {
    await idp?.close();
    idp = undefined;
    const damaged = await tempStateDir();
    try {
      const first = await startIdp({ port: 0, stateDir: damaged.dir, config: testConfig });
      await first.close();
      await writeFile(keyFilePath(damaged.dir), '{"signing": [');
      await assert.rejects(startIdp({ port: 0, stateDir: damaged.dir, config: testConfig }),
        (err: { code?: string }) => err.code === 'IDP_KEYS_INVALID');
      assert.equal(await readFile(keyFilePath(damaged.dir), 'utf8'), '{"signing": [');
    } finally {
      await damaged.remove();
    }
  });
});
