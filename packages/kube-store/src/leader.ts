// Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it: every replica tries to
// acquire or renew every retry period; a write names the resourceVersion it read, so two replicas never both win.
// A replica considers someone else's lease expired when the record (holder, renewTime, resourceVersion) has not
// changed for a whole lease duration on ITS OWN clock — no trust in other machines' clocks. The leader stops
// considering itself leader when it has not renewed for the renew deadline (shorter than the lease duration), so it
// stops writing before any other replica can take over. Defaults follow client-go's: 15 s lease, 10 s renew
// deadline, 2 s retry (docs/kubernetes.md).
import { hostname } from 'node:os';
import { ApiException, CoordinationV1Api, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { fieldManagerFor } from './field-manager.ts';

export const DEFAULT_LEASE_DURATION_MS = 15_000;
export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_PERIOD_MS = 2_000;

export interface LeaderElectorOptions {
  namespace: string;
  name: string;
  /** This replica's identity in spec.holderIdentity (default: POD_NAME, else hostname_pid). */
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
  onStartedLeading?: () => void;
  onStoppedLeading?: () => void;
  onError?: (err: unknown, what: string) => void;
}

export class LeaderElector {
  readonly identity: string;
  readonly #api: CoordinationV1Api;
  readonly #o: Required<Pick<LeaderElectorOptions, 'namespace' | 'name' | 'leaseDurationMs' | 'renewDeadlineMs' | 'retryPeriodMs' | 'now'>> & LeaderElectorOptions;
  /** The last record seen and when (our clock) it was first seen unchanged. */
  #observed: { key: string; at: number } | null = null;
  /** When we last wrote the lease as holder; null when not leading. */
  #renewedAt: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  #running: Promise<unknown> = Promise.resolve();

  constructor(kc: KubeConfig, o: LeaderElectorOptions) {
    this.#api = kc.makeApiClient(CoordinationV1Api);
    this.identity = o.identity ?? process.env.POD_NAME ?? `${hostname()}_${process.pid}`;
    this.#o = { leaseDurationMs: DEFAULT_LEASE_DURATION_MS, renewDeadlineMs: DEFAULT_RENEW_DEADLINE_MS, retryPeriodMs: DEFAULT_RETRY_PERIOD_MS, now: () => Date.now(), ...o };
    if (this.#o.renewDeadlineMs >= this.#o.leaseDurationMs) throw new Error(`leader election: the renew deadline (${this.#o.renewDeadlineMs} ms) must be shorter than the lease duration (${this.#o.leaseDurationMs} ms)`);
    if (this.#o.retryPeriodMs >= this.#o.renewDeadlineMs) throw new Error(`leader election: the retry period (${this.#o.retryPeriodMs} ms) must be shorter than the renew deadline (${this.#o.renewDeadlineMs} ms)`);
  }

  /** True while this replica holds the lease and renewed it within the renew deadline. */
  isLeader(): boolean {
    return this.#renewedAt !== null && this.#o.now() - this.#renewedAt < this.#o.renewDeadlineMs;
  }

  /** Tries once now, then every retry period. */
  start(): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.tryAcquireOrRenew().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#o.retryPeriodMs);
      });
    };
    tick();
  }

  /** One round: acquire the lease if it is free or expired, renew it if ours. Returns whether we lead after it. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const wasLeader = this.isLeader();
    if (this.#renewedAt !== null && !wasLeader) this.#lost();
    const now = this.#o.now();
    try {
      const current = await this.#read();
      const spec = current?.spec ?? {};
      const mine = spec.holderIdentity === this.identity;
      if (current && !mine && spec.holderIdentity) {
        const key = `${spec.holderIdentity}|${String(spec.renewTime ?? '')}|${current.metadata?.resourceVersion ?? ''}`;
        if (this.#observed?.key !== key) this.#observed = { key, at: now };
        if (now - this.#observed.at < this.#o.leaseDurationMs) return this.#result(wasLeader, false);
      }
      const stamp = new Date(this.#o.now());
      const body: V1Lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.#o.name, namespace: this.#o.namespace, ...(current?.metadata?.resourceVersion ? { resourceVersion: current.metadata.resourceVersion } : {}) },
        spec: {
          holderIdentity: this.identity,
          leaseDurationSeconds: Math.max(1, Math.ceil(this.#o.leaseDurationMs / 1000)),
          acquireTime: mine && spec.acquireTime ? spec.acquireTime : stamp,
          renewTime: stamp,
          leaseTransitions: (spec.leaseTransitions ?? 0) + (current && !mine ? 1 : 0),
        },
      };
      if (current) await this.#api.replaceNamespacedLease({ namespace: this.#o.namespace, name: this.#o.name, body, fieldManager: fieldManagerFor(this.identity) });
      else await this.#api.createNamespacedLease({ namespace: this.#o.namespace, body, fieldManager: fieldManagerFor(this.identity) });
      this.#renewedAt = now;
      return this.#result(wasLeader, true);
    } catch (err) {
      // A 409 is another replica winning the race; anything else is reported. Either way we keep our last renewal:
      // isLeader() turns false by itself when the renew deadline passes.
      if (!(err instanceof ApiException && err.code === 409)) this.#o.onError?.(err, `lease ${this.#o.namespace}/${this.#o.name}`);
      return this.#result(wasLeader, this.isLeader());
    }
  }

  async #read(): Promise<V1Lease | null> {
    try {
      return await this.#api.readNamespacedLease({ namespace: this.#o.namespace, name: this.#o.name });
    } catch (err) {
      if (err instanceof ApiException && err.code === 404) return null;
      throw err;
    }
  }

  #result(wasLeader: boolean, leads: boolean): boolean {
    if (!leads && this.#renewedAt !== null && !this.isLeader()) this.#lost();
    if (leads && !wasLeader) this.#o.onStartedLeading?.();
    return leads;
  }

  #lost(): void {
    this.#renewedAt = null;
    this.#o.onStoppedLeading?.();
  }

  /** Stops trying; a leader releases the lease (empty holder) so another replica takes over without waiting. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running.catch(() => undefined);
    if (!this.isLeader()) return;
    this.#renewedAt = null;
    try {
      const current = await this.#read();
      if (current?.spec?.holderIdentity !== this.identity) return;
      await this.#api.replaceNamespacedLease({ namespace: this.#o.namespace, name: this.#o.name, body: { ...current, spec: { ...current.spec, holderIdentity: '', leaseDurationSeconds: 1 } }, fieldManager: fieldManagerFor(this.identity) });
    } catch (err) {
      this.#o.onError?.(err, `releasing lease ${this.#o.namespace}/${this.#o.name}`);
    }
  }
}
