// Shared setup for the ext-auth benches: the seed's AuthConfig (JWT access token with an inline key + the seed
// OPA policy) on a real PorticoAuthService, a signed token with scopes "tracks petstore", CheckRequests.
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { PorticoAuthService, silentLogger } from '@portico/ext-auth/service';
import type { CheckRequest } from '@portico/ext-auth/check';
import { jsonToStruct } from '../../packages/ext-auth/src/transport/grpc/convert.ts';

export const CONFIG_ID = 'gloo-mesh-addons.oauth-okta';
export const SEED_REGO = readFileSync(new URL('../../packages/ext-auth/test/__fixtures__/oauth-scope-apiproduct.rego', import.meta.url), 'utf8');

export async function seedSetup(): Promise<{ svc: PorticoAuthService; token: string; request(product: string, token?: string): CheckRequest }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', use: 'sig', alg: 'RS256' };
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ iss: 'http://localhost:9000', sub: 'alice', scope: 'tracks petstore', iat: now, exp: now + 3600 })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench', typ: 'at+jwt' })
    .sign(privateKey);
  const svc = new PorticoAuthService({ logger: silentLogger });
  svc.update(new Map([[CONFIG_ID, {
    configId: CONFIG_ID,
    state: 'ACCEPTED' as const,
    fingerprint: 'bench',
    spec: {
      configs: [
        { kind: 'accessTokenValidation' as const, name: 'config_0', config: { jwt: { localJwks: { inlineString: JSON.stringify({ keys: [jwk] }) } } } },
        { kind: 'opaAuth' as const, name: 'config_1', config: { modules: { 'policy.rego': SEED_REGO }, query: 'data.test.allow == true' } },
      ],
      booleanExpr: null,
      failOnRedirect: false,
    },
  }]]));
  const request = (product: string, t = token): CheckRequest => ({
    attributes: {
      source: { address: { socket_address: { address: '127.0.0.1', port_value: 50000 } } },
      destination: { address: { socket_address: { address: '127.0.0.1', port_value: 8080 } } },
      request: {
        time: { seconds: now, nanos: 0 },
        http: {
          id: 'r', method: 'GET', path: '/trackapi/tracks', host: 'api.example.com', scheme: 'http', query: '', fragment: '', size: -1, protocol: 'HTTP/1.1', body: '',
          headers: { ':authority': 'api.example.com', ':method': 'GET', ':path': '/trackapi/tracks', authorization: `Bearer ${t}`, 'user-agent': 'bench' },
        },
      },
      context_extensions: { config_id: CONFIG_ID },
      metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': { api_product_id: product, api_product_name: product, api_id: `${product}-v1`, custom_metadata: '{}' } } },
    },
  });
  return { svc, token, request };
}

/** A CheckRequest as it travels on the wire (proto-loader JSON, keepCase): the seed request for `product`. */
export function wireCheckRequest(token: string, product: string): unknown {
  return {
    attributes: {
      request: { http: { id: 'r', method: 'GET', path: '/trackapi/tracks', host: 'api.example.com', headers: { ':path': '/trackapi/tracks', authorization: `Bearer ${token}` } } },
      context_extensions: { config_id: CONFIG_ID },
      metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': jsonToStruct({ api_product_id: product }) } },
    },
  };
}

/** A gRPC length-prefixed message (uncompressed): what travels in an HTTP/2 DATA frame of a unary call. */
export function grpcFrame(message: Buffer): Buffer {
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  message.copy(frame, 5);
  return frame;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
