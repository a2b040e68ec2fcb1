// GET /v1/me (Gloo's User), GET /v1/session (Portico: 200 for anonymous callers too, so the web app's first
// call never fails) and GET /v1/login — reached only once ext-auth's oidcAuthorizationCode step (whose callback
// path /v1/login is) let a logged-in browser through: send it back into the app.
import { PortalHttpError } from '../errors.ts';
import type { Identity } from '../auth/identity.ts';
import { ErrorBody, Session, User } from '../http/schemas.ts';
import type { RouteSpec } from '../http/route-spec.ts';

function userOf(who: Identity): Record<string, string> {
  const u: Record<string, string> = {};
  if (who.name) u.name = who.name;
  if (who.email) u.email = who.email;
  if (who.username) u.username = who.username;
  return u;
}

export const identityRoutes: RouteSpec[] = [
  {
    method: 'GET',
    url: '/v1/me',
    operationId: 'getCurrentUser',
    summary: 'The signed-in user (from the ID token or access token)',
    auth: 'required',
    schema: { response: { 200: User, 401: ErrorBody } },
    async handler({ who }) {
      return { body: userOf(who!) };
    },
  },
  {
    method: 'GET',
    url: '/v1/session',
    operationId: 'getSession',
    summary: 'Whether the caller is signed in, and as whom (Portico extension; never 401)',
    auth: 'optional',
    schema: { response: { 200: Session } },
    async handler({ who }) {
      return { body: who ? { authenticated: true, user: userOf(who) } : { authenticated: false } };
    },
  },
  {
    method: 'GET',
    url: '/v1/login',
    operationId: 'login',
    summary: 'OIDC callback path of the portal ext-auth policy; once signed in, redirects into the app',
    auth: 'optional',
    schema: {
      querystring: { type: 'object', properties: { return_to: { type: 'string', maxLength: 2048 } } },
      response: { 302: { type: 'null' }, 400: ErrorBody },
    },
    async handler({ request }) {
      const to = (request.query as { return_to?: string }).return_to ?? '/';
      // Only same-site paths: an open redirect would let anyone bounce users through the portal.
      if (!to.startsWith('/') || to.startsWith('//') || to.includes('\\')) {
        throw new PortalHttpError(400, 'PORTAL_BAD_REQUEST', 'return_to: must be a path on this site', 'return_to');
      }
      return { status: 302, body: null, headers: { location: to } };
    },
  },
];
