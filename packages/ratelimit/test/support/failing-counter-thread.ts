// The counter service's thread, failing once: the first thread started on a store file (no marker beside it yet)
// throws 100 ms after it starts, as a thread with a bug would; the one started after it runs normally.
import { existsSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

await import('../../src/stores/counter-service-thread.ts');
const marker = `${(workerData as { path: string }).path}.failed-once`;
if (!existsSync(marker)) {
  writeFileSync(marker, '');
  setTimeout(() => {
    throw new Error('injected failure');
  }, 100);
}
