import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPetstoreHandler } from './petstore/server.ts';
import { tracksHandler } from './tracks/server.ts';

// Starts both demo upstreams. Port 0 picks a free port (tests); defaults are the quickstart's.

export interface DemoOptions {
  petstorePort?: number;
  tracksPort?: number;
  host?: string;
}

export interface Demo {
  petstore: { url: string; port: number };
  tracks: { url: string; port: number };
  close(): Promise<void>;
}

export const DEFAULT_PETSTORE_PORT = 8081;
export const DEFAULT_TRACKS_PORT = 8082;

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const host = opts.host ?? '127.0.0.1';
  const petstore = await listen(createServer(createPetstoreHandler()), host, opts.petstorePort ?? DEFAULT_PETSTORE_PORT);
  let tracks: Server;
  try {
    tracks = await listen(createServer(tracksHandler), host, opts.tracksPort ?? DEFAULT_TRACKS_PORT);
  } catch (err) {
    await closeServer(petstore);
    throw err;
  }
  return {
    petstore: info(petstore),
    tracks: info(tracks),
    close: async () => {
      await Promise.all([closeServer(petstore), closeServer(tracks)]);
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function info(server: Server): { url: string; port: number } {
  const a = server.address() as AddressInfo;
  const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return { url: `http://${host}:${a.port}`, port: a.port };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
