// @portico/control-plane/attach — what a data-plane process needs to follow snapshots it receives from a control
// plane in another process, without loading the control plane itself (store, stages, schemas).
import { deepFreeze, freezeMap } from '../translate/freeze.ts';
import type { Snapshot } from '../translate/stage.ts';

export { attachDataPlanes } from './attach-data-planes.ts';
export type { DataPlanes, SnapshotSource } from './attach-data-planes.ts';
export type { Snapshot } from '../translate/stage.ts';
export { SnapshotDecoder, SnapshotEncoder, type SnapshotDelta } from './snapshot-delta.ts';

/** A snapshot that crossed a process boundary (structured clone drops freezing): frozen again, maps read-only. */
export function reviveSnapshot(s: Snapshot): Snapshot {
  return deepFreeze({ ...s, authConfigs: freezeMap(s.authConfigs) });
}
