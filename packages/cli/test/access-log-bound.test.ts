// The data plane's access log when its reader stops reading (a stalled collector, a pipe nobody drains): a
// real FIFO whose reading end is not read. Lines beyond the bound are dropped and counted, one warning is
// logged, and once the reader reads again whole lines flow — no line is torn, none is written twice.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { openAccessLog } from '../src/up/access-log.ts';

test('access log: a reader that stops reading costs bounded memory; drops are counted; whole lines resume', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-access-log-'));
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const rfd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const wfd = openSync(fifo, 'w');
  try {
    const warnings: string[] = [];
    const logger = { info() {}, error() {}, warn: (_o: object, msg?: string) => void warnings.push(msg ?? '') };
    const bound = 64 * 1024;
    const log = openAccessLog(wfd, logger, { maxPendingBytes: bound, batchBytes: 4096 });
    const registry = new Registry();
    log.registerMetrics(registry);
    const total = 5000;
    const line = (i: number) => `{"n":${i},"pad":"${'x'.repeat(100)}"}\n`; // 121 bytes
    for (let i = 0; i < total; i++) log.writer.write(line(i));

    const dropped = (await registry.getSingleMetric('portico_gateway_access_log_dropped_lines_total')!.get()).values[0]!.value;
    // The pipe buffer (64 KiB on Linux) and the bound (64 KiB) hold ~1,000 lines; the rest cannot have been kept.
    assert.ok(dropped >= total - Math.ceil((2 * bound + 65536) / 121), `dropped ${dropped}`);
    assert.equal(warnings.length, 1, 'one warning for the episode');

    // The reader reads again: everything kept arrives, as whole lines in order.
    let text = '';
    const buf = Buffer.alloc(65536);
    const expected = total - dropped;
    for (let polls = 0; text.split('\n').length - 1 < expected; polls++) {
      if (polls > 2000) assert.fail(`only ${text.split('\n').length - 1} of ${expected} lines arrived`);
      try {
        const n = readSync(rfd, buf, 0, buf.length, null);
        text += buf.toString('utf8', 0, n);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    const lines = text.split('\n').slice(0, -1);
    assert.equal(lines.length, expected);
    let last = -1;
    for (const l of lines) {
      const n = (JSON.parse(l) as { n: number }).n; // a torn line would not parse
      assert.ok(n > last, 'in order, none twice');
      last = n;
    }
    await log.destroy(); // closes wfd
  } finally {
    closeSync(rfd);
    rmSync(dir, { recursive: true, force: true });
  }
});
