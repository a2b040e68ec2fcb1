// The data plane's access log: pino's asynchronous destination (sonic-boom) in buffer mode on a file descriptor
// (stdout by default), so the request loop never waits on it — and bounded, so a reader that stops reading
// (a stalled log collector, a terminal paused with Ctrl-S, a pipe nobody drains) cannot grow a gateway process
// without limit. Past MAX_PENDING_BYTES of unwritten lines, new lines are dropped and counted
// (portico_gateway_access_log_dropped_lines_total, summed over workers on /metrics), with one warning per episode.
import { Counter, type Registry } from 'prom-client';
import { bytesWriter, type AccessLogWriter, type GatewayLogger } from '@portico/gateway';
import { pino } from 'pino';

/** Unwritten access-log bytes a process keeps at most: ~10,000 lines, a few seconds of a busy worker. */
export const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/**
 * Lines are written in batches of this many bytes, or after FLUSH_INTERVAL_MS, whichever comes first (nginx's
 * `access_log … buffer=64k flush=…`; 100 ms keeps a quiet gateway's log as prompt as a person tailing it
 * expects). A write per few lines cost a saturated 2-worker gateway ~10 % of its requests/s on 2 cores (fs.write on libuv's thread pool and its syscall, per batch); at 64 KiB the gateway runs at
 * 0.95 of the minimal node:http + undici proxy's requests/s instead of 0.84–0.88 (docs/data-plane.md).
 */
export const BATCH_BYTES = 64 * 1024;
export const FLUSH_INTERVAL_MS = 100;

export interface AccessLog {
  writer: AccessLogWriter;
  /** Counts dropped lines into `registry` (the gateway's metrics registry). */
  registerMetrics(registry: Registry): void;
  /**
   * Writes what is pending, after any write in flight (sonic-boom's flushSync would not wait for that one, and the
   * last lines could land out of order). Bounded: a reader that stopped reading costs at most `timeoutMs`.
   */
  flush(timeoutMs?: number): Promise<void>;
  /** Closes the descriptor; resolves once it is closed. */
  destroy(): Promise<void>;
}

export function openAccessLog(fd: number, logger: GatewayLogger, o: { maxPendingBytes?: number; batchBytes?: number } = {}): AccessLog {
  const maxPendingBytes = o.maxPendingBytes ?? MAX_PENDING_BYTES;
  const batchBytes = o.batchBytes ?? BATCH_BYTES;
  const sink = pino.destination({
    dest: fd,
    sync: false,
    contentMode: 'buffer',
    minLength: batchBytes,
    maxWrite: 4 * batchBytes,
    periodicFlush: FLUSH_INTERVAL_MS,
    maxLength: maxPendingBytes,
  });
  const dropped = new Counter({
    name: 'portico_gateway_access_log_dropped_lines_total',
    help: `Access-log lines dropped because more than ${maxPendingBytes} bytes were waiting to be written (the log's reader is not keeping up)`,
    registers: [],
  });
  let dropping = false;
  sink.on('drop', () => {
    dropped.inc();
    if (!dropping) {
      dropping = true;
      logger.warn({ maxPendingBytes }, 'access log: its destination is not keeping up; dropping lines until it catches up');
    }
  });
  // sonic-boom emits 'write' after each completed write: the backlog is moving again.
  sink.on('write', () => (dropping = false));
  return {
    writer: bytesWriter(sink),
    registerMetrics: (registry) => registry.registerMetric(dropped),
    flush: (timeoutMs = 2000) => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      // The callback's error (an fsync a pipe refuses) does not matter here: the bytes are written by then.
      sink.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    }),
    destroy: () => new Promise<void>((resolve) => {
      sink.once('close', () => resolve());
      sink.destroy();
    }),
  };
}
