// Contracts 5 and 6 (docs/architecture.md) as the gateway sees them, imported from the packages that define them
// (types only, erased at run time): the ext_authz check from @portico/ext-auth/check, the rate-limit decision
// from @portico/ratelimit. The gateway calls nothing but `check` and `shouldRateLimit`.
import type { DescriptorEntry, RateLimitService as FullRateLimitService } from '@portico/ratelimit';

export type { CheckRequest, CheckResult, CheckService as AuthService, SocketAddressJson } from '@portico/ext-auth/check';
export type { RateLimitDecision } from '@portico/ratelimit';
export type RateLimitDescriptorEntry = DescriptorEntry;
export type RateLimitService = Pick<FullRateLimitService, 'shouldRateLimit'>;
