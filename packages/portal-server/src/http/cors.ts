// CORS for browser apps served from another origin (a portal frontend on its own host, a local dev server):
// each Portal lists its allowed origins (`spec.cors.allowOrigins`, "*" = any); other origins get no CORS
// headers, so browsers keep the answers from the page. Callers authenticate with bearer tokens, never cookies
// across origins, so credentials stay off.
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { portalForHost } from '../access/portal-for-host.ts';
import type { PortalServerConfig } from '../config/types.ts';

export async function installCors(app: FastifyInstance, config: () => PortalServerConfig | null): Promise<void> {
  const optionsFor = async (req: FastifyRequest): Promise<FastifyCorsOptions> => {
    const allowed = portalForHost(config(), req.headers.host)?.corsAllowOrigins ?? [];
    const origin = req.headers.origin;
    const ok = origin !== undefined && (allowed.includes('*') || allowed.includes(origin));
    return {
      origin: ok ? (allowed.includes('*') ? '*' : origin) : false,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'id_token'],
      maxAge: 600,
      credentials: false,
    };
  };
  await app.register(cors, { delegator: optionsFor });
}
