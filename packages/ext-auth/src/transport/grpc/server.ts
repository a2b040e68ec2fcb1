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
  // channelz off: Portico serves no channelz service, and grpc-js would otherwise keep per-call counters and
  // timestamps for it on every Check (visible in the --cpu-prof of bench:extauth).
  const server = new grpc.Server({ 'grpc.enable_channelz': 0 });
  server.addService(authorizationService().service, {
    Check(call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
      const ac = new AbortController();
      let answered = false;
      // grpc-js emits 'cancelled' when every stream closes, answered or not; aborting then would only build a
      // DOMException (with a stack trace) per call for nobody. Abort only a check still in progress.
      const onCancelled = () => answered || ac.abort();
      call.once('cancelled', onCancelled);
      const answer = (response: unknown) => {
        answered = true;
        call.removeListener('cancelled', onCancelled);
        callback(null, response);
      };
      Promise.resolve(service.check(checkRequestFromWire(call.request), ac.signal)).then(
        (result) => answer(checkResponseToWire(result)),
        // check() never rejects; this is a last line of defence that still answers "denied".
        () => answer({ status: { code: 7, message: 'internal error' }, denied_response: { status: { code: 403 }, headers: [], body: '' } }),
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
