// portico demo — runs the two demo upstreams (petstore on 8081, tracks on 8082 by default) until interrupted.
// The quickstart's ExternalServices (examples/quickstart/01-upstreams.yaml) point at these addresses.
import type { Command } from 'commander';
import { DEFAULT_PETSTORE_PORT, DEFAULT_TRACKS_PORT, startDemo } from '@portico/demo';
import type { CliIO } from '../context.ts';
import { CliError } from '../errors.ts';

interface DemoFlags {
  host: string;
  petstorePort: string;
  tracksPort: string;
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError('CLI_USAGE', `error: --${name} must be 0-65535, got ${value}`);
  return n;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('run the demo upstreams: petstore (pets, users, store) and tracks, each with /openapi.json')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--petstore-port <port>', 'petstore listen port', String(DEFAULT_PETSTORE_PORT))
    .option('--tracks-port <port>', 'tracks listen port', String(DEFAULT_TRACKS_PORT))
    .action(async (opts: DemoFlags) => {
      const petstorePort = port('petstore-port', opts.petstorePort);
      const tracksPort = port('tracks-port', opts.tracksPort);
      let demo;
      try {
        demo = await startDemo({ host: opts.host, petstorePort, tracksPort });
      } catch (err) {
        throw new CliError('CLI_USAGE', `error: cannot start the demo upstreams: ${(err as Error).message}`);
      }
      io.stdout(
        `demo petstore listening on ${demo.petstore.url} (try ${demo.petstore.url}/pet/1)\n` +
          `demo tracks   listening on ${demo.tracks.url} (try ${demo.tracks.url}/tracks)\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await demo.close();
    });
}
