// Structural sharing between snapshots: a virtual host whose content did not change keeps the previous snapshot's
// (frozen) object. Translation builds every host afresh on every change; without sharing, each change with 1,000
// route tables froze 1,000 new hosts, sent each whole in the snapshot deltas (which keep only identical objects),
// and made every gateway recompile all of them (its compile cache is keyed by the frozen object). With it, those
// costs follow the hosts that changed. The hosts' serialisations are also what the snapshot fingerprint is built
// from, so each host is serialised once per translation.
import { uniqueHostNames, type GatewayConfig, type VirtualHostConfig } from '@portico/gateway';

type Hosts = GatewayConfig['virtualHosts'];

export class SharedHosts {
  /** name → the published object and its serialisation, for names that occur once. */
  #published = new Map<string, { host: VirtualHostConfig; content: string }>();

  /**
   * The hosts to publish (previous objects where the content is the same) and their serialisations in order. Call
   * `published` once the snapshot holding them is out.
   */
  share(hosts: Hosts): { hosts: Hosts; contents: string[]; published: () => void } {
    const unique = uniqueHostNames(hosts);
    const contents: string[] = [];
    const next = new Map<string, { host: VirtualHostConfig; content: string }>();
    const shared = hosts.map((vh) => {
      const content = JSON.stringify(vh);
      contents.push(content);
      if (!unique.has(vh.name)) return vh;
      const was = this.#published.get(vh.name);
      const host = was !== undefined && was.content === content ? was.host : vh;
      next.set(vh.name, { host, content });
      return host;
    });
    return { hosts: shared, contents, published: () => void (this.#published = next) };
  }
}
