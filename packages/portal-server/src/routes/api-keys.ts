// API keys (gloo-api.md §5.4, §7 tests 64–65): list per usage plan, create (the key is in the 201 answer and
// nowhere else, ever), delete by id. Keys belong to a user — the token's email, else its subject — so machine
// clients are refused (403), and a plan must be one the caller may use. A store outage answers 503.
import type { ApiKeyFailure, ApiKeyRecord } from '@portico/apikeys';
import { accessFor } from '../access/visibility.ts';
import { PortalHttpError } from '../errors.ts';
import type { RequestContext, RouteSpec } from '../http/route-spec.ts';
import { ApiKey, ApiKeysByPlan, CreateApiKeyRequest, Deleted, ErrorBody } from '../http/schemas.ts';

function owner(ctx: RequestContext): string {
  const who = ctx.who!;
  if (who.kind !== 'user') {
    throw new PortalHttpError(403, 'PORTAL_FORBIDDEN', 'API keys belong to users: this token identifies a client, not a user (no email or sub claim)');
  }
  return who.email ?? who.subject;
}

function storeFailure(f: ApiKeyFailure): never {
  if (f.code === 'APIKEY_STORE_UNAVAILABLE') {
    throw new PortalHttpError(503, 'PORTAL_STORE_UNAVAILABLE', 'API key storage is unavailable right now; try again shortly');
  }
  if (f.code === 'APIKEY_DUPLICATE_NAME') throw new PortalHttpError(409, 'PORTAL_CONFLICT', f.message, f.field);
  throw new PortalHttpError(400, 'PORTAL_BAD_REQUEST', f.message, f.field);
}

const view = (r: ApiKeyRecord) => ({ id: r.id, name: r.name, usagePlan: r.usagePlan, metadata: r.metadata, createdAt: r.createdAt });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

export const apiKeyRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/v1/api-keys',
    operationId: 'listApiKeys',
    summary: "The caller's API keys, grouped by usage plan (all available plans unless usagePlans is given)",
    auth: 'required',
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { usagePlans: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 50 } },
      },
      response: { 200: { type: 'array', items: ApiKeysByPlan }, ...errors },
    },
    async handler(ctx) {
      const me = owner(ctx);
      const available = accessFor(ctx.portal, ctx.who).plans.map((p) => p.name);
      const asked = (ctx.request.query as { usagePlans?: string[] }).usagePlans ?? available;
      const unknown = asked.find((p) => !available.includes(p));
      if (unknown !== undefined) throw new PortalHttpError(400, 'PORTAL_BAD_REQUEST', `usagePlans: unknown usage plan "${unknown}"`, 'usagePlans');
      const listed = await ctx.keys.list(me, asked);
      if (!listed.ok) storeFailure(listed);
      return { body: asked.map((usagePlan) => ({ usagePlan, apiKeys: listed.value.filter((k) => k.usagePlan === usagePlan).map(view) })) };
    },
  },
  {
    method: 'POST',
    url: '/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Creates an API key for a usage plan; the key is returned once, in this answer only',
    auth: 'required',
    schema: { body: CreateApiKeyRequest, response: { 201: ApiKey, 409: ErrorBody, 413: ErrorBody, ...errors } },
    async handler(ctx) {
      const me = owner(ctx);
      const { usagePlan, apiKeyName } = ctx.request.body as { usagePlan: string; apiKeyName: string };
      if (!ctx.portal.usagePlans.some((p) => p.name === usagePlan)) {
        throw new PortalHttpError(400, 'PORTAL_BAD_REQUEST', `usagePlan: unknown usage plan "${usagePlan}"`, 'usagePlan');
      }
      if (!accessFor(ctx.portal, ctx.who).plans.some((p) => p.name === usagePlan)) {
        throw new PortalHttpError(403, 'PORTAL_FORBIDDEN', `usagePlan: "${usagePlan}" is not granted to you by any portal group`, 'usagePlan');
      }
      // The cap is checked before the write; two creations racing at the limit may both pass (one key over).
      const held = await ctx.keys.list(me, [usagePlan]);
      if (!held.ok) storeFailure(held);
      const cap = ctx.limits.maxKeysPerUserAndPlan;
      if (held.value.length >= cap) {
        throw new PortalHttpError(409, 'PORTAL_QUOTA_EXCEEDED', `usagePlan: you hold at most ${cap} API keys per usage plan; delete one of your "${usagePlan}" keys first`, 'usagePlan');
      }
      const made = await ctx.keys.create({ name: apiKeyName, owner: me, usagePlan });
      if (!made.ok) storeFailure(made);
      return { status: 201, body: { ...view(made.value.record), apiKey: made.value.apiKey } };
    },
  },
  {
    method: 'DELETE',
    url: '/v1/api-keys/:id',
    operationId: 'deleteApiKey',
    summary: 'Revokes one of the caller\'s API keys; it stops working at once on every gateway',
    auth: 'required',
    schema: {
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
      response: { 200: Deleted, ...errors },
    },
    async handler(ctx) {
      const me = owner(ctx);
      const id = (ctx.request.params as { id: string }).id;
      const gone = await ctx.keys.delete(me, id);
      if (!gone.ok) storeFailure(gone);
      if (!gone.value) throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', `API key not found: ${id}`);
      return { body: { id } };
    },
  },
];
