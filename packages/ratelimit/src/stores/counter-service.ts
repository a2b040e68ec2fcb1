// The embedded counters of `portico up --workers N`, served to the gateway workers from a thread of the primary
// over a Unix domain socket. Until 2026-12-04 the workers counted through the primary's IPC channels, answered on
// the primary's event loop — which also runs the admin API, the store and translation: while 1,000 RouteTables
// were applied, a keyed request waited behind each translation (keyed p99 3–4× its steady p99, the open route's
// 1.1–1.8×; docs/data-plane.md). Here the counting has a thread and an event loop of its own. Still one store, so
// limits stay exact across workers; persistence as before (memory, batched sqlite writes on a further thread).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  /** A thread that ends unexpectedly is reported here, then started again on the same socket. */
  onError?: (err: RateLimitError) => void;
  /** The module the thread runs (default counter-service-thread.ts; tests wrap it to make it fail). */
  threadModule?: URL;
}

const PREFIX = 'portico-counters-';

/** Removes `portico-counters-<pid>-*` directories whose process is gone (killed before it could remove its own). */
function removeOrphans(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(PREFIX) ? Number(/^(\d+)-/.exec(name.slice(PREFIX.length))?.[1]) : 0;
    if (!pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: a process of another user has that pid — alive, and not ours to clean up after.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Restarts in a row after which a failing thread is left down (each restart waits RESTART_MS). */
const MAX_RESTARTS = 5;
const RESTART_MS = 200;

export async function startCounterService(o: CounterServiceOptions): Promise<CounterService> {
  // A directory of our own (mode 0700) under the temporary directory: a short path (a socket path has ~100 bytes
  // at most), no collision between two `portico up`, and no other user can connect and count. Named after this
  // process, so the directories of processes that were killed (and could not remove theirs) are removed here.
  removeOrphans();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const socketPath = join(dir, 'counters.sock');
  const data: CounterServiceData = { path: o.path, socketPath, ...(o.flushMs !== undefined ? { flushMs: o.flushMs } : {}) };
  let closing: Promise<void> | null = null;
  let restarts = 0;

  /** A thread serving the socket, or the reason it could not start. */
  const startThread = async (): Promise<Worker> => {
    const thread = new Worker(o.threadModule ?? new URL('./counter-service-thread.ts', import.meta.url), { workerData: data });
    const started = await new Promise<CounterServiceEvent>((resolve) => {
      thread.on('message', (m: CounterServiceEvent) => (m.t === 'listening' || m.t === 'failed') && resolve(m));
      thread.once('error', (err) => resolve({ t: 'failed', message: err.message }));
      thread.once('exit', (code) => resolve({ t: 'failed', message: `thread exited (${code})` }));
    });
    if (started.t === 'failed') {
      await thread.terminate();
      throw new RateLimitError('RL_STORE_UNAVAILABLE', `counter service: ${started.message}`);
    }
    restarts = 0;
    // Counts not yet written (at most the last flush interval's) are lost with a thread that fails, as with a
    // process that crashes; the workers' connections come back by themselves (counter-client.ts). Reported once,
    // on exit, with the error that ended it when there was one.
    let failure: Error | null = null;
    thread.once('error', (err) => (failure = err));
    thread.once('exit', (code) => {
      if (closing) return;
      const why = failure ? `failed: ${failure.message}` : `exited (${code})`;
      o.onError?.(new RateLimitError('RL_STORE_UNAVAILABLE', `counter service thread ${why}; starting it again`));
      void restart();
    });
    return thread;
  };
  const restart = async (): Promise<void> => {
    while (!closing && restarts < MAX_RESTARTS) {
      restarts++;
      await new Promise((resolve) => setTimeout(resolve, RESTART_MS));
      if (closing) return;
      try {
        current = startThread();
        await current;
        return;
      } catch (err) {
        o.onError?.(err as RateLimitError);
      }
    }
    if (!closing) o.onError?.(new RateLimitError('RL_STORE_UNAVAILABLE', `counter service: not restarted after ${MAX_RESTARTS} failed starts; rate-limited routes follow their denyOnFail`));
  };

  let current: Promise<Worker> = startThread();
  await current.catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    socketPath,
    close: () =>
      (closing ??= (async () => {
        const thread = await current.catch(() => null);
        if (thread && thread.threadId !== -1) {
          const closed = new Promise<void>((resolve) => {
            thread.on('message', (m: CounterServiceEvent) => m.t === 'closed' && resolve());
            thread.once('exit', () => resolve());
          });
          thread.postMessage({ t: 'close' });
          await closed;
          await thread.terminate();
        }
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
