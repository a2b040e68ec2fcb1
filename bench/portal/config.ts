// What the keyed gateway enforces: apiKeyAuth with X-Solo-Plan from the key's plan, and Gloo's usage-plan
// descriptors (usagePlan → userId) at a limit that never triggers, so every request pays for the full check.
import type { GatewayConfig } from '@portico/gateway';
import type { RateLimitServiceConfig } from '@portico/ratelimit';

export const AUTH_CONFIG = {
  configId: 'bench.api-keys',
  state: 'ACCEPTED' as const,
  fingerprint: '1',
  spec: {
    configs: [{ kind: 'apiKeyAuth' as const, name: 'keys', config: { headersFromMetadataEntry: { 'X-Solo-Plan': { name: 'usagePlan', required: true } } } }],
    booleanExpr: null,
    failOnRedirect: false,
  },
};

export const PLAN_LIMITS: RateLimitServiceConfig = {
  domains: {
    'bench.plans': {
      descriptors: [
        {
          key: 'usagePlan', value: 'gold', rateLimit: null, weight: 0, alwaysApply: false,
          descriptors: [{ key: 'userId', value: null, rateLimit: { unit: 'SECOND', requestsPerUnit: 1_000_000_000 }, descriptors: [], weight: 0, alwaysApply: false }],
        },
      ],
      setDescriptors: [],
    },
  },
};

export function keyedRoute(config: GatewayConfig): GatewayConfig {
  const copy = structuredClone(config);
  for (const vh of copy.virtualHosts) {
    for (const r of vh.routes) {
      r.extAuth = { configId: AUTH_CONFIG.configId, server: { requestTimeoutMs: 2000, failureModeAllow: false, statusOnError: 403, maxRequestBytes: null, allowPartialMessage: false } };
      r.rateLimit = {
        domain: 'bench.plans',
        rateLimits: [[
          { type: 'requestHeaders', headerName: 'X-Solo-Plan', descriptorKey: 'usagePlan', skipIfAbsent: false },
          { type: 'metadata', descriptorKey: 'userId', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'userId' }] }, defaultValue: null, source: 'DYNAMIC' },
        ]],
        denyOnFail: false,
        timeoutMs: 100,
      };
    }
  }
  return copy;
}
