// What the primary and its gateway workers say to each other over the cluster IPC channel (serialization:
// 'advanced', so snapshots keep their Map of auth configs). Rate-limit counting and prom-client's metric
// collection use the same channel with their own tags.
import type { UpSettings } from '../settings.ts';
import type { SnapshotDelta } from '@portico/control-plane/attach';

/** Handed to each worker in its environment (PORTICO_WORKER). */
export interface WorkerSettings {
  gateway: UpSettings['gateway'];
  stateDir: string;
  redisUrl: string | null;
  /** The teams-and-apps portal database (postgres://…), or null for <stateDir>/portal.db. */
  portalDb: string | null;
  /** The primary's counter service (embedded counters; null with Redis, where each worker counts itself). */
  counterSocket: string | null;
}

export const WORKER_ENV = 'PORTICO_WORKER';

export type PrimaryMessage = { t: 'portico.snapshot'; snapshot: SnapshotDelta } | { t: 'portico.stop' };
/** `listening`: `coldCache`, the worker started on an empty compile cache (primary.ts replaces it, warm).
 *  `hello`: the worker listens for snapshots now (a message sent before would be lost), or lost track of them; the
 *  primary answers with the current one, whole. `applied`: the snapshot sent last is in the worker's data planes
 *  (snapshot-feed.ts sends the next only then). */
export type WorkerMessage =
  | { t: 'portico.hello' }
  | { t: 'portico.applied'; revision: number }
  | { t: 'portico.listening'; port: number; revision: number; coldCache: boolean }
  | { t: 'portico.fatal'; message: string };

export function isMessage<T extends { t: string }>(m: unknown, t: T['t']): m is T {
  return typeof m === 'object' && m !== null && (m as { t?: unknown }).t === t;
}
