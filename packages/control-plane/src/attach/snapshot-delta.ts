// A snapshot as one side posts it to another (a structured clone across a thread or process boundary), with every
// virtual host the other side already has — same name, same content as in the last snapshot sent — sent as its
// name only. The receiver puts its previous object back in that place, so the clone carries only what changed,
// and a gateway, seeing the same frozen object, reuses that host's compiled routes (@portico/gateway's compile
// cache). With 1,000 route tables, a change to one costs one table's serialisation, clone and compile per
// receiver instead of 1,000.
//
// Two links use it: the translation thread → the control plane (reconciler/translation-thread/, the whole
// snapshot), and the primary → each gateway worker of `portico up --workers N` (no portal part: a worker serves
// no portal).
import { uniqueHostNames, type GatewayConfig, type VirtualHostConfig } from '@portico/gateway';
import type { Snapshot } from '../translate/stage.ts';

export interface SnapshotDelta {
  revision: number;
  storeRevision: number;
  authConfigs: Snapshot['authConfigs'];
  rateLimit: Snapshot['rateLimit'];
  /** null when the encoder was made without the portal part. */
  portal: Snapshot['portal'];
  gateway: Omit<GatewayConfig, 'virtualHosts'> & { virtualHosts: (VirtualHostConfig | string)[] };
}

/** Content of a virtual host, computed once per (frozen, so unchanging) config object for every receiver. */
const contentOf = new WeakMap<VirtualHostConfig, string>();
function content(vh: VirtualHostConfig): string {
  let c = contentOf.get(vh);
  if (c === undefined) {
    c = JSON.stringify(vh);
    if (Object.isFrozen(vh)) contentOf.set(vh, c);
  }
  return c;
}

/** Sending side, one per receiver: remembers what the receiver was last sent. A restarted receiver gets a new one. */
export class SnapshotEncoder {
  /** name → content of the virtual hosts of the last snapshot posted (names unique in it). */
  #sent = new Map<string, string>();
  readonly #portal: boolean;

  /** `portal: false` leaves the portal part out (sent as null). */
  constructor(options: { portal: boolean } = { portal: false }) {
    this.#portal = options.portal;
  }

  encode(s: Snapshot): SnapshotDelta {
    const hosts = s.gateway.virtualHosts;
    const unique = uniqueHostNames(hosts);
    const sent = new Map<string, string>();
    const virtualHosts = hosts.map((vh): VirtualHostConfig | string => {
      if (!unique.has(vh.name)) return vh;
      const c = content(vh);
      sent.set(vh.name, c);
      return this.#sent.get(vh.name) === c ? vh.name : vh;
    });
    this.#sent = sent;
    return { revision: s.revision, storeRevision: s.storeRevision, authConfigs: s.authConfigs, rateLimit: s.rateLimit, portal: this.#portal ? s.portal : null, gateway: { ...s.gateway, virtualHosts } };
  }
}

/** Receiving side: resolves names to the virtual hosts of the previous snapshot (their objects, not copies). */
export class SnapshotDecoder {
  #previous = new Map<string, VirtualHostConfig>();

  decode(d: SnapshotDelta): Snapshot {
    const virtualHosts = d.gateway.virtualHosts.map((vh) => {
      if (typeof vh !== 'string') return vh;
      const kept = this.#previous.get(vh);
      if (kept === undefined) throw new Error(`snapshot ${d.revision} refers to virtual host ${vh}, which this side does not have`);
      return kept;
    });
    const unique = uniqueHostNames(virtualHosts);
    this.#previous = new Map(virtualHosts.filter((vh) => unique.has(vh.name)).map((vh) => [vh.name, vh]));
    return { revision: d.revision, storeRevision: d.storeRevision, authConfigs: d.authConfigs, rateLimit: d.rateLimit, portal: d.portal, gateway: { ...d.gateway, virtualHosts } };
  }
}
