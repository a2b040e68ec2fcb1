// Snapshots to one worker, at most one in flight: the worker answers `portico.applied` once its data planes have a
// snapshot, and only then gets the next — the latest there is, whatever came in between (latest wins). When the
// control plane publishes faster than a worker compiles (1,000 RouteTables applied one by one), the worker applies
// a few large steps instead of queueing every snapshot: nothing piles up in the IPC channel or the worker's heap,
// and its request loop is never held by a backlog of compiles.
import { SnapshotEncoder, type Snapshot, type SnapshotDelta } from '@portico/control-plane/attach';

export class SnapshotFeed {
  readonly #send: (s: SnapshotDelta) => void;
  #encoder = new SnapshotEncoder();
  #inFlight = false;
  #pending: Snapshot | null = null;

  /** `send` posts one message to the worker (and must not throw: a gone worker is the caller's to notice). */
  constructor(send: (s: SnapshotDelta) => void) {
    this.#send = send;
  }

  /** A new snapshot for this worker: sent now, or when the one in flight is applied. */
  offer(s: Snapshot): void {
    if (this.#inFlight) {
      this.#pending = s;
      return;
    }
    this.#inFlight = true;
    this.#send(this.#encoder.encode(s));
  }

  /** The worker applied what it was sent. */
  applied(): void {
    this.#inFlight = false;
    const next = this.#pending;
    this.#pending = null;
    if (next !== null) this.offer(next);
  }

  /** The worker lost track (it restarted its snapshot channel): the next snapshot goes whole. */
  reset(): void {
    this.#encoder = new SnapshotEncoder();
    this.#inFlight = false;
    this.#pending = null;
  }
}
