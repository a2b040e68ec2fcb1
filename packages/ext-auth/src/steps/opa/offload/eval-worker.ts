// A worker thread that evaluates Rego queries too heavy for the event loop (see eval-pool.ts). It prepares each
// (modules, query) once and keeps the prepared query, keyed by the caller's fingerprint, for the next requests.
import { parentPort } from 'node:worker_threads';
import { prepare } from '@portico/rego';
import { READY, type EvalJob, type EvalReply } from './eval-pool.ts';

type Prepared = Extract<ReturnType<typeof prepare>, { ok: true }>['value'];
const cache = new Map<string, Prepared>();
const MAX_CACHED = 256;

parentPort!.on('message', (job: EvalJob) => {
  let reply: EvalReply;
  try {
    let q = cache.get(job.key);
    if (q === undefined) {
      const p = prepare({ modules: job.modules, query: job.query });
      if (!p.ok) {
        parentPort!.postMessage({ id: job.id, result: { ok: false, errors: p.errors } } satisfies EvalReply);
        return;
      }
      q = p.value;
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(job.key, q);
    }
    reply = { id: job.id, result: q.eval({ input: job.input, limits: job.limits }) as EvalReply['result'] };
  } catch (err) {
    reply = { id: job.id, result: { ok: false, errors: [{ code: 'eval_error', message: `worker: ${(err as Error).message}` }] } };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage(READY);
