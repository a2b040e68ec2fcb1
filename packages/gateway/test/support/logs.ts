import { Writable } from 'node:stream';
import pino from 'pino';

// A real pino logger writing into memory, so tests can read the access-log lines.

export function memoryLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Waits until `predicate` holds over the log lines (access lines are written when the response closes). */
export async function waitForLog(
  lines: () => Record<string, unknown>[],
  predicate: (l: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const hit = lines().find(predicate);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('expected log line not written');
}
