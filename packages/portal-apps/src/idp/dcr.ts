// IdP connector over OAuth 2.0 Dynamic Client Registration (RFC 7591) and its management protocol (RFC 7592),
// which the development IdP (oidc-provider) speaks: POST <registration endpoint> with the initial access token
// creates a confidential client-credentials client; DELETE <registration_client_uri> with the client's
// registration access token removes it. That token is kept sealed (AES-256-GCM, `sealKey`) in the credential's
// handle. A Keycloak or Okta connector implements IdpConnector against their admin APIs instead (docs/portal.md).
import type { CreatedIdpClient, IdpConnector } from './connector.ts';
import { seal, unseal } from './seal.ts';

export interface DcrConnectorOptions {
  /** e.g. http://localhost:9000/reg (the discovery document's registration_endpoint). */
  registrationEndpoint: string;
  initialAccessToken: string;
  /** 32 bytes; seals the registration access tokens stored with the credentials. */
  sealKey: Buffer;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface Handle {
  uri: string;
  token: string;
}

export function createDcrConnector(opts: DcrConnectorOptions): IdpConnector {
  if (opts.sealKey.length !== 32) throw new TypeError('sealKey: must be 32 bytes');
  const f = opts.fetch ?? fetch;
  const timeout = opts.timeoutMs ?? 5000;
  const problem = async (res: Response) => {
    const text = await res.text().catch(() => '');
    try {
      const j = JSON.parse(text) as { error?: string; error_description?: string };
      return `${res.status} ${j.error ?? ''}${j.error_description ? `: ${j.error_description}` : ''}`.trim();
    } catch {
      return `${res.status} ${text.slice(0, 200)}`.trim();
    }
  };
  return {
    async createClient(name): Promise<CreatedIdpClient> {
      const res = await f(opts.registrationEndpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.initialAccessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          client_name: name,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
        signal: AbortSignal.timeout(timeout),
      });
      if (res.status !== 201) throw new Error(`registration answered ${await problem(res)}`);
      const body = (await res.json()) as { client_id?: string; client_secret?: string; client_name?: string; registration_access_token?: string; registration_client_uri?: string };
      if (!body.client_id || !body.client_secret || !body.registration_access_token || !body.registration_client_uri) {
        throw new Error('registration answer lacks client_id, client_secret, registration_access_token or registration_client_uri');
      }
      const handle: Handle = { uri: body.registration_client_uri, token: body.registration_access_token };
      return { clientId: body.client_id, clientSecret: body.client_secret, clientName: body.client_name ?? name, handle: seal(opts.sealKey, JSON.stringify(handle)) };
    },
    async deleteClient(clientId, sealed) {
      const h = JSON.parse(unseal(opts.sealKey, sealed)) as Handle;
      const res = await f(h.uri, { method: 'DELETE', headers: { authorization: `Bearer ${h.token}` }, signal: AbortSignal.timeout(timeout) });
      // 401: the IdP no longer knows the client (or its token) — it is gone either way.
      if (res.status !== 204 && res.status !== 401 && res.status !== 404) throw new Error(`deleting client ${clientId} answered ${await problem(res)}`);
    },
  };
}
