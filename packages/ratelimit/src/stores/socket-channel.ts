// An IpcChannel (stores/remote.ts) over a stream socket — a Unix domain socket between a `portico up` gateway
// worker and the counter service (counter-service.ts): one JSON message per line. The counter batches then travel
// straight between the worker and the thread that counts, never through the primary's event loop, which also
// translates configuration and can be busy for tens of milliseconds at a time.
import type { Socket } from 'node:net';
import type { IpcChannel } from './remote.ts';

/** A peer that sends this much without a newline is not speaking the protocol. */
const MAX_LINE = 16 * 1024 * 1024;

export interface SocketChannel extends IpcChannel {
  /** The socket is open: send() would write, not throw. */
  readonly open: boolean;
}

/** Messages in both directions over `socket`; send() throws once the socket is closed (the caller fails the batch). */
export function socketChannel(socket: Socket): SocketChannel {
  const listeners = new Set<(message: unknown) => void>();
  let pending = '';
  socket.setEncoding('utf8');
  socket.setNoDelay(true);
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        socket.destroy(new Error('counter service: a message that is not JSON'));
        return;
      }
      for (const l of listeners) l(message);
    }
    if (pending.length > MAX_LINE) socket.destroy(new Error('counter service: a message over 16 MiB'));
  });
  const open = () => !socket.destroyed && socket.writable;
  return {
    get open() {
      return open();
    },
    send(message) {
      if (!open()) throw new Error('the counter service connection is closed');
      return socket.write(`${JSON.stringify(message)}\n`);
    },
    on(_event, listener) {
      listeners.add(listener);
      return this;
    },
    off(_event, listener) {
      listeners.delete(listener);
      return this;
    },
  };
}
