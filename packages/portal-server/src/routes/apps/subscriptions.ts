// Subscriptions of apps to API products: requested by team members (pending), approved or rejected by admins,
// with admin-set metadata and rate limits (portal-teams-apps.md §2). A product must be one the caller sees in
// this portal.
import { accessFor } from '../../access/visibility.ts';
import { PortalHttpError } from '../../errors.ts';
import type { RouteSpec } from '../../http/route-spec.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { base, body, caller, errors, noContent, param, teamsApps, unwrap } from './context.ts';
import { AppsMetadata, idParam, LooseBody, Subscription } from './schemas.ts';

const id = idParam('id');

const decide = (decision: 'approve' | 'reject'): RouteSpec => ({
  ...base,
  method: 'POST',
  url: `/v1/subscriptions/:id/${decision}`,
  operationId: `${decision}Subscription`,
  summary: decision === 'approve' ? 'Admins: approves a subscription (clears a rejection)' : 'Admins: rejects a subscription (clears an approval)',
  schema: { params: id, body: LooseBody, response: { 200: Subscription, ...errors } },
  handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.decideSubscription(await caller(ctx), param(ctx, 'id'), decision)) }),
});

export const subscriptionRoutes: RouteSpec[] = [
  {
    ...base,
    method: 'GET',
    url: '/v1/apps/:id/subscriptions',
    operationId: 'listAppSubscriptions',
    summary: "An app's subscriptions, in every state",
    schema: { params: id, response: { 200: { type: 'array', items: Subscription }, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.listAppSubscriptions(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/apps/:id/subscriptions',
    operationId: 'createSubscription',
    summary: 'Subscribes an app to an API product; pending until an admin approves it',
    schema: {
      params: id,
      body: { type: ['object', 'null'], properties: { apiProductId: { type: 'string', minLength: 1, maxLength: 253 } } },
      response: { 201: Subscription, 409: ErrorBody, ...errors },
    },
    async handler(ctx) {
      const productId = body(ctx).apiProductId;
      if (typeof productId !== 'string') throw new PortalHttpError(400, 'PORTAL_BAD_REQUEST', 'apiProductId: required', 'apiProductId');
      if (!accessFor(ctx.portal, ctx.who).apis.some((a) => a.apiProductId === productId)) {
        throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', `apiProductId: API product not found: ${productId}`, 'apiProductId');
      }
      return { status: 201, body: unwrap(await teamsApps(ctx).store.createSubscription(await caller(ctx), param(ctx, 'id'), productId)) };
    },
  },
  {
    ...base,
    method: 'GET',
    url: '/v1/subscriptions',
    operationId: 'listSubscriptions',
    summary: "Subscriptions by state: admins see all, others their teams' apps' ones",
    schema: {
      querystring: { type: 'object', properties: { status: { type: 'string', enum: ['pending', 'approved', 'rejected'] } } },
      response: { 200: { type: 'array', items: Subscription }, ...errors },
    },
    async handler(ctx) {
      const status = (ctx.request.query as { status?: 'pending' | 'approved' | 'rejected' }).status;
      return { body: unwrap(await teamsApps(ctx).store.listSubscriptions(await caller(ctx), status)) };
    },
  },
  {
    ...base,
    method: 'DELETE',
    url: '/v1/subscriptions/:id',
    operationId: 'deleteSubscription',
    summary: 'Deletes a subscription (admins, or members of the owning team)',
    schema: { params: id, body: LooseBody, response: { 204: { type: 'null' }, ...errors } },
    handler: async (ctx) => (unwrap(await teamsApps(ctx).store.deleteSubscription(await caller(ctx), param(ctx, 'id'))), noContent),
  },
  decide('approve'),
  decide('reject'),
  {
    ...base,
    method: 'POST',
    url: '/v1/subscriptions/:id/metadata',
    operationId: 'setSubscriptionMetadata',
    summary: "Admins: sets a subscription's custom metadata (replaced as a whole) and rate limit (overrides the app's)",
    schema: { params: id, body: LooseBody, response: { 200: AppsMetadata, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.setSubscriptionMetadata(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
];
