/** Where the gateway writes hand-built access-log lines: pino's asynchronous destination (sonic-boom) in
 *  `portico up` and the benchmarks — `pino.destination({ dest, sync: false })` satisfies it. */
export interface AccessLogWriter {
  /** Appends one complete line (ending in '\n'); must not block on I/O. */
  write(line: string): unknown;
}
