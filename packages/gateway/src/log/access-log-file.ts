import { closeSync, openSync, write, writeSync } from 'node:fs';

// A buffered, append-only access-log file. Lines are appended to an in-memory string and written with one
// asynchronous fs.write per 64 KiB (or after at most `flushAfterMs`), one write in flight at a time — the
// same trade nginx makes with `access_log … buffer=64k flush=…`. Per request that is a string append instead
// of a stream write; the file sees a few large writes instead of many small ones. close() writes what is
// left synchronously, so nothing is lost on an orderly shutdown.

export interface AccessLogWriter {
  /** Appends one complete line (ending in '\n'). */
  write(line: string): void;
}

export interface AccessLogFileOptions {
  /** Write once this many characters are buffered. Default 65536. */
  bufferChars?: number;
  /** Write a partly filled buffer after this long, so the file trails live traffic by at most this. Default 500. */
  flushAfterMs?: number;
}

export class AccessLogFile implements AccessLogWriter {
  private readonly fd: number;
  private readonly bufferChars: number;
  private readonly flushAfterMs: number;
  private buffer: string;
  private writing: boolean;
  private timer: NodeJS.Timeout | null;
  private closed: boolean;
  /** Set when an asynchronous write failed; later lines are dropped rather than crashing the gateway. */
  error: Error | null;

  constructor(path: string, opts: AccessLogFileOptions = {}) {
    this.bufferChars = positive(opts.bufferChars ?? 65536, 'bufferChars');
    this.flushAfterMs = positive(opts.flushAfterMs ?? 500, 'flushAfterMs');
    this.fd = openSync(path, 'a');
    this.buffer = '';
    this.writing = false;
    this.timer = null;
    this.closed = false;
    this.error = null;
  }

  write(line: string): void {
    if (this.closed || this.error !== null) return;
    this.buffer += line;
    if (this.buffer.length >= this.bufferChars) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.flushAfterMs);
      this.timer.unref();
    }
  }

  /** Starts writing what is buffered (no-op while a write is in flight; it continues when that one ends). */
  flush(): void {
    if (this.writing || this.buffer === '' || this.closed) return;
    const chunk = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    this.writing = true;
    write(this.fd, chunk, 0, chunk.length, null, (err, written) => this.written(err, chunk, written));
  }

  /** Writes everything still buffered (synchronously, after any write in flight) and closes the file. */
  close(): void {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
    if (!this.writing) this.finish();
  }

  private written(err: NodeJS.ErrnoException | null, chunk: Buffer, written: number): void {
    this.writing = false;
    if (err) this.error = err;
    // A short write: the rest of the chunk goes before anything buffered since.
    else if (written < chunk.length) this.buffer = chunk.subarray(written).toString('utf8') + this.buffer;
    if (this.closed) this.finish();
    else if (this.buffer.length >= this.bufferChars || (this.buffer !== '' && this.timer === null)) this.flush();
  }

  private finish(): void {
    if (this.error === null && this.buffer !== '') writeSync(this.fd, this.buffer);
    this.buffer = '';
    closeSync(this.fd);
  }
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`AccessLogFile: ${name} must be a positive integer, got ${n}`);
  return n;
}
