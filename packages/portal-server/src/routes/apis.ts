// The "GMG" flavour (backstage-portal.md §2.1): GET /v1/apis — API products grouped with their versions —
// and GET /v1/apis/{id}/schema, the stitched OpenAPI document with `servers` pointing at the gateway.
import { accessFor } from '../access/visibility.ts';
import type { PortalApi } from '../config/types.ts';
import { PortalHttpError } from '../errors.ts';
import type { RequestContext, RouteSpec } from '../http/route-spec.ts';
import { ApiProduct, ErrorBody, OpenApiDocument } from '../http/schemas.ts';

export function versionOf(a: PortalApi, withSchema: boolean, ctx: RequestContext): Record<string, unknown> {
  const v: Record<string, unknown> = {
    apiId: a.apiId,
    apiProductId: a.apiProductId,
    apiProductDisplayName: a.apiProductDisplayName,
    apiVersion: a.apiVersion,
    title: a.title,
    description: a.description,
    termsOfService: a.termsOfService,
    contact: a.contact,
    license: a.license,
    lifecycle: a.lifecycle,
    usagePlans: a.usagePlans,
    customMetadata: a.customMetadata,
  };
  if (withSchema) {
    if (a.schema) v.openapiSpec = schemaWithServers(a, ctx);
    else v.openapiSpecFetchErr = a.schemaError ?? 'API schema not found';
  }
  return v;
}

export function groupByProduct(apis: readonly PortalApi[], version: (a: PortalApi) => Record<string, unknown>) {
  const products = new Map<string, { apiProductId: string; apiProductDisplayName: string; apiVersions: Record<string, unknown>[] }>();
  for (const a of apis) {
    let p = products.get(a.apiProductId);
    if (!p) products.set(a.apiProductId, (p = { apiProductId: a.apiProductId, apiProductDisplayName: a.apiProductDisplayName, apiVersions: [] }));
    p.apiVersions.push(version(a));
  }
  return [...products.values()];
}

/** `servers`: the gateway hosts serving the API, on the port (and scheme) the caller reached the gateway with. */
export function schemaWithServers(a: PortalApi, ctx: RequestContext): Record<string, unknown> {
  const reqHost = ctx.request.headers.host ?? '';
  const port = /:(\d+)$/.exec(reqHost)?.[1];
  const proto = String(ctx.request.headers['x-forwarded-proto'] ?? ctx.request.protocol ?? 'http').split(',')[0]!.trim();
  const servers = a.hosts
    .filter((h) => !h.includes('*'))
    .map((h) => ({ url: `${proto}://${h}${port && !h.includes(':') ? `:${port}` : ''}` }));
  return { ...a.schema!, servers };
}

export function findApi(ctx: RequestContext, id: string): PortalApi {
  const api = accessFor(ctx.portal, ctx.who).apis.find((a) => a.apiId === id);
  // Invisible and unknown look the same: a private API's existence is not revealed.
  if (!api) throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', 'API schema not found');
  return api;
}

export const apiRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/v1/apis',
    operationId: 'listApis',
    summary: 'API products visible to the caller, each with its versions',
    auth: 'optional',
    schema: {
      querystring: { type: 'object', properties: { includeSchema: { type: 'boolean' } } },
      response: { 200: { type: 'array', items: ApiProduct }, 401: ErrorBody, 404: ErrorBody },
    },
    async handler(ctx) {
      const withSchema = (ctx.request.query as { includeSchema?: boolean }).includeSchema === true;
      return { body: groupByProduct(accessFor(ctx.portal, ctx.who).apis, (a) => versionOf(a, withSchema, ctx)) };
    },
  },
  {
    method: 'GET',
    url: '/v1/apis/:id/schema',
    operationId: 'getApiSchema',
    summary: 'The OpenAPI document of one API version, stitched to the routes that expose it',
    auth: 'optional',
    schema: {
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 300 } } },
      response: { 200: OpenApiDocument, 400: ErrorBody, 404: ErrorBody, 500: ErrorBody },
    },
    async handler(ctx) {
      const api = findApi(ctx, (ctx.request.params as { id: string }).id);
      if (!api.schema) throw new PortalHttpError(500, 'PORTAL_SCHEMA_UNAVAILABLE', api.schemaError ?? 'Missing stitched schema for route table');
      return { body: schemaWithServers(api, ctx) };
    },
  },
];
