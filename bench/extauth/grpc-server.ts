// Child process for the gRPC bench: serves the seed config ("portico"), a no-decision baseline on the same
// Portico gRPC transport ("baseline"), or Node's HTTP/2 floor ("http2": node:http2 alone answering every Check with
// a serialized OK CheckResponse — no grpc-js, no protobuf decode, no decision), and prints `PORT <n> TOKEN <jwt>` on
// stdout. The load generators (grpc-load.ts, h2load) are other processes, so client and server do not share one
// event loop (as with Envoy and ext-auth).
import { createServer, type ServerHttp2Stream } from 'node:http2';
import { startGrpcExtAuthServer } from '@portico/ext-auth';
import { authorizationService } from '../../packages/ext-auth/src/transport/grpc/protos.ts';
import { grpcFrame, seedSetup } from './setup.ts';

const mode = process.argv[2] ?? 'portico';
const { svc, token } = await seedSetup();

async function http2Floor(): Promise<{ port: number; close(): Promise<void> }> {
  const frame = grpcFrame((authorizationService().service as unknown as { Check: { responseSerialize(v: unknown): Buffer } }).Check.responseSerialize({ status: { code: 0 }, ok_response: {} }));
  const server = createServer();
  server.on('stream', (stream: ServerHttp2Stream) => {
    stream.on('data', () => {});
    stream.once('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(frame);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const server = mode === 'http2'
  ? await http2Floor()
  : await startGrpcExtAuthServer(
    mode === 'baseline' ? { check: async () => ({ allowed: true, headersToSet: [], headersToAppend: [], headersToRemove: [], responseHeadersToAdd: [], dynamicMetadata: {} }) } : svc,
  );
process.stdout.write(`PORT ${server.port} TOKEN ${token}\n`);
process.on('SIGTERM', () => void server.close().then(() => (svc.close(), process.exit(0))));
