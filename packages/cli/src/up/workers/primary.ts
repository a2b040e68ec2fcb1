// The primary side of `portico up --workers N`: forks N gateway workers (node:cluster, sharing the gateway
// listener), feeds each the snapshots (snapshot-feed.ts: one in flight, latest wins, unchanged virtual hosts as
// positions in the last snapshot sent; a new or restarted worker first gets the current one), serves
// their rate-limit counting from the one counter store (embedded mode) and sums their metrics for /metrics.
// The control plane, admin API and portal server stay here, single; translation runs on a thread of this process
// (control-plane's translation-thread/).
import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getCompileCacheDir } from 'node:module';
import { metricsHandler } from '../metrics-handler.ts';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry } from 'prom-client';
import type { SnapshotSource } from '@portico/control-plane';
import type { GatewayLogger } from '@portico/gateway';
import { isMessage, WORKER_ENV, type PrimaryMessage, type WorkerMessage, type WorkerSettings } from './messages.ts';
import { SnapshotFeed } from './snapshot-feed.ts';
import { WORKER_HEAP_FLAGS } from './heap-flags.ts';
import { workerMallocEnv } from './malloc-env.ts';
import type { FeedRelayChannel } from '@portico/apikeys/indexed';
import type { FeedRelays } from './feed-relays.ts';

export interface GatewayWorkers {
  /** The port the workers share (resolved when the gateway port was 0). */
  port: number;
  /** Serves the workers' metrics, summed (prom-client's AggregatorRegistry). */
  metricsHandler(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

export interface GatewayWorkersOptions {
  count: number;
  settings: WorkerSettings;
  snapshots: SnapshotSource;
  /** The change feeds the workers' key index and credential view follow (feed-relays.ts). */
  feeds: FeedRelays;
  logger: GatewayLogger;
}

export async function startGatewayWorkers(o: GatewayWorkersOptions): Promise<GatewayWorkers> {
  const mallocEnv = workerMallocEnv();
  const aggregator = new AggregatorRegistry();
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./worker-main.ts', import.meta.url)),
    execArgv: [...process.execArgv, ...WORKER_HEAP_FLAGS],
    serialization: 'advanced',
    args: [],
  });
  let latest: Parameters<Parameters<SnapshotSource['subscribe']>[0]>[0] | null = null;
  const workers = new Map<Worker, SnapshotFeed>();
  let stopping = false;
  /** Workers being replaced on purpose (started on an empty compile cache): their exit starts no other. */
  const retiring = new Set<Worker>();
  const cold = new Set<Worker>();
  let port = o.settings.gateway.port;

  const post = (w: Worker, m: PrimaryMessage) => {
    if (w.isConnected()) w.send(m);
  };
  const fork = (): Promise<Worker> => {
    // The same listen arguments in every worker (also port 0): cluster shares one listener per address and port.
    // Workers share the primary's compile cache (main.ts turns it on): cached, already type-stripped modules keep
    // the TypeScript stripper out of every worker.
    const cacheDir = getCompileCacheDir?.();
    const w = cluster.fork({ ...mallocEnv, [WORKER_ENV]: JSON.stringify(o.settings), ...(cacheDir ? { NODE_COMPILE_CACHE: cacheDir } : {}) });
    const feed = new SnapshotFeed((snapshot) => post(w, { t: 'portico.snapshot', snapshot }));
    workers.set(w, feed);
    o.feeds.serve(w as unknown as FeedRelayChannel);
    w.on('message', (m: unknown) => {
      if (isMessage(m, 'portico.applied')) feed.applied();
      else if (isMessage(m, 'portico.hello')) {
        feed.reset();
        if (latest) feed.offer(latest);
      }
    });
    w.once('exit', (code, signal) => {
      workers.delete(w);
      if (stopping || retiring.has(w)) return;
      o.logger.error({ worker: w.id, code, signal }, 'gateway worker exited; starting another');
      void fork().catch((err: Error) => o.logger.error({ err: err.message }, 'gateway worker failed to start'));
    });
    return new Promise<Worker>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if (isMessage<Extract<WorkerMessage, { t: 'portico.listening' }>>(m, 'portico.listening')) {
          port = m.port;
          if (m.coldCache) cold.add(w);
          w.off('message', onMessage);
          resolve(w);
        } else if (isMessage<Extract<WorkerMessage, { t: 'portico.fatal' }>>(m, 'portico.fatal')) {
          w.off('message', onMessage);
          reject(new Error(m.message));
        }
      };
      w.on('message', onMessage);
      w.once('exit', (code) => reject(new Error(`gateway worker exited with code ${code} before listening`)));
    });
  };

  const unsubscribe = o.snapshots.subscribe((s) => {
    latest = s;
    for (const feed of workers.values()) feed.offer(s);
  });
  /** Asks a worker to drain and exit; SIGKILL after 10 s. */
  const stopWorker = async (w: Worker) => {
    const exited = once(w, 'exit');
    post(w, { t: 'portico.stop' });
    const timer = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const close = async () => {
    stopping = true;
    unsubscribe();
    await Promise.all([...workers.keys()].map(stopWorker));
  };
  try {
    // The first worker binds the port (an ephemeral one when 0); the others share it. The first writes the compile
    // cache once it listens, so the others start warm.
    await fork();
    await Promise.all(Array.from({ length: o.count - 1 }, () => fork()));
    // A worker that started on an empty compile cache keeps the TypeScript stripper and its own compilations for
    // life (~15 MiB): replace it by one that starts warm — the new one listens before the old one drains, so the
    // port never goes unserved. Only on a cold cache (a first start, a fresh NODE_COMPILE_CACHE).
    // Once: a replacement is kept whatever it reports.
    const started = [...cold];
    for (const w of started) {
      o.logger.info({ worker: w.process.pid }, 'gateway worker started on an empty compile cache; replacing it with one that starts warm');
      await fork();
      retiring.add(w);
      await stopWorker(w);
    }
    cold.clear();
  } catch (err) {
    await close();
    throw err;
  }
  return {
    get port() {
      return port;
    },
    metricsHandler: metricsHandler(() => aggregator.clusterMetrics(), aggregator.contentType),
    close,
  };
}
