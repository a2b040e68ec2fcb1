import type { AuthService, CheckRequest, CheckResult, RateLimitDecision, RateLimitService } from '@portico/gateway';

// Small, real implementations of the AuthService / RateLimitService contracts whose behaviour a test can
// steer (slow, failing, header mutations) — what the real services cannot be made to do on demand. They
// record what the gateway sent them so tests can check the CheckRequest and the descriptors.

/** Answers with a promise, or (as the real service does when it needs no I/O) with the result itself. */
export type AuthBehaviour = (req: CheckRequest, signal?: AbortSignal) => CheckResult | Promise<CheckResult>;

export class ScriptedAuthService implements AuthService {
  readonly seen: CheckRequest[] = [];
  behaviour: AuthBehaviour;
  constructor(behaviour: AuthBehaviour) {
    this.behaviour = behaviour;
  }
  check(req: CheckRequest, signal?: AbortSignal): CheckResult | Promise<CheckResult> {
    this.seen.push(req);
    return this.behaviour(req, signal);
  }
}

export function allow(extra: Partial<Extract<CheckResult, { allowed: true }>> = {}): CheckResult {
  return { allowed: true, headersToSet: [], headersToAppend: [], headersToRemove: [], responseHeadersToAdd: [], dynamicMetadata: {}, ...extra };
}

/** Allows when the `authorization` header is "Bearer good", as a minimal bearer check. */
export function bearerAuth(): AuthBehaviour {
  return async (req) =>
    req.attributes.request.http.headers.authorization === 'Bearer good'
      ? allow({
          headersToSet: [['x-user', 'alice']],
          headersToAppend: [['x-trace', 'auth']],
          headersToRemove: ['authorization'],
          responseHeadersToAdd: [['x-auth-checked', 'yes']],
          dynamicMetadata: { userId: 'alice', usagePlan: 'gold' },
        })
      : { allowed: false, status: 401, headers: [['www-authenticate', 'Bearer']], body: 'no entry', reason: 'bad token' };
}

/** Counts requests per descriptor set in a fixed window of `limit` requests. */
export class CountingRateLimitService implements RateLimitService {
  readonly calls: { domain: string; descriptors: { key: string; value: string }[][] }[] = [];
  private readonly counts = new Map<string, number>();
  private readonly limit: number;
  fail = false;
  /** Answer (and fail) synchronously, as the real service does with counters in memory; else with a promise. */
  synchronous = false;
  constructor(limit: number) {
    this.limit = limit;
  }
  shouldRateLimit(domain: string, descriptors: { key: string; value: string }[][]): RateLimitDecision | Promise<RateLimitDecision> {
    if (!this.synchronous) return Promise.resolve().then(() => this.decide(domain, descriptors));
    return this.decide(domain, descriptors);
  }
  private decide(domain: string, descriptors: { key: string; value: string }[][]): RateLimitDecision {
    this.calls.push({ domain, descriptors });
    if (this.fail) throw new Error('rate limit service down');
    const key = `${domain}|${JSON.stringify(descriptors)}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n > this.limit ? { code: 'OVER_LIMIT', retryAfterSeconds: 42 } : { code: 'OK' };
  }
}
