import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AccessLogFile } from './access-log-file.ts';

describe('AccessLogFile', () => {
  it('keeps every line, in order, across buffer-sized writes and close()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-accesslog-'));
    try {
      const file = join(dir, 'access.log');
      const log = new AccessLogFile(file, { bufferChars: 100, flushAfterMs: 10_000 });
      const expected: string[] = [];
      for (let i = 0; i < 500; i++) {
        const line = `{"n":${i},"s":"${'x'.repeat(i % 37)}é"}\n`;
        expected.push(line);
        log.write(line);
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
      log.close();
      // A write still in flight finishes first, then the rest is written and the file closed.
      for (let i = 0; i < 400 && readFileSync(file, 'utf8').length < expected.join('').length; i++) await new Promise((r) => setTimeout(r, 5));
      assert.equal(readFileSync(file, 'utf8'), expected.join(''));
      log.write('after close\n');
      assert.equal(readFileSync(file, 'utf8'), expected.join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a partly filled buffer after flushAfterMs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-accesslog-'));
    try {
      const file = join(dir, 'access.log');
      const log = new AccessLogFile(file, { flushAfterMs: 5 });
      log.write('one\n');
      let text = '';
      for (let i = 0; i < 200 && text === ''; i++) {
        await new Promise((r) => setTimeout(r, 10));
        text = readFileSync(file, 'utf8');
      }
      assert.equal(text, 'one\n');
      log.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects options that are not positive integers', () => {
    assert.throws(() => new AccessLogFile('/dev/null', { bufferChars: 0 }), /bufferChars must be a positive integer/);
    assert.throws(() => new AccessLogFile('/dev/null', { flushAfterMs: 1.5 }), /flushAfterMs must be a positive integer/);
  });
});
