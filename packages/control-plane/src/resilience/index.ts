// Stage 7 (architecture.md, contract 3): the resilience.policy.gloo.solo.io policies (gloo-api-more.md §9) →
// routes' filters: RetryTimeoutPolicy → filters.retry (requestTimeout → the route timeout, 504 `upstream request
// timeout`; retries {attempts (default 2), perTryTimeout, retryOn}); FaultInjectionPolicy → filters.fault (delay
// then abort, `percentage` omitted = every request). One of each per route, the oldest wins.
import { durationMs, type FaultInjectionPolicySpec, type Resource, type RetryTimeoutPolicySpec } from '@portico/api';
import type { FaultFilterConfig, RetryFilterConfig } from '@portico/gateway';
import { emptyStageResult, type Stage } from '../translate/stage.ts';
import { runPolicies, withFilters, type Compiled } from '../route-policies/policies.ts';

/** Envoy's default when retries are set without retryOn (Istio's: connect-failure,refused-stream,unavailable,cancelled,503). */
const DEFAULT_RETRY_ON = ['connect-failure', 'refused-stream', '503'];

export function compileRetryTimeout(p: Resource<RetryTimeoutPolicySpec>): Compiled<RetryFilterConfig> {
  const c = p.spec.config;
  const warnings: string[] = [];
  if (c.retries?.retryRemoteLocalities) warnings.push('config.retries.retryRemoteLocalities is not supported (one locality)');
  const retryOn = c.retries?.retryOn ? c.retries.retryOn.split(',').map((s) => s.trim()).filter((s) => s !== '') : DEFAULT_RETRY_ON;
  const known = new Set(['5xx', 'gateway-error', 'connect-failure', 'reset', 'refused-stream', 'retriable-status-codes']);
  const unknown = retryOn.filter((s) => !known.has(s) && !/^\d{3}$/.test(s));
  if (unknown.length) warnings.push(`config.retries.retryOn: ${unknown.join(', ')} not supported (supported: ${[...known].join(', ')}, status codes)`);
  return {
    value: {
      requestTimeoutMs: c.requestTimeout ? durationMs(c.requestTimeout) : null,
      attempts: c.retries ? (c.retries.attempts ?? 2) : 0,
      perTryTimeoutMs: c.retries?.perTryTimeout ? durationMs(c.retries.perTryTimeout) : null,
      retryOn,
    },
    error: null,
    warnings,
  };
}

export function compileFaultInjection(p: Resource<FaultInjectionPolicySpec>): Compiled<FaultFilterConfig> {
  const { delay, abort } = p.spec.config;
  return {
    value: {
      delayMs: delay ? durationMs(delay.fixedDelay) : null,
      delayPercent: delay?.percentage ?? 100,
      abortStatus: abort?.httpStatus ?? null,
      abortPercent: abort?.percentage ?? 100,
    },
    error: null,
    warnings: [],
  };
}

export const translateResilience: Stage = (ctx) => {
  const rt = runPolicies(ctx, { kind: 'RetryTimeoutPolicy', whenEmpty: 'workspace', mode: 'oldest-wins', applyToRoutes: (s: RetryTimeoutPolicySpec) => s.applyToRoutes, compile: compileRetryTimeout });
  const fi = runPolicies(ctx, { kind: 'FaultInjectionPolicy', whenEmpty: 'workspace', mode: 'oldest-wins', applyToRoutes: (s: FaultInjectionPolicySpec) => s.applyToRoutes, compile: compileFaultInjection });
  const gateway = withFilters(ctx.parts.gateway, (r) => {
    const v = rt.perRoute.get(r);
    const f = fi.perRoute.get(r);
    if (!v && !f) return null;
    return { ...(v ? { retry: v[0]!.value } : {}), ...(f ? { fault: f[0]!.value } : {}) };
  });
  return { ...emptyStageResult(), statuses: [...rt.statuses, ...fi.statuses], parts: { gateway } };
};
