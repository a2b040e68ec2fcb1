// The seed "Use OIDC for multiple API products", Step 3 and Step 4, end to end on Portico: the quickstart's
// manifests (examples/quickstart, only the IdP URL and the demo ports changed to this test's ephemeral ones)
// through the real control plane, the dev IdP (oidc-provider), the gateway and ext-auth — then the same
// decisions through the gRPC Check API and through nginx auth_request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { applyDocuments, attachDataPlanes, startControlPlane } from '@portico/control-plane';
import { startDemo } from '@portico/demo';
import { createGateway } from '@portico/gateway';
import { startIdp } from '@portico/idp';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { createAuthLogger } from '../src/observability/log.ts';
import { startGrpcExtAuthServer } from '../src/transport/grpc/server.ts';
import { authorizationService } from '../src/transport/grpc/protos.ts';
import { jsonToStruct } from '../src/transport/grpc/convert.ts';
import { startHttpExtAuthServer } from '../src/transport/http/server.ts';
import { makeIssuer, noneToken, tamper } from './helpers/tokens.ts';
import { skipReason } from '@portico/testing';
import { NGINX_BIN, startNginx } from './helpers/nginx.ts';

const QS = new URL('../../../examples/quickstart/', import.meta.url);
const CONFIG_ID = 'gloo-mesh-addons.oauth-okta';
const silent = { info() {}, warn() {}, error() {} };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: 'api.example.com', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('seed Step 4 replayed: gateway, gRPC Check and nginx give the seed 403/200; a malformed inline JWKS is REJECTED', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-seed-'));
  const closers: (() => Promise<unknown> | void)[] = [];
  t.after(async () => {
    for (const c of closers.reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });
  let logs = '';
  const logSink = new Writable({ write(chunk, _enc, cb) { logs += chunk; cb(); } });
  let clockOffsetMs = 0;

  const cp = await startControlPlane({ stateDir: join(dir, 'state'), admin: { host: '127.0.0.1', port: 0 }, debounceMs: 5 });
  closers.push(() => cp.close());
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  closers.push(() => demo.close());
  const idp = await startIdp({ port: 0, stateDir: join(dir, 'idp'), config: new URL('idp.yaml', QS).pathname });
  closers.push(() => idp.close());
  const discovery = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as { jwks_uri: string; token_endpoint: string; issuer: string };

  const auth = new PorticoAuthService({ logger: createAuthLogger(logSink), now: () => Date.now() + clockOffsetMs });
  closers.push(() => auth.close());
  const gateway = await createGateway({ listen: { host: '127.0.0.1', port: 0 }, authService: auth, logger: silent });
  closers.push(() => gateway.close());
  const unsubscribe = attachDataPlanes(cp, { auth, gateway, after: (snap) => {
    const ids = snap.gateway.virtualHosts.flatMap((v) => v.routes.map((r) => r.filterMetadata['io.solo.gloo.apimanagement']?.api_product_id)).filter((x): x is string => typeof x === 'string');
    idp.setScopes(ids);
  } });
  closers.push(() => unsubscribe());

  // Step 3: apply the quickstart as written; only the IdP's JWKS URL and the demo ports are this test's.
  const files = ['01-upstreams.yaml', '02-route-tables.yaml', '03-extauth-oidc.yaml'];
  const documents = files.map((f) => ({
    file: f,
    content: readFileSync(new URL(f, QS), 'utf8')
      .replaceAll('http://localhost:9000/jwks', discovery.jwks_uri)
      .replaceAll('8081', String(demo.petstore.port))
      .replaceAll('8082', String(demo.tracks.port)),
  }));
  const applied = await applyDocuments(cp.store, { documents });
  assert.deepEqual(applied.filter((r) => !r.ok), []);
  await cp.reconciler.waitFor();

  // Step 3.4: the policy and the derived AuthConfig are ACCEPTED.
  const policy = await cp.store.get('ExtAuthPolicy', 'gloo-mesh-addons', 'oauth-okta');
  assert.equal((policy?.status as any)?.common?.State?.approval, 'ACCEPTED');
  assert.equal((policy?.status as any)?.numSelectedRoutes, 4);
  const authConfig = await cp.store.get('AuthConfig', 'gloo-mesh-addons', 'oauth-okta');
  assert.equal((authConfig?.status as any)?.state, 'ACCEPTED');

  const token = async (scope: string) => {
    const res = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from('quickstart-client:quickstart-secret').toString('base64') },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
    });
    const body = (await res.json()) as { access_token?: string; error?: string };
    assert.ok(body.access_token, `token for "${scope}": ${JSON.stringify(body)}`);
    return body.access_token!;
  };
  const both = await token('tracks petstore');
  const onlyTracks = await token('tracks');
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const port = gateway.port;

  // The JWKS is fetched in the background when the config loads; wait until it serves (never on a request).
  for (let i = 0; (await get(port, '/trackapi/tracks', bearer(both))).status !== 200; i++) {
    if (i > 100) assert.fail('the seed token never got through');
    await new Promise((r) => setTimeout(r, 50));
  }

  // Step 4.1: no token → 403.
  assert.equal((await get(port, '/trackapi/tracks')).status, 403);
  // Step 4.4/4.5: scopes "tracks petstore" → 200 from both products, the seed's JSON.
  const tracks = await get(port, '/trackapi/tracks', bearer(both));
  assert.equal(tracks.status, 200);
  const first = (JSON.parse(tracks.body) as Record<string, unknown>[])[0]!;
  assert.equal(first.id, 'c_0');
  assert.equal(first.topic, 'Cat-stronomy');
  assert.equal(first.numberOfViews, 163);
  const pet = await get(port, '/petstore/pet/1', bearer(both));
  assert.equal(pet.status, 200);
  assert.equal((JSON.parse(pet.body) as { id: number; name: string }).name, 'Barky');
  // Only "tracks": petstore 403, tracks 200.
  assert.equal((await get(port, '/petstore/pet/1', bearer(onlyTracks))).status, 403);
  assert.equal((await get(port, '/trackapi/tracks', bearer(onlyTracks))).status, 200);

  // Bad tokens → 403: tampered, alg none, another issuer (same kid, other key), expired (clock moved past exp).
  const idpKid = JSON.parse(Buffer.from(both.split('.')[0]!, 'base64url').toString()).kid as string;
  const claims = JSON.parse(Buffer.from(both.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  const stranger = await makeIssuer(idpKid);
  const strangerOwnKid = await makeIssuer('stranger');
  for (const [what, bad] of [
    ['tampered', tamper(both)],
    ['alg none', noneToken(claims, idpKid)],
    ['wrong issuer, same kid', await stranger.sign({ ...claims, iss: 'https://evil.example' })],
    ['wrong issuer, own kid', await strangerOwnKid.sign({ ...claims, iss: 'https://evil.example' })],
  ] as const) {
    assert.equal((await get(port, '/trackapi/tracks', bearer(bad))).status, 403, what);
  }
  clockOffsetMs = ((claims.exp as number) - Math.floor(Date.now() / 1000) + 3600) * 1000;
  assert.equal((await get(port, '/trackapi/tracks', bearer(both))).status, 403, 'expired');
  clockOffsetMs = 0;
  assert.equal((await get(port, '/trackapi/tracks', bearer(both))).status, 200);

  // The same decisions through the gRPC Check API.
  const grpcServer = await startGrpcExtAuthServer(auth);
  closers.push(() => grpcServer.close());
  const Client = authorizationService();
  const client = new Client(`127.0.0.1:${grpcServer.port}`, grpc.credentials.createInsecure()) as unknown as { Check(r: unknown, cb: (e: Error | null, res: any) => void): void; close(): void };
  closers.push(() => client.close());
  const check = (product: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) =>
      client.Check(
        {
          attributes: {
            request: { http: { method: 'GET', path: '/x', host: 'api.example.com', headers } },
            context_extensions: { config_id: CONFIG_ID },
            metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': jsonToStruct({ api_product_id: product }) } },
          },
        },
        (e, res) => (e ? reject(e) : resolve(res.status.code)),
      ),
    );
  assert.equal(await check('tracks', {}), 7);
  assert.equal(await check('tracks', bearer(both)), 0);
  assert.equal(await check('petstore', bearer(both)), 0);
  assert.equal(await check('petstore', bearer(onlyTracks)), 7);
  assert.equal(await check('tracks', bearer(onlyTracks)), 0);

  // And through nginx auth_request → Portico's HTTP mode.
  if (!skipReason(Boolean(NGINX_BIN), 'nginx is not installed (.ci/run installs it)')) {
    const http = await startHttpExtAuthServer(auth);
    closers.push(() => http.close());
    const nginx = await startNginx(http.port, CONFIG_ID, [
      { prefix: '/trackapi/', apiProductId: 'tracks', upstream: `${demo.tracks.url}/` },
      { prefix: '/petstore/', apiProductId: 'petstore', upstream: `${demo.petstore.url}/` },
    ]);
    closers.push(() => nginx.close());
    assert.equal((await fetch(`${nginx.url}/trackapi/tracks`)).status, 403);
    assert.equal((await fetch(`${nginx.url}/trackapi/tracks`, { headers: bearer(both) })).status, 200);
    assert.equal((await fetch(`${nginx.url}/petstore/pet/1`, { headers: bearer(both) })).status, 200);
    assert.equal((await fetch(`${nginx.url}/petstore/pet/1`, { headers: bearer(onlyTracks) })).status, 403);
    assert.equal((await fetch(`${nginx.url}/trackapi/tracks`, { headers: bearer(onlyTracks) })).status, 200);
  }

  // Step 3.4's troubleshooting case: a policy whose inline JWKS is `{keys:[…]}` → AuthConfig REJECTED.
  const bad = await applyDocuments(cp.store, {
    documents: [
      {
        file: 'bad.yaml',
        content: `apiVersion: security.policy.gloo.solo.io/v2
kind: ExtAuthPolicy
metadata: {name: oauth-inline, namespace: gloo-mesh-addons}
spec:
  applyToRoutes: [{route: {labels: {api: none}}}]
  config:
    glooAuth:
      configs:
        - oauth2: {accessTokenValidation: {jwt: {localJwks: {inlineString: "{keys:[{kid:_YYA, kty:RSA}]}"}}}}
`,
      },
    ],
  });
  assert.ok(bad[0]!.ok);
  await cp.reconciler.waitFor();
  const rejected = await cp.store.get('AuthConfig', 'gloo-mesh-addons', 'oauth-inline');
  assert.deepEqual({ state: (rejected?.status as any)?.state, reason: (rejected?.status as any)?.reason }, { state: 'REJECTED', reason: "invalid character 'k' looking for beginning of object key string" });
  // `portico get authconfig -n gloo-mesh-addons -o yaml` shows both, as the seed's Step 3.4 expects.
  const cli = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [cli, '--server', cp.admin!.url, 'get', 'authconfig', '-n', 'gloo-mesh-addons', '-o', 'yaml']);
  assert.match(stdout, /name: oauth-okta\n[\s\S]*state: ACCEPTED/);
  assert.match(stdout, /reason: invalid character 'k' looking for beginning of object key string|reason: "invalid character 'k' looking for beginning of object key string"/);
  // …and the seed config keeps working.
  assert.equal((await get(port, '/trackapi/tracks', bearer(both))).status, 200);

  // Decisions are logged with their reason, never with a token.
  assert.match(logs, /request denied/);
  assert.match(logs, /AUTH_JWT_EXPIRED|AUTH_OPA_DENIED/);
  for (const tok of [both, onlyTracks]) {
    assert.ok(!logs.includes(tok.split('.')[2]!), 'a token signature appeared in the logs');
    assert.ok(!logs.includes(tok.split('.')[1]!), 'a token payload appeared in the logs');
  }
});
