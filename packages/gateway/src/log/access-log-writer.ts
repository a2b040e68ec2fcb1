/** Where the gateway writes hand-built access-log lines: pino's asynchronous destination (sonic-boom) in
 *  `portico up` and the benchmarks, in buffer mode through `bytesWriter` below. */
export interface AccessLogWriter {
  /** Appends one complete line (ending in '\n'); must not block on I/O. */
  write(line: string): unknown;
}

/**
 * An AccessLogWriter over a byte sink — `pino.destination({ dest, sync: false, contentMode: 'buffer' })`.
 * Why bytes: in its default string mode, sonic-boom appends each line to the pending batch string and measures
 * that batch with `Buffer.byteLength`, which flattens it — a copy of everything pending, per line. With lines
 * batched to 8 KiB that was 6.3 KiB of garbage per request, a third of everything the gateway allocated (measured
 * with `bench/gateway/profile.ts single --alloc`). In buffer mode it keeps a list of chunks; a line's bytes go
 * into Node's shared buffer pool, off the JavaScript heap.
 */
export function bytesWriter(sink: { write(data: string): unknown }): AccessLogWriter {
  // sonic-boom's type declarations know only its string mode; in buffer mode `write` takes a Buffer.
  return { write: (line) => sink.write(Buffer.from(line, 'utf8') as unknown as string) };
}
