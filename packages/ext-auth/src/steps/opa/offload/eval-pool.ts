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

/** The worker's first message: the engine is loaded and jobs may come. */
export const READY = 'ready';

export interface EvalPoolOptions {
  /** Worker threads (default 1: heavy policies share one core; the event loop keeps the other). */
  workers?: number;
  /** Jobs waiting beyond which new ones are refused (default 256). */
  maxQueued?: number;
}

interface Waiting {
  job: EvalJob;
  resolve: (r: EvalReply['result']) => void;
}

/**
 * One worker; it evaluates one job at a time, so its watchdog measures that job alone, not the queue before it nor
 * the worker's start-up (loading the Rego engine takes seconds on a loaded host): jobs go to a worker only once it
 * has said it is ready.
 */
interface Slot {
  worker: Worker;
  ready: boolean;
  current: (Waiting & { timer: NodeJS.Timeout }) | null;
}

/** A worker that has not loaded the engine by then is replaced and the jobs waiting keep their place. */
const STARTUP_LIMIT_MS = 60_000;

export class RegoEvalPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Waiting[] = [];
  readonly #size: number;
  readonly #maxQueued: number;
  #nextId = 1;
  #closed = false;

  constructor(opts: EvalPoolOptions = {}) {
    this.#size = Math.max(1, opts.workers ?? 1);
    this.#maxQueued = opts.maxQueued ?? 256;
  }

  get queued(): number {
    return this.#queue.length;
  }

  run(job: Omit<EvalJob, 'id'>): Promise<EvalReply['result']> {
    if (this.#closed) return Promise.resolve(failure('the Rego worker pool is closed'));
    if (this.#queue.length >= this.#maxQueued) return Promise.resolve(failure(`Rego worker queue full (${this.#maxQueued} evaluations waiting)`));
    return new Promise((resolve) => {
      this.#queue.push({ job: { ...job, id: this.#nextId++ }, resolve });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#queue.splice(0)) w.resolve(failure('the Rego worker pool is closed'));
    for (const s of this.#slots.splice(0)) {
      this.#settle(s, failure('the Rego worker pool is closed'));
      await s.worker.terminate();
    }
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.find((s) => s.ready && s.current === null);
      if (slot === undefined) {
        if (this.#slots.length < this.#size) this.#slots.push(this.#spawn());
        return;
      }
      const next = this.#queue.shift()!;
      const s = slot;
      // A builtin that never reaches a step check could hold the worker past the deadline: replace it.
      const timer = setTimeout(() => {
        this.#settle(s, failure('evaluation exceeded the time limit (worker replaced)'));
        this.#remove(s);
        void s.worker.terminate();
        this.#dispatch();
      }, next.job.limits.timeoutMs + 1000);
      s.current = { ...next, timer };
      s.worker.ref();
      s.worker.postMessage(next.job);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('./eval-worker.ts', import.meta.url));
    const slot: Slot = { worker, ready: false, current: null };
    const startup = setTimeout(() => {
      this.#remove(slot);
      void worker.terminate();
      this.#dispatch();
    }, STARTUP_LIMIT_MS);
    startup.unref();
    worker.on('message', (reply: EvalReply | typeof READY) => {
      if (reply === READY) {
        clearTimeout(startup);
        // No job goes to a worker before this message, so it is idle now; #dispatch refs it if one is waiting.
        slot.ready = true;
        worker.unref();
        this.#dispatch();
        return;
      }
      if (slot.current?.job.id !== reply.id) return;
      this.#settle(slot, reply.result);
      this.#dispatch();
    });
    const gone = (why: string) => {
      clearTimeout(startup);
      this.#settle(slot, failure(why));
      this.#remove(slot);
      this.#dispatch();
    };
    worker.on('error', (err) => gone(`Rego worker failed: ${err.message}`));
    worker.on('exit', () => gone('Rego worker exited'));
    return slot;
  }

  #settle(slot: Slot, result: EvalReply['result']): void {
    const c = slot.current;
    if (c === null) return;
    slot.current = null;
    clearTimeout(c.timer);
    slot.worker.unref();
    c.resolve(result);
  }

  #remove(slot: Slot): void {
    const i = this.#slots.indexOf(slot);
    if (i !== -1) this.#slots.splice(i, 1);
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
