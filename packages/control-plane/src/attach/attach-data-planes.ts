// The one place that hands snapshots to the data planes, in the order that keeps every request consistent:
// auth configs and rate-limit descriptors are swapped before the routes that reference them (a new route never
// meets a missing auth config), the portal's view of the products after the gateway serves them, and whatever
// else follows the snapshot (e.g. the dev IdP's scopes) last. `portico up`, its worker processes and every test
// stack attach through here. Each data plane is optional and typed structurally, so the control plane does
// not load the data planes' code.
import type { GatewayConfig } from '@portico/gateway';
import type { PortalServerConfig } from '@portico/portal-server';
import type { RateLimitServiceConfig } from '@portico/ratelimit';
import type { Snapshot } from '../translate/stage.ts';

/** Anything that delivers the current snapshot and every later one: a ControlPlane, or a worker's channel. */
export interface SnapshotSource {
  subscribe(fn: (s: Snapshot) => void): () => void;
}

export interface DataPlanes {
  /** ext-auth's AuthService. */
  auth?: { update(configs: Snapshot['authConfigs']): void } | null;
  /** The rate-limit service; a refused config keeps the previous one and is reported through onError. */
  rateLimit?: { update(config: RateLimitServiceConfig): { ok: true } | { ok: false; code: string; message: string } } | null;
  /** The gateway (it reports its own route compile issues). */
  gateway?: { update(config: GatewayConfig): unknown } | null;
  portal?: { update(config: PortalServerConfig | null): void } | null;
  /** Runs last, once every data plane has the snapshot. */
  after?: ((s: Snapshot) => void) | null;
}

const NO_RATE_LIMITS: RateLimitServiceConfig = Object.freeze({ domains: Object.freeze({}) }) as RateLimitServiceConfig;

/** Subscribes the data planes to `source`; returns unsubscribe. */
export function attachDataPlanes(source: SnapshotSource, planes: DataPlanes, onError?: (e: { code: string; message: string }) => void): () => void {
  return source.subscribe((snap) => {
    planes.auth?.update(snap.authConfigs);
    if (planes.rateLimit) {
      const r = planes.rateLimit.update(snap.rateLimit ?? NO_RATE_LIMITS);
      if (!r.ok) onError?.({ code: r.code, message: `rate-limit config of snapshot ${snap.revision} refused: ${r.message}` });
    }
    planes.gateway?.update(snap.gateway);
    planes.portal?.update(snap.portal);
    planes.after?.(snap);
  });
}
