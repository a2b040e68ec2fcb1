// The gateway's compiled virtual hosts, kept between configuration updates and patched with what changed. A
// snapshot delta keeps the same frozen object for every virtual host that did not change, so an update is a diff
// by identity: the hosts that left are taken out of the host table, the new ones compiled (compileHost) and put
// in, and only the domains they claim are looked at again. With 1,000 route tables, rebuilding the whole table on
// every change (lower-casing every domain, filling two maps of 1,000 entries) was most of a worker's time per
// change; patching costs what changed.
//
// Several hosts may claim one domain (merged in config order, compile.ts's mergedHost). A new host's place among
// them is its position in the new list. When the hosts that stay are reordered, or most of the list is new, the
// table is rebuilt from the list, which is what compileConfig does every time.
import { changedSpan } from '../config/changed-span.ts';
import type { GatewayConfig, VirtualHostConfig } from '../config/types.ts';
import type { GatewayIssue } from '../errors.ts';
import { compileHost, mergedHost, type CompileCache, type CompiledConfig, type CompiledHostEntry, type CompiledVirtualHost } from './compile.ts';
import { HostTable } from './hosts.ts';

export class CompiledHosts {
  readonly #cache: CompileCache;
  /** The hosts of the last update, in order, with their entries. */
  #hosts: VirtualHostConfig[] = [];
  #entries = new Map<VirtualHostConfig, CompiledHostEntry>();
  /** Domain key → the hosts claiming it, in config order. */
  #claimants = new Map<string, VirtualHostConfig[]>();
  #table = new HostTable<CompiledVirtualHost>();
  /** Pool key → how many hosts forward to it. */
  #origins = new Map<string, number>();
  /** How many hosts have compile issues (most updates have none to collect). */
  #withIssues = 0;
  /** The last list held one object twice: the next update rebuilds (a patch takes each object out once). */
  #repeats = false;
  /** Hosts in the table that are not frozen. */
  #mutable = new Set<VirtualHostConfig>();

  constructor(cache: CompileCache) {
    this.#cache = cache;
  }

  /**
   * Applies a new list of virtual hosts. The returned config's host table is this object's, updated in place by
   * the next update: it is current until then (the gateway swaps its `current` at the same moment).
   */
  update(config: GatewayConfig): { compiled: CompiledConfig; issues: GatewayIssue[] } {
    const next = config.virtualHosts;
    const diff = this.#diff(this.#hosts, next);
    this.#hosts = next.slice();
    if (diff === null) {
      this.#reset();
      this.#repeats = new Set(next).size !== next.length;
      this.#patch(next, [], next, true);
    } else {
      this.#patch(next, diff.removed, diff.added, false);
    }
    return { compiled: { revision: config.revision, hosts: this.#table, origins: new Set(this.#origins.keys()) }, issues: this.#issues() };
  }

  /**
   * The hosts that left and the new ones, or null when a rebuild is simpler or needed. Only the span where the
   * lists differ (changed-span.ts) is looked at: one table changed among 1,000 is a span of one or two.
   */
  #diff(before: readonly VirtualHostConfig[], next: readonly VirtualHostConfig[]): { removed: VirtualHostConfig[]; added: VirtualHostConfig[] } | null {
    if (this.#repeats) return null;
    const span = changedSpan(before, next);
    const left = before.slice(span.start, span.beforeEnd);
    const arrived = next.slice(span.start, span.nextEnd);
    const leftSet = new Set(left);
    const arrivedSet = new Set(arrived);
    // One object twice in the new list: within the span, or also outside it (then it is one of the table's hosts
    // that is not in the old span).
    if (arrivedSet.size !== arrived.length || arrived.some((vh) => this.#entries.has(vh) && !leftSet.has(vh))) return null;
    const removed = left.filter((vh) => !arrivedSet.has(vh));
    const added = arrived.filter((vh) => !leftSet.has(vh));
    if (removed.length + added.length > next.length / 2) return null;
    // The hosts that stay in the span must keep their order (outside it they are where they were).
    const stayedBefore = left.filter((vh) => arrivedSet.has(vh));
    const stayedAfter = arrived.filter((vh) => leftSet.has(vh));
    if (stayedBefore.some((vh, i) => stayedAfter[i] !== vh)) return null;
    // A mutable host may have changed in place: taken out and compiled again on every update.
    for (const vh of this.#mutable) {
      if (removed.includes(vh)) continue;
      removed.push(vh);
      if (!leftSet.has(vh) || arrivedSet.has(vh)) added.push(vh);
    }
    return { removed, added };
  }

  #reset(): void {
    this.#entries = new Map();
    this.#claimants = new Map();
    this.#table = new HostTable();
    this.#origins = new Map();
    this.#mutable = new Set();
    this.#withIssues = 0;
  }

  /** Takes `removed` out and puts `added` in; `inOrder`: `added` is the whole list, in order (a rebuild). */
  #patch(next: readonly VirtualHostConfig[], removed: readonly VirtualHostConfig[], added: readonly VirtualHostConfig[], inOrder: boolean): void {
    const touched = new Set<string>();
    for (const vh of removed) this.#take(vh, touched);
    let position: Map<VirtualHostConfig, number> | null = null;
    const positionOf = (vh: VirtualHostConfig) => (position ??= new Map(next.map((h, i) => [h, i]))).get(vh)!;
    for (const vh of added) {
      const entry = compileHost(vh, this.#cache);
      this.#entries.set(vh, entry);
      if (!Object.isFrozen(vh)) this.#mutable.add(vh);
      if (entry.issues.length > 0) this.#withIssues++;
      for (const o of entry.origins) this.#origins.set(o, (this.#origins.get(o) ?? 0) + 1);
      for (const key of entry.keys) {
        touched.add(key);
        const claimants = this.#claimants.get(key);
        if (claimants === undefined) this.#claimants.set(key, [vh]);
        else {
          claimants.push(vh);
          if (!inOrder) claimants.sort((a, b) => positionOf(a) - positionOf(b));
        }
      }
    }
    for (const key of touched) {
      const claimants = this.#claimants.get(key);
      if (claimants === undefined || claimants.length === 0) {
        this.#claimants.delete(key);
        this.#table.delete(key);
      } else {
        this.#table.set(key, mergedHost(claimants.map((vh) => this.#entries.get(vh)!.vh)));
      }
    }
  }

  /** Takes a host out: its domains (marked touched), its origins, its entry. */
  #take(vh: VirtualHostConfig, touched: Set<string>): void {
    const entry = this.#entries.get(vh)!;
    this.#entries.delete(vh);
    this.#mutable.delete(vh);
    if (entry.issues.length > 0) this.#withIssues--;
    for (const o of entry.origins) {
      const n = this.#origins.get(o)! - 1;
      if (n === 0) this.#origins.delete(o);
      else this.#origins.set(o, n);
    }
    for (const key of entry.keys) {
      touched.add(key);
      const claimants = this.#claimants.get(key);
      if (claimants !== undefined) claimants.splice(claimants.indexOf(vh), 1);
    }
  }

  /** Every host's compile issues, in config order, on every update (a broken route stays reported). */
  #issues(): GatewayIssue[] {
    const issues: GatewayIssue[] = [];
    if (this.#withIssues === 0) return issues;
    for (const vh of this.#hosts) issues.push(...this.#entries.get(vh)!.issues);
    return issues;
  }
}
