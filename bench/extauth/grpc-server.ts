// Child process for the gRPC bench: serves either the seed config ("portico") or a no-decision baseline
// ("baseline") and prints `PORT <n> TOKEN <jwt>` on stdout. The load generator (grpc-load.ts) is another
// process, so client and server do not share one event loop (as with Envoy and ext-auth).
import { startGrpcExtAuthServer } from '@portico/ext-auth';
import { seedSetup } from './setup.ts';

const mode = process.argv[2] ?? 'portico';
const { svc, token } = await seedSetup();
const server = await startGrpcExtAuthServer(
  mode === 'baseline' ? { check: async () => ({ allowed: true, headersToSet: [], headersToAppend: [], headersToRemove: [], responseHeadersToAdd: [], dynamicMetadata: {} }) } : svc,
);
process.stdout.write(`PORT ${server.port} TOKEN ${token}\n`);
process.on('SIGTERM', () => void server.close().then(() => (svc.close(), process.exit(0))));
