// Real tokens from the development IdP for the portal tests: a user's tokens through the authorization-code +
// PKCE flow (its login form posted by a scripted browser), a machine token through client credentials.
import * as oidc from 'openid-client';
import type { IdpConfigInput } from '@portico/idp';
import { ScriptedBrowser } from '@portico/idp/testing';

export const WEB_REDIRECT = 'http://app.localhost/callback';

/** `client`: the confidential `web` client by default; `{ id: 'spa' }` is the public (PKCE-only) browser client. */
export async function userTokens(issuer: string, email: string, password = 'portico', client: { id: string; secret?: string } = { id: 'web', secret: 'web-secret' }): Promise<{ idToken: string; accessToken: string }> {
  const auth = client.secret === undefined ? oidc.None() : undefined;
  const config = await oidc.discovery(new URL(issuer), client.id, client.secret, auth, { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: WEB_REDIRECT, scope: 'openid profile email', state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  const browser = new ScriptedBrowser();
  const atRedirect = (u: URL) => u.href.startsWith(WEB_REDIRECT);
  const page = await browser.follow(url, { stopAt: atRedirect });
  if (!page.response) throw new Error('expected the IdP login page');
  const done = await browser.submitLogin({ html: await page.response.text(), url: page.url }, email, password, atRedirect);
  const tokens = await oidc.authorizationCodeGrant(config, done.url, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { idToken: tokens.id_token!, accessToken: tokens.access_token };
}

export async function machineToken(url: string, id: string, secret: string, scope?: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope) body.set('scope', scope);
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    body,
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
  });
  const json = (await res.json()) as { access_token?: string };
  if (!json.access_token) throw new Error(`client_credentials failed: ${JSON.stringify(json)}`);
  return json.access_token;
}

/** Lets tests create clients by dynamic registration (the teams-and-apps portal's OAuth credentials). */
export const TEST_REGISTRATION_TOKEN = 'test-initial-access-token';

export const idpTestConfig: IdpConfigInput = {
  audience: 'http://gateway.test',
  registration: { initialAccessToken: TEST_REGISTRATION_TOKEN },
  scopes: ['petstore', 'tracks'],
  clients: [
    { clientId: 'backstage', clientSecret: 'backstage-secret', grantTypes: ['client_credentials'], scopes: ['*'] },
    { clientId: 'tracks-only', clientSecret: 'tracks-secret', grantTypes: ['client_credentials'], scopes: ['tracks'] },
    { clientId: 'web', clientSecret: 'web-secret', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [WEB_REDIRECT], scopes: ['*'] },
    { clientId: 'spa', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [WEB_REDIRECT], scopes: ['*'] },
  ],
  users: [
    { email: 'developer@example.com', name: 'Developer', password: 'portico' },
    { email: 'partner@example.com', name: 'Partner', password: 'portico' },
    { email: 'admin@example.com', name: 'Portal Admin', password: 'portico', claims: { group: 'admin' } },
  ],
};
