// The rate-limit service's configuration: one domain per RateLimitServerConfig (the control plane names
// domains `<namespace>.<name>`), each holding Gloo's `raw.descriptors` and `raw.setDescriptors`
// (gloo-api.md §5.2). Plain JSON so it can travel inside a deep-frozen Snapshot.

export type RateLimitUnit = 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY' | 'MONTH' | 'YEAR';

export interface RateLimitValue {
  unit: RateLimitUnit;
  requestsPerUnit: number;
}

/** Envoy ratelimit-service descriptor: a node of a key/value tree. `value` null = a bucket per observed value. */
export interface DescriptorConfig {
  key: string;
  value: string | null;
  /** null with no children = allow-listed (never limited). */
  rateLimit: RateLimitValue | null;
  descriptors: DescriptorConfig[];
  /** Among the rules matched by one request only those of the highest weight apply (plus alwaysApply ones). */
  weight: number;
  alwaysApply: boolean;
}

export interface SimpleDescriptorConfig {
  key: string;
  value: string | null;
}

/** Set-style rule: matches a request descriptor that contains every simple descriptor, in any order. */
export interface SetDescriptorConfig {
  simpleDescriptors: SimpleDescriptorConfig[];
  rateLimit: RateLimitValue | null;
  weight: number;
  alwaysApply: boolean;
}

export interface DomainConfig {
  descriptors: DescriptorConfig[];
  setDescriptors: SetDescriptorConfig[];
}

export interface RateLimitServiceConfig {
  domains: Record<string, DomainConfig>;
}

/**
 * Descriptors built from Gloo `setActions` start with this entry so the service matches them against the
 * set-style rules only (Gloo uses the same reserved key; tree rules never see it).
 */
export const SET_DESCRIPTOR_KEY = 'solo.setDescriptor.uniqueValue';

/**
 * A descriptor whose first entry has this key carries Envoy's per-request limit override
 * (RateLimit.Override.DynamicMetadata) as `<requests_per_unit>/<unit>`: that limit applies to the rest of the
 * descriptor instead of a configured rule's (the teams-and-apps portal's subscription and app limits).
 */
export const LIMIT_OVERRIDE_KEY = 'portico.limitOverride';
