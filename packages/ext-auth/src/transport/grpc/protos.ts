// Envoy's ext_authz v3 protos, loaded from the .proto tree that the npm package @grpc/grpc-js-xds ships in
// deps/ (gloo-api.md §3.6) — not copied into this repository.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);

export function protoIncludeDirs(): string[] {
  const deps = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
  return ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => join(deps, d));
}

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true, // snake_case field names, as in the CheckRequest JSON of Contract 5
  longs: Number,
  enums: String,
  defaults: false,
  oneofs: true,
  includeDirs: protoIncludeDirs(),
};

let cached: grpc.GrpcObject | null = null;

/** The loaded package tree: `.envoy.service.auth.v3.Authorization` etc. */
export function loadAuthProtos(): grpc.GrpcObject {
  cached ??= grpc.loadPackageDefinition(protoLoader.loadSync(['envoy/service/auth/v3/external_auth.proto'], LOADER_OPTIONS));
  return cached;
}

export function authorizationService(): grpc.ServiceClientConstructor {
  const root = loadAuthProtos() as unknown as { envoy: { service: { auth: { v3: { Authorization: grpc.ServiceClientConstructor } } } } };
  return root.envoy.service.auth.v3.Authorization;
}
