// RateLimitServerConfig → the rate-limit service's domain config. Each server config is its own domain,
// named `<namespace>.<name>`, so two configs never share descriptors or counters.
import type { Descriptor, RateLimitServerConfigSpec, SetDescriptor } from '@portico/api';
import type { DescriptorConfig, DomainConfig, RateLimitUnit, SetDescriptorConfig } from '@portico/ratelimit';

export function domainName(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}.${ref.name}`;
}

export function toDomainConfig(spec: RateLimitServerConfigSpec): DomainConfig {
  return {
    descriptors: (spec.raw?.descriptors ?? []).map(toDescriptor),
    setDescriptors: (spec.raw?.setDescriptors ?? []).map(toSetDescriptor),
  };
}

function toDescriptor(d: Descriptor): DescriptorConfig {
  return {
    key: d.key,
    value: d.value === undefined || d.value === '' ? null : d.value,
    // UNKNOWN is kept so the service's validation reports it (and the config is marked INVALID).
    rateLimit: d.rateLimit ? { unit: d.rateLimit.unit as RateLimitUnit, requestsPerUnit: d.rateLimit.requestsPerUnit } : null,
    descriptors: (d.descriptors ?? []).map(toDescriptor),
    weight: d.weight ?? 0,
    alwaysApply: d.alwaysApply ?? false,
  };
}

function toSetDescriptor(s: SetDescriptor): SetDescriptorConfig {
  return {
    simpleDescriptors: (s.simpleDescriptors ?? []).map((sd) => ({ key: sd.key, value: sd.value === undefined || sd.value === '' ? null : sd.value })),
    rateLimit: s.rateLimit ? { unit: s.rateLimit.unit as RateLimitUnit, requestsPerUnit: s.rateLimit.requestsPerUnit } : null,
    weight: 0,
    alwaysApply: s.alwaysApply ?? false,
  };
}
