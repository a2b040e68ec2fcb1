// Preloaded into a proxy by `profile.ts --alloc` (node --import): V8's sampling heap profiler, counting objects
// the garbage collector has already freed too (what a request *allocates*, not what it keeps). SIGUSR1 starts
// sampling, SIGUSR2 stops it and writes `alloc-<pid>.heapprofile` into ALLOC_PROFILE_DIR. ALLOC_PROFILE_MODE=promoted
// leaves out what a scavenge freed: what remains is what lived long enough to be promoted (or is still alive) —
// what the old generation's mark-compacts have to deal with.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const session = new Session();
session.connect();
session.post('HeapProfiler.enable');
process.on('SIGUSR1', () => {
  session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: process.env.ALLOC_PROFILE_MODE !== 'live', includeObjectsCollectedByMinorGC: process.env.ALLOC_PROFILE_MODE === undefined || process.env.ALLOC_PROFILE_MODE === 'all' });
});
process.on('SIGUSR2', () => {
  session.post('HeapProfiler.stopSampling', (err, r) => {
    if (err) throw err;
    writeFileSync(join(process.env.ALLOC_PROFILE_DIR!, `alloc-${process.pid}.heapprofile`), JSON.stringify(r.profile));
  });
});
