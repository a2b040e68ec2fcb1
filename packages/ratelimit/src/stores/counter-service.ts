// The embedded counters of `portico up --workers N`, served to the gateway workers from a thread of the primary
// over a Unix domain socket. Until 2026-12-04 the workers counted through the primary's IPC channels, answered on
// the primary's event loop — which also runs the admin API, the store and translation: while 1,000 RouteTables
// were applied, a keyed request waited behind each translation (keyed p99 3–4× its steady p99, the open route's
// 1.1–1.8×; docs/data-plane.md). Here the counting has a thread and an event loop of its own. Still one store, so
// limits stay exact across workers; persistence as before (memory, batched sqlite writes on a further thread).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RateLimitError } from '../errors.ts';
import type { CounterServiceData, CounterServiceEvent } from './counter-service-thread.ts';

export interface CounterService {
  /** Where workers connect (connectCounterService). */
  readonly socketPath: string;
  /** Stops serving, writes the last counts to the file and ends the thread. */
  close(): Promise<void>;
}

export interface CounterServiceOptions {
  /** The counters' sqlite file (the persisted store's). */
  path: string;
  flushMs?: number;
}

export async function startCounterService(o: CounterServiceOptions): Promise<CounterService> {
  // A directory of our own (mode 0700) under the temporary directory: a short path (a socket path has ~100 bytes
  // at most), no collision between two `portico up`, and no other user can connect and count.
  const dir = mkdtempSync(join(tmpdir(), 'portico-counters-'));
  const socketPath = join(dir, 'counters.sock');
  const thread = new Worker(new URL('./counter-service-thread.ts', import.meta.url), {
    workerData: { path: o.path, socketPath, ...(o.flushMs !== undefined ? { flushMs: o.flushMs } : {}) } satisfies CounterServiceData,
  });
  const next = (t: CounterServiceEvent['t'][]) =>
    new Promise<CounterServiceEvent>((resolve, reject) => {
      const onMessage = (m: CounterServiceEvent) => {
        if (!t.includes(m.t)) return;
        thread.off('message', onMessage);
        resolve(m);
      };
      thread.on('message', onMessage);
      thread.once('error', reject);
      thread.once('exit', (code) => reject(new RateLimitError('RL_STORE_UNAVAILABLE', `counter service thread exited (${code})`)));
    });
  const started = await next(['listening', 'failed']).catch((err: Error) => ({ t: 'failed' as const, message: err.message }));
  if (started.t === 'failed') {
    await thread.terminate();
    rmSync(dir, { recursive: true, force: true });
    throw new RateLimitError('RL_STORE_UNAVAILABLE', `counter service: ${started.message}`);
  }
  let closing: Promise<void> | null = null;
  return {
    socketPath,
    close: () =>
      (closing ??= (async () => {
        const closed = next(['closed']);
        thread.postMessage({ t: 'close' });
        await closed.catch(() => {});
        await thread.terminate();
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
