// A snapshot as one side posts it to another (a structured clone across a thread or process boundary), with the
// virtual hosts the other side already has sent as runs of positions in what it was sent last: `[start, count]`
// stands for that many of the receiver's previous hosts from `start`, in order. Only a virtual host that is a new
// object crosses; the receiver puts its previous objects back in place, so a gateway, seeing the same frozen
// object, reuses that host's compiled routes (@portico/gateway's compile cache). With 1,000 route tables, a change
// to one costs one table's serialisation, clone and compile per receiver, and the message stays a few runs long
// instead of naming every host.
//
// "Already has" is object identity: snapshots are deep-frozen, and the control plane keeps the previous object of a
// virtual host whose content did not change (reconciler/shared-hosts.ts), so identity is content here. A mutable
// (unfrozen) host is always sent whole.
//
// Two links use it: the translation thread → the control plane (reconciler/translation-thread/, the whole
// snapshot), and the primary → each gateway worker of `portico up --workers N` (no portal part: a worker serves
// no portal).
import { changedSpan, type GatewayConfig, type VirtualHostConfig } from '@portico/gateway';
import type { Snapshot } from '../translate/stage.ts';

/** `[start, count]`: that many of the previous hosts from `start`; an object: a host sent whole. */
export type HostsDelta = (VirtualHostConfig | [number, number])[];

export interface SnapshotDelta {
  revision: number;
  storeRevision: number;
  authConfigs: Snapshot['authConfigs'];
  rateLimit: Snapshot['rateLimit'];
  /** null when the encoder was made without the portal part. */
  portal: Snapshot['portal'];
  gateway: Omit<GatewayConfig, 'virtualHosts'> & { virtualHosts: HostsDelta };
}

/** Sending side, one per receiver: remembers what the receiver was last sent. A restarted receiver gets a new one. */
export class SnapshotEncoder {
  /** The hosts of the last snapshot sent, in order. */
  #sent: readonly VirtualHostConfig[] = [];
  readonly #portal: boolean;

  /** `portal: false` leaves the portal part out (sent as null). */
  constructor(options: { portal: boolean } = { portal: false }) {
    this.#portal = options.portal;
  }

  /**
   * Pointer comparisons first: the common prefix and suffix with the last snapshot sent (changedSpan), and, between
   * them, each host against the one after the last kept; only a host found nowhere there is looked up among the previous
   * hosts of that span (a map built on the first miss). One table added or changed among 1,000 costs a few
   * comparisons, not 1,000 lookups. (A host outside the span is where it was; one listed twice may cross again.)
   */
  encode(s: Snapshot): SnapshotDelta {
    const next = s.gateway.virtualHosts;
    const before = this.#sent;
    const { start: p, beforeEnd, nextEnd } = changedSpan(before, next);
    const virtualHosts: HostsDelta = [];
    let run: [number, number] | null = null;
    const whole = (vh: VirtualHostConfig) => {
      run = null;
      virtualHosts.push(vh);
    };
    const kept = (vh: VirtualHostConfig, at: number) => {
      if (!Object.isFrozen(vh)) whole(vh);
      else if (run !== null && run[0] + run[1] === at) run[1]++;
      else virtualHosts.push((run = [at, 1]));
    };
    for (let i = 0; i < p; i++) kept(next[i]!, i);
    let span: Map<VirtualHostConfig, number> | null = null;
    for (let i = p; i < nextEnd; i++) {
      const vh = next[i]!;
      const r = run as [number, number] | null;
      if (r !== null && before[r[0] + r[1]] === vh && r[0] + r[1] < beforeEnd) {
        kept(vh, r[0] + r[1]);
        continue;
      }
      if (span === null) {
        span = new Map();
        for (let j = beforeEnd - 1; j >= p; j--) span.set(before[j]!, j);
      }
      const at = span.get(vh);
      if (at === undefined) whole(vh);
      else kept(vh, at);
    }
    for (let i = nextEnd; i < next.length; i++) kept(next[i]!, beforeEnd + (i - nextEnd));
    this.#sent = Object.isFrozen(next) ? next : next.slice();
    return { revision: s.revision, storeRevision: s.storeRevision, authConfigs: s.authConfigs, rateLimit: s.rateLimit, portal: this.#portal ? s.portal : null, gateway: { ...s.gateway, virtualHosts } };
  }
}

/** Receiving side: puts its previous objects back for the runs. */
export class SnapshotDecoder {
  #previous: readonly VirtualHostConfig[] = [];

  decode(d: SnapshotDelta): Snapshot {
    const previous = this.#previous;
    const virtualHosts: VirtualHostConfig[] = [];
    for (const part of d.gateway.virtualHosts) {
      if (!Array.isArray(part)) {
        virtualHosts.push(part);
        continue;
      }
      const [start, count] = part;
      if (!(start >= 0 && count > 0 && start + count <= previous.length)) {
        throw new Error(`snapshot ${d.revision} refers to virtual hosts ${start}–${start + count - 1} of the previous snapshot, which had ${previous.length}`);
      }
      for (let i = start; i < start + count; i++) virtualHosts.push(previous[i]!);
    }
    this.#previous = virtualHosts;
    return { revision: d.revision, storeRevision: d.storeRevision, authConfigs: d.authConfigs, rateLimit: d.rateLimit, portal: d.portal, gateway: { ...d.gateway, virtualHosts } };
  }
}
