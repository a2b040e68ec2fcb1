// Apps of a team, their API keys (the key is in the 201 answer only) and their one OAuth credential (the
// client secret likewise), and the admin-set app metadata and rate limit (portal-teams-apps.md §2).
import type { RouteSpec } from '../../http/route-spec.ts';
import { ErrorBody } from '../../http/schemas.ts';
import { base, body, caller, errors, noContent, param, teamsApps, unwrap } from './context.ts';
import { App, AppApiKey, AppsMetadata, idParam, LooseBody, NamedBody, OauthCredential } from './schemas.ts';

const id = idParam('id');

export const appRoutes: RouteSpec[] = [
  {
    ...base,
    method: 'GET',
    url: '/v1/teams/:id/apps',
    operationId: 'listTeamApps',
    summary: "A team's apps",
    schema: { params: id, response: { 200: { type: 'array', items: App }, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.listApps(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/teams/:id/apps',
    operationId: 'createApp',
    summary: 'Creates an app in a team (name unique per team; not for admins)',
    schema: { params: id, body: NamedBody, response: { 201: App, 409: ErrorBody, ...errors } },
    handler: async (ctx) => ({ status: 201, body: unwrap(await teamsApps(ctx).store.createApp(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
  {
    ...base,
    method: 'GET',
    url: '/v1/apps/:id',
    operationId: 'getApp',
    summary: 'One app, with its metadata',
    schema: { params: id, response: { 200: App, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.getApp(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'PUT',
    url: '/v1/apps/:id',
    operationId: 'updateApp',
    summary: 'Renames an app or changes its description',
    schema: { params: id, body: NamedBody, response: { 200: App, 409: ErrorBody, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.updateApp(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
  {
    ...base,
    method: 'DELETE',
    url: '/v1/apps/:id',
    operationId: 'deleteApp',
    summary: 'Deletes an app with its keys, subscriptions, metadata and OAuth credential (and its IdP client)',
    schema: { params: id, body: LooseBody, response: { 204: { type: 'null' }, ...errors } },
    handler: async (ctx) => (unwrap(await teamsApps(ctx).store.deleteApp(await caller(ctx), param(ctx, 'id'))), noContent),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/apps/:id/metadata',
    operationId: 'setAppMetadata',
    summary: "Admins: sets the app's custom metadata (replaced as a whole) and rate limit",
    schema: { params: id, body: LooseBody, response: { 200: AppsMetadata, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.setAppMetadata(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
  {
    ...base,
    method: 'GET',
    url: '/v1/apps/:id/api-keys',
    operationId: 'listAppApiKeys',
    summary: "An app's API keys (never the keys themselves)",
    schema: { params: id, response: { 200: { type: 'array', items: AppApiKey }, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.listApiKeys(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/apps/:id/api-keys',
    operationId: 'createAppApiKey',
    summary: 'Creates an API key for an app; the key is returned once, in this answer only',
    schema: { params: id, body: LooseBody, response: { 201: AppApiKey, 409: ErrorBody, ...errors } },
    handler: async (ctx) => ({ status: 201, body: unwrap(await teamsApps(ctx).store.createApiKey(await caller(ctx), param(ctx, 'id'), body(ctx))) }),
  },
  {
    ...base,
    method: 'DELETE',
    url: '/v1/api-keys/:id',
    operationId: 'deleteAppApiKey',
    summary: "Revokes an app's API key; the gateway refuses it from the next request on",
    schema: { params: id, body: LooseBody, response: { 204: { type: 'null' }, ...errors } },
    handler: async (ctx) => (unwrap(await teamsApps(ctx).store.deleteApiKey(await caller(ctx), param(ctx, 'id'))), noContent),
  },
  {
    ...base,
    method: 'GET',
    url: '/v1/apps/:id/oauth-credentials',
    operationId: 'getAppOauthCredential',
    summary: "The app's OAuth credential (404 when it has none)",
    schema: { params: id, response: { 200: OauthCredential, ...errors } },
    handler: async (ctx) => ({ body: unwrap(await teamsApps(ctx).store.getOauthCredential(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'POST',
    url: '/v1/apps/:id/oauth-credentials',
    operationId: 'createAppOauthCredential',
    summary: 'Creates the OAuth client of an app in the IdP; the client secret is returned once, in this answer only',
    schema: { params: id, body: LooseBody, response: { 201: OauthCredential, 409: ErrorBody, 502: ErrorBody, ...errors } },
    handler: async (ctx) => ({ status: 201, body: unwrap(await teamsApps(ctx).store.createOauthCredential(await caller(ctx), param(ctx, 'id'))) }),
  },
  {
    ...base,
    method: 'DELETE',
    url: '/v1/oauth-credentials/:id',
    operationId: 'deleteOauthCredential',
    summary: 'Deletes an OAuth credential and its IdP client',
    schema: { params: id, body: LooseBody, response: { 204: { type: 'null' }, 502: ErrorBody, ...errors } },
    handler: async (ctx) => (unwrap(await teamsApps(ctx).store.deleteOauthCredential(await caller(ctx), param(ctx, 'id'))), noContent),
  },
];
