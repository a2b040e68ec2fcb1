// The reconciler's side of the translation thread (thread-main.ts): starts it with a copy of the view, posts it
// every change the view applies, and turns each result back into a frozen snapshot — only the virtual hosts that
// changed were cloned across; the others are this side's previous objects, so the workers' deltas and the
// gateway's compile cache still see them unchanged. A thread that dies fails the translation in progress and is
// started again on the next one, from the view and the last snapshot published.
import { Worker } from 'node:worker_threads';
import type { WatchEvent } from '@portico/store';
import { reviveSnapshot } from '../../attach/index.ts';
import { SnapshotDecoder } from '../../attach/snapshot-delta.ts';
import type { Snapshot, StageEntry } from '../../translate/stage.ts';
import { STAGES } from '../../translate/stages.ts';
import type { ResourceCache } from '../resource-cache.ts';
import type { TranslationResult } from '../translation-job.ts';
import type { Translator } from '../translator.ts';
import type { FromThread, ThreadData, ToThread } from './messages.ts';

export interface ThreadTranslatorOptions {
  view: ResourceCache;
  /** Entries of the built-in STAGES (the thread imports its own; a stage defined elsewhere cannot cross). */
  stages: readonly StageEntry[];
  /** How far the thread lowers its priority below the process's (default 10 nice levels: it yields to the request
   *  loops under contention and has all the CPU when idle). */
  niceIncrement?: number;
  onError?: (e: { code: string; message: string }) => void;
}

export class ThreadTranslator implements Translator {
  readonly #o: ThreadTranslatorOptions;
  readonly #stages: StageEntry['name'][];
  #thread: Worker | null = null;
  #decoder = new SnapshotDecoder();
  #last: Snapshot | null = null;
  #pending = new Map<number, { resolve: (r: TranslationResult) => void; reject: (e: Error) => void }>();
  #ids = 0;
  #closed = false;

  constructor(options: ThreadTranslatorOptions) {
    for (const s of options.stages) {
      if (!STAGES.some((builtIn) => builtIn === s)) throw new Error(`stage ${s.name} is not one of the built-in stages; a translation thread runs only those`);
    }
    this.#o = options;
    this.#stages = options.stages.map((s) => s.name);
  }

  observe(e: WatchEvent): void {
    // With no thread running, the next one starts from the view, which has this change.
    this.#post({ t: 'event', event: e });
  }

  translate(revision: number, now: string): Promise<TranslationResult> {
    if (this.#closed) return Promise.reject(new Error('the translation thread is closed'));
    this.#thread ??= this.#start();
    const id = ++this.#ids;
    return new Promise<TranslationResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#post({ t: 'translate', id, revision, now });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#thread?.terminate();
  }

  #post(m: ToThread): void {
    this.#thread?.postMessage(m);
  }

  #start(): Worker {
    const data: ThreadData = { stages: this.#stages, niceIncrement: this.#o.niceIncrement ?? 10, previous: this.#last };
    const thread = new Worker(new URL('./thread-main.ts', import.meta.url), { workerData: data });
    // A new thread sends every virtual host whole the first time.
    this.#decoder = new SnapshotDecoder();
    thread.postMessage({ t: 'sync', resources: this.#o.view.resources(), revision: this.#o.view.revision } satisfies ToThread);
    thread.on('message', (m: FromThread) => this.#receive(m));
    thread.on('error', (err) => this.#o.onError?.({ code: 'CP_INTERNAL', message: `translation thread failed: ${err.stack ?? String(err)}` }));
    thread.once('exit', (code) => {
      if (this.#thread === thread) this.#thread = null;
      const gone = new Error(`the translation thread exited (code ${code})`);
      for (const p of this.#pending.values()) p.reject(gone);
      this.#pending.clear();
    });
    return thread;
  }

  #receive(m: FromThread): void {
    if (m.t === 'note') return this.#o.onError?.({ code: 'CP_TRANSLATION_THREAD', message: m.message });
    const waiting = this.#pending.get(m.id);
    if (!waiting) return;
    this.#pending.delete(m.id);
    if (m.t === 'failed') return waiting.reject(new Error(m.message));
    try {
      const snapshot = m.result.snapshot && reviveSnapshot(this.#decoder.decode(m.result.snapshot));
      if (snapshot) this.#last = snapshot;
      waiting.resolve({ ...m.result, snapshot });
    } catch (err) {
      // Out of step with the thread (cannot happen while each result is decoded in order): start afresh.
      void this.#thread?.terminate();
      waiting.reject(err as Error);
    }
  }
}
