// Shared setup for the IdP tests: a config with one machine client, one restricted machine client, one web client
// and one user, and a temporary state directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdpConfigInput } from '@portico/idp';

export const WEB_REDIRECT = 'http://app.localhost/callback';
export const WEB_AFTER_LOGOUT = 'http://app.localhost/bye';

export const testConfig: IdpConfigInput = {
  audience: 'http://gateway.test',
  scopes: ['petstore', 'tracks'],
  clients: [
    { clientId: 'machine', clientSecret: 'machine-secret', grantTypes: ['client_credentials'], scopes: ['*'] },
    { clientId: 'tracks-only', clientSecret: 'tracks-secret', grantTypes: ['client_credentials'], scopes: ['tracks'] },
    { clientId: 'opaque', clientSecret: 'opaque-secret', grantTypes: ['client_credentials'], scopes: ['*'], accessTokenFormat: 'opaque' },
    {
      clientId: 'web', clientSecret: 'web-secret', grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [WEB_REDIRECT], postLogoutRedirectUris: [WEB_AFTER_LOGOUT], scopes: ['*'],
    },
  ],
  users: [{ email: 'developer@example.com', name: 'Developer', password: 'portico' }],
};

export async function tempStateDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-idp-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function clientCredentials(url: string, id: string, secret: string, scope?: string): Promise<{
  status: number; body: Record<string, unknown> }> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope !== undefined) body.set('scope', scope);
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    body,
    headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
