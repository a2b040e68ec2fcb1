// ext_authz v3 over gRPC (gloo-api.md §7 items 27, 49, 68), against a real grpc-js client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { PorticoAuthService } from '../src/service/auth-service.ts';
import { silentLogger } from '../src/pipeline/deps.ts';
import { startGrpcExtAuthServer } from '../src/transport/grpc/server.ts';
import { authorizationService, LOADER_OPTIONS } from '../src/transport/grpc/protos.ts';
import { jsonToStruct } from '../src/transport/grpc/convert.ts';
import type { StepConfig } from '../src/steps/kinds.ts';

test('protos load from @grpc/grpc-js-xds deps with the documented service path and field numbers (item 68)', () => {
  const def = protoLoader.loadSync(['envoy/service/auth/v3/external_auth.proto', 'envoy/service/ratelimit/v3/rls.proto'], LOADER_OPTIONS);
  const check = (def['envoy.service.auth.v3.Authorization'] as Record<string, { path: string }>).Check;
  assert.equal(check.path, '/envoy.service.auth.v3.Authorization/Check');
  type Desc = { name?: string; field: { name: string; number: number }[]; nestedType: Desc[] };
  const numbers = (t: Desc) => Object.fromEntries(t.field.map((f) => [f.name, f.number]));
  const fields = (name: string) => numbers((def[name] as { type: Desc }).type);
  assert.deepEqual(fields('envoy.service.auth.v3.AttributeContext'), { source: 1, destination: 2, request: 4, context_extensions: 10, metadata_context: 11, tls_session: 12, route_metadata_context: 13 });
  const attrCtx = (def['envoy.service.auth.v3.AttributeContext'] as { type: Desc }).type;
  const http = numbers(attrCtx.nestedType.find((t) => t.name === 'HttpRequest')!);
  assert.deepEqual([http.id, http.method, http.headers, http.path, http.host, http.scheme, http.query, http.fragment, http.size, http.protocol, http.body, http.raw_body, http.header_map], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  assert.deepEqual(fields('envoy.service.auth.v3.CheckResponse'), { status: 1, denied_response: 2, ok_response: 3, dynamic_metadata: 4 });
  const ok = fields('envoy.service.auth.v3.OkHttpResponse');
  assert.deepEqual([ok.headers, ok.dynamic_metadata, ok.headers_to_remove, ok.response_headers_to_add, ok.query_parameters_to_set, ok.query_parameters_to_remove], [2, 3, 5, 6, 7, 8]);
});

const rego = `package t
default decision = {"allow": false, "http_status": 401, "body": "who are you", "headers": {"www-authenticate": "Bearer"}}
decision = {"allow": true, "headers": {"x-product": p}, "request_headers_to_remove": ["api-key"], "response_headers_to_add": {"x-plan": "gold"}, "dynamic_metadata": {"usagePlan": "gold"}} {
  p := input.check_request.attributes.metadata_context.filter_metadata["io.solo.gloo.apimanagement"].api_product_id
  input.http_request.headers["api-key"] == "k1"
}`;

test('Check: OK with header mutations and dynamic metadata; denied_response with status/body/headers; unknown config_id denied (items 27, 49)', async () => {
  const svc = new PorticoAuthService({ logger: silentLogger });
  const configs: StepConfig[] = [{ kind: 'opaAuth', name: 'opa', config: { modules: { 'p.rego': rego }, query: 'data.t.decision' } }];
  svc.update(new Map([['ns.p', { configId: 'ns.p', state: 'ACCEPTED', fingerprint: '1', spec: { configs, booleanExpr: null, failOnRedirect: false } }]]));
  const server = await startGrpcExtAuthServer(svc);
  const Client = authorizationService();
  const client = new Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure()) as unknown as {
    Check(req: unknown, cb: (err: Error | null, res: Record<string, any>) => void): void;
    close(): void;
  };
  const call = (configId: string, headers: Record<string, string>) =>
    new Promise<Record<string, any>>((resolve, reject) =>
      client.Check(
        {
          attributes: {
            source: { address: { socket_address: { address: '10.0.0.1', port_value: 1234 } } },
            request: { http: { id: '1', method: 'GET', path: '/pets', host: 'api.example.com', headers: { ':path': '/pets', ...headers } } },
            context_extensions: { config_id: configId },
            metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': jsonToStruct({ api_product_id: 'petstore' }) } },
          },
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
  const ok = await call('ns.p', { 'api-key': 'k1' });
  assert.equal(ok.status.code, 0);
  assert.deepEqual(ok.ok_response.headers.map((h: any) => [h.header.key, h.header.value, h.append_action]), [['x-product', 'petstore', 'OVERWRITE_IF_EXISTS_OR_ADD']]);
  assert.deepEqual(ok.ok_response.headers_to_remove, ['api-key']);
  assert.deepEqual(ok.ok_response.response_headers_to_add.map((h: any) => [h.header.key, h.header.value]), [['x-plan', 'gold']]);
  assert.equal(ok.dynamic_metadata.fields.usagePlan.stringValue, 'gold');

  const denied = await call('ns.p', {});
  assert.equal(denied.status.code, 16);
  assert.equal(denied.denied_response.status.code, 'Unauthorized');
  assert.equal(denied.denied_response.body, 'who are you');
  assert.deepEqual(denied.denied_response.headers.map((h: any) => [h.header.key, h.header.value]), [['www-authenticate', 'Bearer']]);

  // encode_raw_headers: the same request with header_map instead of the headers map.
  const raw = await new Promise<Record<string, any>>((resolve, reject) =>
    client.Check(
      {
        attributes: {
          request: { http: { method: 'GET', path: '/pets', header_map: { headers: [{ key: 'API-Key', raw_value: Buffer.from('k1') }, { key: ':path', raw_value: Buffer.from('/pets') }] } } },
          context_extensions: { config_id: 'ns.p' },
          metadata_context: { filter_metadata: { 'io.solo.gloo.apimanagement': jsonToStruct({ api_product_id: 'petstore' }) } },
        },
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
  assert.equal(raw.status.code, 0);

  const unknown = await call('ns.nope', { 'api-key': 'k1' });
  assert.equal(unknown.status.code, 7);
  assert.equal(unknown.denied_response.status.code, 'Forbidden');
  client.close();
  await server.close();
  svc.close();
});

test('Check: a call the client cancels aborts the check in progress; an answered call leaves its signal alone', { timeout: 10_000 }, async () => {
  const signals: AbortSignal[] = [];
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  const allow = { allowed: true as const, headersToSet: [], headersToAppend: [], headersToRemove: [], responseHeadersToAdd: [], dynamicMetadata: {} };
  const server = await startGrpcExtAuthServer({
    check: async (req, signal) => {
      signals.push(signal!);
      if (req.attributes.context_extensions?.config_id === 'slow') await Promise.race([slow, new Promise((r) => signal!.addEventListener('abort', r, { once: true }))]);
      return allow;
    },
  });
  type Call = { cancel(): void; on(e: 'status', f: () => void): void };
  const client = new (authorizationService())(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure()) as unknown as {
    Check(r: unknown, cb: (e: (Error & { code?: number }) | null, res?: { status: { code: number } }) => void): Call;
    close(): void;
  };
  const req = (id: string) => ({ attributes: { context_extensions: { config_id: id } } });
  const res = await new Promise<{ status: { code: number } }>((resolve, reject) => client.Check(req('fast'), (e, r) => (e ? reject(e) : resolve(r!))));
  assert.equal(res.status.code, 0);
  const aborted = new Promise<void>((resolve) => {
    const wait = () => (signals.length === 2 ? signals[1]!.addEventListener('abort', () => resolve(), { once: true }) : setImmediate(wait));
    wait();
  });
  const err = new Promise<number | undefined>((resolve) => {
    const call = client.Check(req('slow'), (e) => resolve(e?.code));
    const cancelWhenStarted = () => (signals.length === 2 ? call.cancel() : setImmediate(cancelWhenStarted));
    cancelWhenStarted();
  });
  assert.equal(await err, grpc.status.CANCELLED);
  await aborted; // the server saw the cancellation and aborted the in-flight check
  release();
  client.close();
  await server.close();
  assert.equal(signals[0]!.aborted, false, 'the answered call was not aborted after the fact');
});
