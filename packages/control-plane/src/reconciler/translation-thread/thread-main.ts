// The translation thread: a copy of the reconciler's view of the store, fed by the events the reconciler posts,
// translated on request. It lowers its own CPU priority first: a translation of 1,000 route tables is a burst of
// 15–25 ms of CPU, and at the primary's priority that burst took a core from a gateway worker under load and
// showed in the gateway's p99 (docs/data-plane.md). On Linux a thread's nice value is its own, so the primary's
// main thread — which accepts the gateway's connections and relays snapshots to the workers — keeps its priority,
// and so do the worker processes it forks.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { reviveSnapshot } from '../../attach/index.ts';
import { SnapshotEncoder } from '../../attach/snapshot-delta.ts';
import { STAGES } from '../../translate/stages.ts';
import { ResourceCache } from '../resource-cache.ts';
import { TranslationJob } from '../translation-job.ts';
import type { FromThread, ThreadData, ToThread } from './messages.ts';

const port = parentPort!;
const post = (m: FromThread) => port.postMessage(m);
const data = workerData as ThreadData;
try {
  // Relative to what the thread inherited: a process already run under `nice` keeps the difference (and lowering
  // a nice value would need privileges).
  setPriority(Math.min(19, getPriority() + data.niceIncrement));
} catch (err) {
  post({ t: 'note', message: `the translation thread keeps its priority: ${(err as Error).message}` });
}
const view = new ResourceCache();
const job = new TranslationJob(
  STAGES.filter((s) => data.stages.includes(s.name)),
  data.previous ? reviveSnapshot(data.previous) : null,
);
// Only the virtual hosts that changed cross back (the reconciler keeps the others' objects).
const encoder = new SnapshotEncoder({ portal: true });

port.on('message', (m: ToThread) => {
  switch (m.t) {
    case 'sync':
      view.load(m.resources, m.revision);
      break;
    case 'event':
      view.applyOwned(m.event);
      break;
    case 'translate':
      try {
        const result = job.run(view.resources(), m.revision, m.now);
        post({ t: 'result', id: m.id, result: { ...result, snapshot: result.snapshot && encoder.encode(result.snapshot) } });
      } catch (err) {
        post({ t: 'failed', id: m.id, message: (err as Error).stack ?? String(err) });
      }
      break;
  }
});
