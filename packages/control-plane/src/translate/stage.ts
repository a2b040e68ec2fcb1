// The translation-stage contract (architecture.md, contract 3). Each stage (routes/, extauth/, ratelimit/,
// portal/) exports ONE function of this type from src/<stage>/index.ts:
//   translateRoutes, translateExtAuth, translateRateLimits, translatePortals
// Stages are pure: they read resources through the ResourceIndex and earlier stages' parts, and return what
// they produced. They never touch the store — the reconciler writes statuses and derived resources.
import type { ObjectRef, Resource, ResourceInput } from '@portico/api';
import type { RejectedAuthConfig, ResolvedAuthConfig } from '@portico/ext-auth';
import type { GatewayConfig } from '@portico/gateway';
import type { PortalServerConfig } from '@portico/portal-server';
import type { RateLimitServiceConfig } from '@portico/ratelimit';

/** Read-only view of every stored resource at one store revision. Lists are ordered by creationTimestamp, then
 *  namespace/name (the order Gloo uses for "oldest wins" decisions). */
export interface ResourceIndex {
  readonly revision: number;
  get<S = unknown, St = unknown>(kind: string, namespace: string, name: string): Resource<S, St> | undefined;
  /** All of a kind, optionally in one namespace. */
  list<S = unknown, St = unknown>(kind: string, namespace?: string): readonly Resource<S, St>[];
}

/** The parts of a Snapshot. Each stage fills its own and may replace `gateway` with a copy whose routes it has
 *  annotated (extauth sets RouteConfig.extAuth, ratelimit sets RouteConfig.rateLimit). */
export interface SnapshotParts {
  /** routes stage. */
  gateway: GatewayConfig;
  /** extauth stage: `<namespace>.<name>` → what ext-auth's AuthService.update takes. */
  authConfigs: ReadonlyMap<string, ResolvedAuthConfig | RejectedAuthConfig>;
  /** ratelimit stage: the rate-limit service's descriptor config, null when the stage produced none. */
  rateLimit: RateLimitServiceConfig | null;
  /** portal stage: the portal server's config, null when the stage produced none. */
  portal: PortalServerConfig | null;
}

/** What subscribers receive: deep-frozen, swapped atomically by data planes. */
export interface Snapshot extends SnapshotParts {
  /** Increases by one per published snapshot; also written to gateway.revision. */
  revision: number;
  /** The store revision the snapshot was translated from. */
  storeRevision: number;
}

export interface TranslationContext {
  readonly index: ResourceIndex;
  /** Output of the stages that ran before this one (read-only; return replacements instead of mutating). */
  readonly parts: Readonly<SnapshotParts>;
  /** The last published snapshot, or null on the first run (FREEZE_CONFIG keeps serving parts of it). */
  readonly previous: Snapshot | null;
  /** Injected clock (ISO time) so translation stays a pure function of its inputs. */
  readonly now: string;
}

export interface StatusUpdate {
  ref: ObjectRef;
  /** The full status object of the kind (build Gloo statuses with makeGlooStatus from @portico/api, using the
   *  resource's metadata.generation as observedGeneration). */
  status: unknown;
}

export interface DerivedResource {
  /** e.g. an AuthConfig (extauth.solo.io/v1) named after its ExtAuthPolicy. */
  resource: ResourceInput;
  status: unknown;
  /** The resource it was derived from (recorded as annotation portico.dev/derived-from). */
  owner: ObjectRef;
}

export interface StageEvent {
  ref: ObjectRef;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface StageResult {
  statuses: StatusUpdate[];
  /** Derived resources this stage owns. Each run returns the complete set: stored derived resources of the
   *  same kinds that are not returned any more are deleted. */
  derived: DerivedResource[];
  /** The kinds of derived resource this stage produces (so an empty `derived` still prunes them). */
  derivedKinds: string[];
  /** Snapshot parts this stage produced or replaced. */
  parts: Partial<SnapshotParts>;
  events: StageEvent[];
}

export type Stage = (ctx: TranslationContext) => StageResult;

export interface StageEntry {
  name: 'routes' | 'extauth' | 'ratelimit' | 'security' | 'trafficcontrol' | 'resilience' | 'portal';
  run: Stage;
}

/** A result with nothing in it; stages can spread it and set what they produce. */
export function emptyStageResult(): StageResult {
  return { statuses: [], derived: [], derivedKinds: [], parts: {}, events: [] };
}
