// Where a translation runs. In the reconciler's own thread (InlineTranslator: tests, a library user with nothing
// else on its event loop), or in a worker thread of lower CPU priority (translation-thread/: `portico up`, whose
// main thread also accepts the gateway's connections and relays snapshots and key revocations to the workers).
import { setImmediate as turn } from 'node:timers/promises';
import type { WatchEvent } from '@portico/store';
import type { StageEntry } from '../translate/stage.ts';
import type { ResourceCache } from './resource-cache.ts';
import { TranslationJob, type TranslationResult } from './translation-job.ts';

export interface Translator {
  /** A change the reconciler's view has just applied (a translator with its own copy of the view follows it). */
  observe(e: WatchEvent): void;
  /** Translates the view as it is now, which has seen every change up to `revision`. */
  translate(revision: number, now: string): Promise<TranslationResult>;
  close(): Promise<void>;
}

export class InlineTranslator implements Translator {
  readonly #view: ResourceCache;
  readonly #job: TranslationJob;

  constructor(view: ResourceCache, stages: readonly StageEntry[]) {
    this.#view = view;
    this.#job = new TranslationJob(stages);
  }

  observe(): void {}

  async translate(revision: number, now: string): Promise<TranslationResult> {
    const resources = this.#view.resources();
    // A translation of a large configuration is tens of milliseconds of CPU: let what came in meanwhile run first
    // and after.
    await turn();
    const result = this.#job.run(resources, revision, now);
    await turn();
    return result;
  }

  async close(): Promise<void> {}
}
