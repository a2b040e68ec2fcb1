// The messages between the reconciler and its translation thread (thread-translator.ts ↔ thread-main.ts).
import type { Resource } from '@portico/api';
import type { WatchEvent } from '@portico/store';
import type { SnapshotDelta } from '../../attach/snapshot-delta.ts';
import type { Snapshot, StageEntry } from '../../translate/stage.ts';
import type { TranslationResult } from '../translation-job.ts';

export interface ThreadData {
  stages: StageEntry['name'][];
  /** How much the thread raises its nice value over the one it started with (Linux: per thread; capped at 19). */
  niceIncrement: number;
  /** The last snapshot the reconciler published, when a thread is started again after one died. */
  previous: Snapshot | null;
}

export type ToThread =
  | { t: 'sync'; resources: Resource[]; revision: number }
  | { t: 'event'; event: WatchEvent }
  | { t: 'translate'; id: number; revision: number; now: string };

export type FromThread =
  | { t: 'result'; id: number; result: Omit<TranslationResult, 'snapshot'> & { snapshot: SnapshotDelta | null } }
  | { t: 'failed'; id: number; message: string }
  | { t: 'note'; message: string };
