// startPortalServer: the /v1 REST API on fastify. Each request is matched to a Portal by its Host (none →
// Gloo's `portal config not found for host: …`), the caller identified from its token, then the operation runs
// against the current config snapshot (swapped atomically by update()) and the shared API key store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyStore } from '@portico/apikeys';
import { createUiHandler } from '@portico/portal-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { portalForHost } from './access/portal-for-host.ts';
import { createAuthenticator, type PortalAuthOptions } from './auth/identity.ts';
import type { PortalServerConfig } from './config/types.ts';
import { PortalHttpError } from './errors.ts';
import { installErrorHandling } from './http/errors.ts';
import { DEFAULT_PORTAL_LIMITS, type PortalLimits } from './http/limits.ts';
import { installRequestGuards } from './http/request-guards.ts';
import { installCors } from './http/cors.ts';
import { groupEndpoints } from './http/endpoints.ts';
import { buildOpenApi } from './http/openapi.ts';
import type { RouteSpec } from './http/route-spec.ts';
import { OpenApiDocument } from './http/schemas.ts';
import { apiProductRoutes } from './routes/api-products.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { apiRoutes } from './routes/apis.ts';
import { teamsAppsRoutes, type TeamsAppsOptions } from './routes/apps/index.ts';
import { identityRoutes } from './routes/identity.ts';
import { usagePlanRoutes } from './routes/usage-plans.ts';

/** The usage-plans model's own operations; a teams-and-apps portal answers them with 404. */
const usagePlansOnly = (specs: RouteSpec[]): RouteSpec[] => specs.map((s) => ({ ...s, models: ['usage-plans'] }));
export const ROUTES: readonly RouteSpec[] = [
  ...identityRoutes,
  ...usagePlansOnly([...apiRoutes, ...usagePlanRoutes, ...apiKeyRoutes]),
  ...apiProductRoutes,
  ...teamsAppsRoutes,
];

export interface PortalServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8090; 0 = ephemeral. */
  port?: number;
  /** The portal stage's output; replace it later with update(). */
  config?: PortalServerConfig | null;
  keys: ApiKeyStore;
  /** The teams-and-apps database (Portals with `portalModel: teams-and-apps`); absent = those answer 503. */
  teamsApps?: TeamsAppsOptions | null;
  /** How to verify callers' tokens; null = every caller is anonymous. */
  auth: PortalAuthOptions | null;
  /** Where unexpected errors go (default: stderr). */
  onError?: (err: unknown) => void;
  /**
   * A built web app (e.g. @portico/portal-ui's `uiDistDir`) to serve for non-/v1 GETs on a Portal's domains;
   * absent: the API alone. The server serves the directory as it is: building it is the caller's business.
   */
  uiDir?: string;
  /** Abuse limits (issue 11); every field has a default a public portal can ship with. */
  limits?: Partial<PortalLimits>;
}

export interface PortalServer {
  url: string;
  port: number;
  update(config: PortalServerConfig | null): void;
  close(): Promise<void>;
}

export const DEFAULT_PORTAL_SERVER_PORT = 8090;
const BODY_LIMIT = 16 * 1024;

export async function startPortalServer(opts: PortalServerOptions): Promise<PortalServer> {
  if (opts.uiDir !== undefined && !existsSync(join(opts.uiDir, 'index.html'))) {
    throw new TypeError(`uiDir: ${opts.uiDir} has no index.html (build the web app first)`);
  }
  let config: PortalServerConfig | null = opts.config ?? null;
  const auth = createAuthenticator(opts.auth);
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  installErrorHandling(app, opts.onError ?? ((err) => console.error('portal-server:', err)));
  installRequestGuards(app, BODY_LIMIT, (host) => portalForHost(config, host)?.corsAllowOrigins ?? []);
  const limits: PortalLimits = { ...DEFAULT_PORTAL_LIMITS, ...opts.limits };
  // Clients send `content-type: application/json` on body-less DELETEs too; an empty body is no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('invalid JSON'), { statusCode: 400 }), undefined);
    }
  });

  await installCors(app, () => config);

  const openapi = buildOpenApi(ROUTES);
  app.get('/v1/openapi.json', { schema: { response: { 200: OpenApiDocument } } }, async () => openapi);

  for (const endpoint of groupEndpoints(ROUTES)) {
    app.route({
      method: endpoint.method,
      url: endpoint.url,
      schema: endpoint.schema,
      handler: async (request, reply) => {
        const host = request.headers.host;
        const portal = portalForHost(config, host);
        if (!portal) throw new PortalHttpError(404, 'PORTAL_NOT_FOUND', `portal config not found for host: ${host ?? ''}`);
        const model = portal.model ?? 'usage-plans';
        const spec = endpoint.pick(model);
        if (!spec) throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', `no such endpoint on a ${model} portal: ${request.method} ${request.url.split('?')[0]}`);
        const who = await auth.identify(request.headers);
        if (spec.auth === 'required' && !who) {
          throw new PortalHttpError(401, 'PORTAL_UNAUTHENTICATED', 'sign in first: send a bearer access token or the portal session');
        }
        const out = await spec.handler({ portal, who, keys: opts.keys, teamsApps: opts.teamsApps ?? null, request, limits });
        reply.code(out.status ?? 200);
        for (const [k, v] of Object.entries(out.headers ?? {})) reply.header(k, v);
        return out.status === 302 || out.status === 204 ? reply.send() : out.body;
      },
    });
  }

  if (opts.uiDir !== undefined) {
    const serveUi = createUiHandler(opts.uiDir);
    // Static routes (/v1/…) win over this wildcard; it only sees the app's paths and unknown /v1 paths.
    app.get('/*', async (request, reply) => {
      const host = request.headers.host;
      if (!portalForHost(config, host)) throw new PortalHttpError(404, 'PORTAL_NOT_FOUND', `portal config not found for host: ${host ?? ''}`);
      const path = request.url.split('?')[0]!;
      if (path === '/v1' || path.startsWith('/v1/')) throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', `no such endpoint: ${request.method} ${path}`);
      reply.hijack();
      if (!serveUi(request.raw, reply.raw)) {
        reply.raw.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        reply.raw.end(JSON.stringify({ message: `no such file: ${path}`, code: 'PORTAL_UNKNOWN_ID' }));
      }
    });
  }

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? DEFAULT_PORTAL_SERVER_PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    update(next) {
      config = next;
    },
    close: async () => {
      auth.close();
      await app.close();
    },
  };
}
