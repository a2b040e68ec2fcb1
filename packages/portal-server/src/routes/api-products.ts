// The "GG" flavour (backstage-portal.md §2.2) that Solo's clients probe for: GET /v1/api-products,
// /v1/api-products/{id} and /v1/api-products/{id}/versions (with the stitched spec embedded as apiSpec).
import { accessFor } from '../access/visibility.ts';
import type { PortalApi } from '../config/types.ts';
import { PortalHttpError } from '../errors.ts';
import type { RequestContext, RouteSpec } from '../http/route-spec.ts';
import { ApiProductDetail, ApiProductSummary, ErrorBody, ProductVersion } from '../http/schemas.ts';
import { schemaWithServers } from './apis.ts';

function productVersions(ctx: RequestContext, id: string): PortalApi[] {
  const versions = accessFor(ctx.portal, ctx.who).apis.filter((a) => a.apiProductId === id);
  if (versions.length === 0) throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', `API product not found: ${id}`);
  return versions;
}

/** A product was created with its oldest version and updated with its newest change. */
const createdAt = (vs: PortalApi[]) => vs.map((v) => v.createdAt).sort()[0]!;
const updatedAt = (vs: PortalApi[]) => vs.map((v) => v.updatedAt).sort().at(-1)!;
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 253 } } };

export const apiProductRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/v1/api-products',
    operationId: 'listApiProducts',
    summary: 'API product summaries visible to the caller',
    auth: 'optional',
    schema: { response: { 200: { type: 'array', items: ApiProductSummary }, 401: ErrorBody, 404: ErrorBody } },
    async handler(ctx) {
      const byProduct = new Map<string, PortalApi[]>();
      for (const a of accessFor(ctx.portal, ctx.who).apis) byProduct.set(a.apiProductId, [...(byProduct.get(a.apiProductId) ?? []), a]);
      const body = [...byProduct].map(([id, vs]) => ({
        id,
        name: vs[0]!.apiProductDisplayName,
        description: vs[0]!.description,
        versionsCount: vs.length,
        apiProductMetadata: vs[0]!.customMetadata,
        apiKeyEnabled: ctx.portal.usagePlans.some((p) => p.authPolicies.some((x) => x.authType === 'apiKeyAuth') && vs.some((v) => p.apiIds.includes(v.apiId))),
        oauthEnabled: false,
        createdAt: createdAt(vs),
        updatedAt: updatedAt(vs),
      }));
      return { body };
    },
  },
  {
    method: 'GET',
    url: '/v1/api-products/:id',
    operationId: 'getApiProduct',
    summary: 'One API product',
    auth: 'optional',
    schema: { params: idParam, response: { 200: ApiProductDetail, 400: ErrorBody, 404: ErrorBody } },
    async handler(ctx) {
      const id = (ctx.request.params as { id: string }).id;
      const vs = productVersions(ctx, id);
      return {
        body: {
          id,
          name: vs[0]!.apiProductDisplayName,
          description: vs[0]!.description,
          contactEmail: vs.find((v) => v.contact)?.contact ?? '',
          apiProductMetadata: vs[0]!.customMetadata,
          // Teams-and-apps portals: every subscription waits for an admin (Portico has no auto-approval).
          ...(ctx.portal.model === 'teams-and-apps' ? { autoApproval: false } : {}),
          createdAt: createdAt(vs),
          updatedAt: updatedAt(vs),
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/v1/api-products/:id/versions',
    operationId: 'listApiProductVersions',
    summary: 'The versions of one API product, each with its OpenAPI document as apiSpec',
    auth: 'optional',
    schema: { params: idParam, response: { 200: { type: 'array', items: ProductVersion }, 400: ErrorBody, 404: ErrorBody } },
    async handler(ctx) {
      const vs = productVersions(ctx, (ctx.request.params as { id: string }).id);
      const body = vs.map((v) => ({
        id: v.apiId,
        apiProductId: v.apiProductId,
        name: v.apiVersion,
        title: v.title,
        ...(v.schema ? { apiSpec: schemaWithServers(v, ctx) } : {}),
        documentation: v.description,
        license: v.license,
        termsOfService: v.termsOfService,
        productVersionMetadata: v.customMetadata,
        status: v.lifecycle,
        publicVisible: !v.isPrivate,
        createdAt: v.createdAt,
        updatedAt: v.updatedAt,
      }));
      return { body };
    },
  },
];
