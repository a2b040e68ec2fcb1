// GET /v1/usage-plans (gloo-api.md §7 test 63): the plans the caller may use, with the limit taken from the
// rate-limit server config descriptor named after the plan.
import { accessFor } from '../access/visibility.ts';
import type { RouteSpec } from '../http/route-spec.ts';
import { ErrorBody, UsagePlan } from '../http/schemas.ts';

export const usagePlanRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/v1/usage-plans',
    operationId: 'listUsagePlans',
    summary: 'Usage plans available to the caller, with their rate limits',
    auth: 'optional',
    schema: { response: { 200: { type: 'array', items: UsagePlan }, 401: ErrorBody, 404: ErrorBody } },
    async handler(ctx) {
      const body = accessFor(ctx.portal, ctx.who).plans.map((p) => ({
        name: p.name,
        displayName: p.displayName,
        description: p.description,
        authPolicies: p.authPolicies,
        ...(p.rateLimit ? { rateLimitPolicy: { unit: p.rateLimit.unit, requestsPerUnit: p.rateLimit.requestsPerUnit } } : {}),
        apiIds: p.apiIds,
      }));
      return { body };
    },
  },
];
