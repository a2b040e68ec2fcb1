// A gateway worker's side of the counter service (counter-service.ts): a remote counter store (stores/remote.ts,
// one batch in flight, exact counts) whose channel is a Unix domain socket to the service's thread. A connection
// that drops is made again (every `retryMs`); the batch that was on its way when it dropped, and every batch
// until it is back, fail at once with RL_STORE_UNAVAILABLE (the route's denyOnFail decides).
import { createConnection, type Socket } from 'node:net';
import { createRemoteCounterStore, type IpcChannel, type RemoteCounterStoreOptions } from './remote.ts';
import { socketChannel, type SocketChannel } from './socket-channel.ts';
import type { CounterStore } from './types.ts';

export interface CounterClientOptions extends RemoteCounterStoreOptions {
  /** Wait between connection attempts after one failed or dropped (default 100 ms). */
  retryMs?: number;
}

export function connectCounterService(socketPath: string, o: CounterClientOptions = {}): CounterStore {
  const retryMs = o.retryMs ?? 100;
  const listeners = new Set<(message: unknown) => void>();
  let socket: Socket | null = null;
  let channel: SocketChannel | null = null;
  let closed = false;
  const connect = () => {
    const s = createConnection(socketPath);
    const c = socketChannel(s);
    c.on('message', (m) => {
      for (const l of listeners) l(m);
    });
    // The 'close' that follows an error is where the connection is made again.
    s.on('error', () => {});
    s.once('close', () => {
      if (socket === s) (socket = null), (channel = null);
      store.disconnected('the connection to the counter service dropped');
      if (!closed) setTimeout(connect, retryMs).unref();
    });
    socket = s;
    channel = c;
  };
  const ipc: IpcChannel = {
    send(message) {
      if (!channel) throw new Error('not connected to the counter service');
      return channel.send(message);
    },
    on(_event, listener) {
      listeners.add(listener);
      return ipc;
    },
    off(_event, listener) {
      listeners.delete(listener);
      return ipc;
    },
  };
  const store = createRemoteCounterStore(ipc, o);
  connect();
  return {
    kind: store.kind,
    incrementAll: (items) => store.incrementAll(items),
    async close() {
      closed = true;
      await store.close();
      socket?.destroy();
    },
  };
}
