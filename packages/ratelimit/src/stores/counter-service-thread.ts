// The counter service's thread (counter-service.ts): owns the persisted counter store (memory + batched sqlite,
// stores/persisted.ts) and answers counting batches from every connection on its Unix socket, in the order each
// connection sent them. It runs nothing else, so an answer waits only for the counting itself.
import { rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createPersistedCounterStore } from './persisted.ts';
import { serveCounterStore } from './remote.ts';
import { socketChannel } from './socket-channel.ts';

export interface CounterServiceData {
  path: string;
  socketPath: string;
  flushMs?: number;
}
export type CounterServiceEvent = { t: 'listening' } | { t: 'failed'; message: string } | { t: 'closed' };

const data = workerData as CounterServiceData;
const port = parentPort!;
const store = createPersistedCounterStore({ path: data.path, ...(data.flushMs !== undefined ? { flushMs: data.flushMs } : {}) });
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  const channel = socketChannel(socket);
  // An answer for a worker that went away has nowhere to go: dropped, not thrown.
  const stop = serveCounterStore(store, { ...channel, send: (m) => (channel.open ? channel.send(m) : false) });
  socket.on('error', () => {});
  socket.once('close', () => (sockets.delete(socket), stop()));
});
server.once('error', (err) => port.postMessage({ t: 'failed', message: err.message } satisfies CounterServiceEvent));
// A thread started again after one that failed finds that one's socket file: the address is ours, take it over.
rmSync(data.socketPath, { force: true });
server.listen(data.socketPath, () => port.postMessage({ t: 'listening' } satisfies CounterServiceEvent));

port.on('message', (m: { t?: string }) => {
  if (m?.t !== 'close') return;
  server.close();
  for (const s of sockets) s.destroy();
  // The last batch of counts reaches the file before the thread ends.
  void store.close().finally(() => {
    rmSync(data.socketPath, { force: true });
    port.postMessage({ t: 'closed' } satisfies CounterServiceEvent);
    port.close();
  });
});
