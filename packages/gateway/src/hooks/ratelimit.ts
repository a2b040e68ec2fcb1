import type { CompiledRoute } from '../router/compile.ts';
import { RequestView } from '../router/request-view.ts';
import type { RequestContext } from '../server/context.ts';
import { reply } from '../server/replies.ts';
import type { RateLimitDecision, RateLimitService } from './service-types.ts';
import { isPending, withDeadline, type MaybePromise } from './with-timeout.ts';

// The rate-limit step (Envoy's ratelimit filter as Gloo configures it, gloo-api.md §5.2): descriptors
// from the route's actions (after auth, so metadata actions see ext-auth's dynamic metadata), one call
// to the RateLimitService; OVER_LIMIT → 429 with x-envoy-ratelimited. A failing service lets the
// request through unless denyOnFail, which answers 500 as Envoy's failure_mode_deny does.
// Synchronous when the service answers without I/O (counters in memory): no promise, no deadline timer.

type RouteRateLimit = NonNullable<CompiledRoute['rateLimit']>;

export function runRateLimit(ctx: RequestContext, service: RateLimitService | null, rl: RouteRateLimit): MaybePromise<boolean> {
  // As in Envoy, the rate-limit filter runs after ext_authz and sees the request headers it set (e.g. the
  // X-Solo-Plan header apiKeyAuth copies from the key's metadata), so read them from the upstream headers.
  const view = ctx.view!;
  const seen = ctx.upstreamHeaders === null ? view : new RequestView(view.method, view.path, view.rawQuery, ctx.upstreamHeaders);
  const descriptors = rl.build(seen, {
    remoteAddress: ctx.remoteAddress,
    dynamicMetadata: ctx.dynamicMetadata,
    routeMetadata: ctx.route!.filterMetadata,
  });
  if (descriptors.length === 0) return true;
  let decision: MaybePromise<RateLimitDecision>;
  const started = performance.now();
  try {
    if (service === null) throw new Error('no rate-limit service configured');
    decision = withDeadline(rl.timeoutMs, () => service.shouldRateLimit(rl.domain, descriptors));
  } catch {
    return failed(ctx, rl, started);
  }
  if (!isPending(decision)) return apply(ctx, decision, started);
  return decision.then(
    (d) => apply(ctx, d, started),
    () => failed(ctx, rl, started),
  );
}

/** The service failed or timed out: the request goes on unless denyOnFail. */
function failed(ctx: RequestContext, rl: RouteRateLimit, started: number): boolean {
  ctx.rateLimitSeconds = (performance.now() - started) / 1000;
  if (!rl.denyOnFail) return true;
  reply(ctx, 500, 'rate limit service unavailable\n', 'RLSE');
  return false;
}

function apply(ctx: RequestContext, decision: RateLimitDecision, started: number): boolean {
  ctx.rateLimitSeconds = (performance.now() - started) / 1000;
  if (decision.code === 'OK') return true;
  const retry = Math.max(0, Math.ceil(decision.retryAfterSeconds));
  reply(ctx, 429, 'rate limit exceeded\n', 'RL', { 'x-envoy-ratelimited': 'true', 'retry-after': String(retry) });
  return false;
}
