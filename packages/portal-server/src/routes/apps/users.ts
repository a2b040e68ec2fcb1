// GET /v1/me and PUT /v1/me on a teams-and-apps portal: the stored User with `isAdmin` from the admin claim.
// An unknown user gets Solo's exact message, after which its frontend sends PUT /me to create it.
import { PortalHttpError } from '../../errors.ts';
import type { RouteSpec } from '../../http/route-spec.ts';
import { ErrorBody, User } from '../../http/schemas.ts';
import { isAdmin, signedIn, teamsApps, unwrap } from './context.ts';

export const NOT_FOUND_ME = 'logged in user is not found, this should not happen';

export const userRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/v1/me',
    models: ['teams-and-apps'],
    operationId: 'getCurrentMember',
    summary: 'The signed-in user as stored by the portal, with isAdmin (teams-and-apps portals)',
    auth: 'required',
    schema: { response: { 200: User, 401: ErrorBody, 404: ErrorBody } },
    async handler(ctx) {
      const user = unwrap(await teamsApps(ctx).store.findUser(signedIn(ctx), isAdmin(ctx, ctx.who!)));
      if (!user) throw new PortalHttpError(404, 'PORTAL_UNKNOWN_ID', NOT_FOUND_ME);
      return { body: user };
    },
  },
  {
    method: 'PUT',
    url: '/v1/me',
    models: ['teams-and-apps'],
    operationId: 'upsertCurrentMember',
    summary: "Creates or refreshes the signed-in user from the token's claims (email, name, preferred_username, sub)",
    auth: 'required',
    schema: { response: { 200: User, 201: User, 401: ErrorBody, 403: ErrorBody } },
    async handler(ctx) {
      const { user, created } = unwrap(await teamsApps(ctx).store.upsertUser(signedIn(ctx), isAdmin(ctx, ctx.who!)));
      return { status: created ? 201 : 200, body: user };
    },
  },
];
