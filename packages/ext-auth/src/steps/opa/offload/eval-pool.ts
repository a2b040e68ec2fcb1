// Rego evaluation that cannot starve the event loop (issue 11 item 4). The interpreter is synchronous: one policy
// that takes 250 ms per request, asked 20 times at once, used to hold every other route for 5 s. Now an evaluation
// first runs inline with a small time budget (the common, fast case stays in-process and allocation-free); when it
// runs out, it is re-run on a worker thread with the full limits, and the step remembers to go there directly.
// The step limit applies in both places. Jobs queue on the worker(s); a full queue or a worker that does not answer
// within the time limit fails closed (deny, counted as an error) and the stuck worker is replaced.
import { Worker } from 'node:worker_threads';
import type { RegoError } from '../rego-api.ts';

export interface EvalJob {
  id: number;
  /** Identifies (modules, query): the worker prepares each once. */
  key: string;
  modules: Record<string, string>;
  query: string;
  input: unknown;
  limits: { maxSteps: number; timeoutMs: number };
}

export interface EvalReply {
  id: number;
  result: { ok: true; results: Array<{ expressions: unknown[]; bindings: Record<string, unknown> }> } | { ok: false; errors: RegoError[] };
}

export interface EvalPoolOptions {
  /** Worker threads (default 1: heavy policies share one core; the event loop keeps the other). */
  workers?: number;
  /** Jobs waiting beyond which new ones are refused (default 256). */
  maxQueued?: number;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: EvalReply['result']) => void; timer: NodeJS.Timeout }>;
}

export class RegoEvalPool {
  readonly #slots: Slot[] = [];
  readonly #size: number;
  readonly #maxQueued: number;
  #nextId = 1;
  #closed = false;

  constructor(opts: EvalPoolOptions = {}) {
    this.#size = Math.max(1, opts.workers ?? 1);
    this.#maxQueued = opts.maxQueued ?? 256;
  }

  get queued(): number {
    return this.#slots.reduce((n, s) => n + s.pending.size, 0);
  }

  run(job: Omit<EvalJob, 'id'>): Promise<EvalReply['result']> {
    if (this.#closed) return Promise.resolve(failure('the Rego worker pool is closed'));
    if (this.queued >= this.#maxQueued) return Promise.resolve(failure(`Rego worker queue full (${this.#maxQueued} evaluations waiting)`));
    const slot = this.#pick();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      // A builtin that never reaches a step check could hold the worker past the deadline: replace it.
      const timer = setTimeout(() => {
        slot.pending.delete(id);
        resolve(failure('evaluation exceeded the time limit (worker replaced)'));
        this.#replace(slot);
      }, job.limits.timeoutMs + 1000);
      slot.pending.set(id, { resolve, timer });
      slot.worker.ref();
      slot.worker.postMessage({ ...job, id } satisfies EvalJob);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const s of this.#slots.splice(0)) {
      for (const p of s.pending.values()) {
        clearTimeout(p.timer);
        p.resolve(failure('the Rego worker pool is closed'));
      }
      await s.worker.terminate();
    }
  }

  #pick(): Slot {
    if (this.#slots.length < this.#size) {
      const slot = this.#spawn();
      this.#slots.push(slot);
      return slot;
    }
    return this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('./eval-worker.ts', import.meta.url));
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (reply: EvalReply) => {
      const p = slot.pending.get(reply.id);
      if (p === undefined) return;
      slot.pending.delete(reply.id);
      clearTimeout(p.timer);
      if (slot.pending.size === 0) worker.unref();
      p.resolve(reply.result);
    });
    worker.on('error', (err) => this.#fail(slot, `Rego worker failed: ${err.message}`));
    worker.on('exit', () => this.#fail(slot, 'Rego worker exited'));
    return slot;
  }

  #fail(slot: Slot, why: string): void {
    for (const p of slot.pending.values()) {
      clearTimeout(p.timer);
      p.resolve(failure(why));
    }
    slot.pending.clear();
    const i = this.#slots.indexOf(slot);
    if (i !== -1) this.#slots.splice(i, 1);
  }

  #replace(slot: Slot): void {
    this.#fail(slot, 'Rego worker replaced after a timeout');
    void slot.worker.terminate();
  }
}

function failure(message: string): EvalReply['result'] {
  return { ok: false, errors: [{ code: 'eval_limit_error', message }] };
}

/** The process's pool, created on first use (no thread is started for configs whose policies stay fast). */
let shared: RegoEvalPool | null = null;
export function sharedRegoEvalPool(): RegoEvalPool {
  shared ??= new RegoEvalPool({ workers: Number(process.env.PORTICO_REGO_WORKERS ?? 1) || 1 });
  return shared;
}
