// Envoy ext_authz v3 gRPC server: envoy.service.auth.v3.Authorization/Check over the same AuthService the
// gateway calls in-process. The AuthConfig is chosen by context_extensions.config_id.
import * as grpc from '@grpc/grpc-js';
import type { AuthService } from '../../types.ts';
import { authorizationService } from './protos.ts';
import { checkRequestFromWire, checkResponseToWire } from './convert.ts';

export interface GrpcExtAuthServer {
  port: number;
  close(): Promise<void>;
}

export async function startGrpcExtAuthServer(service: Pick<AuthService, 'check'>, opts: { host?: string; port?: number } = {}): Promise<GrpcExtAuthServer> {
  const server = new grpc.Server();
  server.addService(authorizationService().service, {
    Check(call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const ac = new AbortController();
      call.on('cancelled', () => ac.abort());
      service.check(checkRequestFromWire(call.request), ac.signal).then(
        (result) => callback(null, checkResponseToWire(result)),
        // check() never rejects; this is a last line of defence that still answers "denied".
        () => callback(null, { status: { code: 7, message: 'internal error' }, denied_response: { status: { code: 403 }, headers: [], body: '' } }),
      );
    },
  });
  const host = opts.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${opts.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    port,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
