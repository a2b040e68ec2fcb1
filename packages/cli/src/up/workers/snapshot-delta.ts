// A snapshot as the primary posts it to one worker: what a gateway worker uses (the gateway config, auth configs,
// rate-limit descriptors; not the portal's view), with every virtual host the worker already has — same name,
// same content as in the last snapshot posted to it — sent as its name only. The worker puts its previous object
// back in that place, so the structured clone carries only what changed, and the gateway, seeing the same frozen
// object, reuses that host's compiled routes (@portico/gateway's compile cache). With 1,000 route tables, a change
// to one costs one table's serialisation, clone and compile per worker instead of 1,000.
import { uniqueHostNames, type GatewayConfig, type VirtualHostConfig } from '@portico/gateway';
import type { Snapshot } from '@portico/control-plane/attach';

export interface WorkerSnapshot {
  revision: number;
  storeRevision: number;
  authConfigs: Snapshot['authConfigs'];
  rateLimit: Snapshot['rateLimit'];
  gateway: Omit<GatewayConfig, 'virtualHosts'> & { virtualHosts: (VirtualHostConfig | string)[] };
}

/** Content of a virtual host, computed once per (frozen, so unchanging) config object for every worker. */
const contentOf = new WeakMap<VirtualHostConfig, string>();
function content(vh: VirtualHostConfig): string {
  let c = contentOf.get(vh);
  if (c === undefined) {
    c = JSON.stringify(vh);
    if (Object.isFrozen(vh)) contentOf.set(vh, c);
  }
  return c;
}

/** Primary side, one per worker: remembers what the worker was last sent. A restarted worker gets a new one. */
export class SnapshotEncoder {
  /** name → content of the virtual hosts of the last snapshot posted (names unique in it). */
  #sent = new Map<string, string>();

  encode(s: Snapshot): WorkerSnapshot {
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
    return { revision: s.revision, storeRevision: s.storeRevision, authConfigs: s.authConfigs, rateLimit: s.rateLimit, gateway: { ...s.gateway, virtualHosts } };
  }
}

/** Worker side: resolves names to the virtual hosts of the previous snapshot (their objects, not copies). */
export class SnapshotDecoder {
  #previous = new Map<string, VirtualHostConfig>();

  decode(w: WorkerSnapshot): Snapshot {
    const virtualHosts = w.gateway.virtualHosts.map((vh) => {
      if (typeof vh !== 'string') return vh;
      const kept = this.#previous.get(vh);
      if (kept === undefined) throw new Error(`snapshot ${w.revision} refers to virtual host ${vh}, which this worker does not have`);
      return kept;
    });
    const unique = uniqueHostNames(virtualHosts);
    this.#previous = new Map(virtualHosts.filter((vh) => unique.has(vh.name)).map((vh) => [vh.name, vh]));
    return { revision: w.revision, storeRevision: w.storeRevision, authConfigs: w.authConfigs, rateLimit: w.rateLimit, portal: null, gateway: { ...w.gateway, virtualHosts } };
  }
}
