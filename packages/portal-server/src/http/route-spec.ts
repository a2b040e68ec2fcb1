// One entry per /v1 operation: method, path, schemas and handler. server.ts registers them with fastify and
// http/openapi.ts documents them, so the served API and its OpenAPI document cannot drift apart.
import type { ApiKeyStore } from '@portico/apikeys';
import type { FastifyRequest } from 'fastify';
import type { Identity } from '../auth/identity.ts';
import type { PortalConfig, PortalModel } from '../config/types.ts';
import type { PortalLimits } from './limits.ts';
import type { TeamsAppsOptions } from '../routes/apps/context.ts';

export interface RequestContext {
  portal: PortalConfig;
  /** null = anonymous. */
  who: Identity | null;
  keys: ApiKeyStore;
  /** The teams-and-apps store and admin claim; null when the server has none. */
  teamsApps: TeamsAppsOptions | null;
  request: FastifyRequest;
  limits: PortalLimits;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The portal models that serve this operation (absent = every model); see http/endpoints.ts. */
  models?: readonly PortalModel[];
  /** fastify path syntax (`:id`); openapi.ts turns it into `{id}`. */
  url: string;
  operationId: string;
  summary: string;
  /** 'required': anonymous callers get 401 before the handler runs. */
  auth: 'optional' | 'required';
  schema: {
    params?: object;
    querystring?: object;
    body?: object;
    response: Record<number, object>;
  };
  handler(ctx: RequestContext): Promise<Reply>;
}
