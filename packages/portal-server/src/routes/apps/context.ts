// What every teams-and-apps handler needs: the store, the caller as a stored user (created on first use) with
// the admin flag from the configured token claim, and the translation of the store's coded failures to HTTP.
import type { AppsFailure, Caller, PortalApps, Result, SignedInUser } from '@portico/portal-apps';
import type { Identity } from '../../auth/identity.ts';
import { PortalHttpError, type PortalErrorCode } from '../../errors.ts';
import type { RequestContext } from '../../http/route-spec.ts';
import { ErrorBody } from '../../http/schemas.ts';

export interface TeamsAppsOptions {
  store: PortalApps;
  /** The token claim that marks portal admins (Solo: `group`, a string; an array containing the value works too). */
  adminClaim?: string;
  /** Its value for admins (default `admin`). */
  adminValue?: string;
}

const STATUS: Record<AppsFailure['code'], [number, PortalErrorCode]> = {
  APPS_INVALID: [400, 'PORTAL_BAD_REQUEST'],
  APPS_NOT_FOUND: [404, 'PORTAL_UNKNOWN_ID'],
  APPS_FORBIDDEN: [403, 'PORTAL_FORBIDDEN'],
  APPS_CONFLICT: [409, 'PORTAL_CONFLICT'],
  APPS_IDP_FAILED: [502, 'PORTAL_IDP_FAILED'],
  APPS_UNAVAILABLE: [503, 'PORTAL_STORE_UNAVAILABLE'],
};

export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  const [status, code] = STATUS[r.code];
  throw new PortalHttpError(status, code, r.message, r.field);
}

export function teamsApps(ctx: RequestContext): TeamsAppsOptions {
  if (!ctx.teamsApps) throw new PortalHttpError(503, 'PORTAL_STORE_UNAVAILABLE', 'this portal server has no teams-and-apps database configured (--portal-db)');
  return ctx.teamsApps;
}

export function isAdmin(ctx: RequestContext, who: Identity): boolean {
  const opts = teamsApps(ctx);
  const v = who.claims[opts.adminClaim ?? 'group'];
  const want = opts.adminValue ?? 'admin';
  return Array.isArray(v) ? v.map(String).includes(want) : v === want;
}

export function signedIn(ctx: RequestContext): SignedInUser {
  const who = ctx.who!;
  if (who.kind !== 'user') {
    throw new PortalHttpError(403, 'PORTAL_FORBIDDEN', 'teams and apps belong to users: this token identifies a client, not a user');
  }
  return { sub: who.subject, email: who.email, name: who.name, username: who.username };
}

/** The caller as a stored user (created on first use) with its admin flag. */
export async function caller(ctx: RequestContext): Promise<Caller> {
  return unwrap(await teamsApps(ctx).store.caller(signedIn(ctx), isAdmin(ctx, ctx.who!)));
}

export const param = (ctx: RequestContext, name: string): string => (ctx.request.params as Record<string, string>)[name]!;
export const body = (ctx: RequestContext): Record<string, unknown> => (ctx.request.body as Record<string, unknown> | null | undefined) ?? {};
export const noContent = { status: 204, body: null } as const;

/** What every teams-and-apps operation shares: its model, sign-in, and the error answers it may give. */
export const base = { models: ['teams-and-apps'], auth: 'required' } as const;
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
