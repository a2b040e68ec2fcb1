// What the gateway's portalAuth step asks on every request (portal-teams-apps.md §4 [G]): which app does this
// credential (an API key, or an OAuth client id from a verified token) belong to, and what is that app's
// subscription to this API product? The step depends on the AppCredentialLookup interface only, so an in-memory
// index kept current by change notifications can replace this database-backed one without touching the step.
import { hashApiKey } from '@portico/apikeys';
import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../errors.ts';
import type { RateLimit, RateLimitUnit, SubscriptionStatus } from '../model/types.ts';
import { subscriptionStatus } from '../model/types.ts';
import type { PortalAppsDatabase } from '../storage/schema.ts';

export interface AppGrant {
  appId: string;
  appName: string;
  teamId: string;
  teamName: string;
  /** null: the app has no subscription to the product. */
  subscription: { id: string; status: SubscriptionStatus } | null;
  /** The subscription's rate limit, else the app's; null = none set (or `0 UNKNOWN`, the UI's "no limit"). */
  rateLimit: RateLimit | null;
  /** The app's custom metadata overlaid with the subscription's. */
  customMetadata: Record<string, string>;
}

export type AppCredential = { apiKey: string } | { clientId: string };

export interface AppCredentialLookup {
  /** null: no app owns this credential. Never cached: revocations apply to the next request. */
  lookup(credential: AppCredential, apiProductId: string): Promise<Result<AppGrant | null>>;
}

export function createDbCredentialLookup(db: Kysely<PortalAppsDatabase>): AppCredentialLookup {
  return {
    async lookup(credential, apiProductId) {
      try {
        const app = await ('apiKey' in credential
          ? db
              .selectFrom('app_api_keys')
              .innerJoin('apps', 'apps.id', 'app_api_keys.app_id')
              .innerJoin('teams', 'teams.id', 'apps.team_id')
              .select(['apps.id as appId', 'apps.name as appName', 'teams.id as teamId', 'teams.name as teamName'])
              .where('app_api_keys.key_hash', '=', hashApiKey(credential.apiKey))
          : db
              .selectFrom('oauth_credentials')
              .innerJoin('apps', 'apps.id', 'oauth_credentials.app_id')
              .innerJoin('teams', 'teams.id', 'apps.team_id')
              .select(['apps.id as appId', 'apps.name as appName', 'teams.id as teamId', 'teams.name as teamName'])
              .where('oauth_credentials.idp_client_id', '=', credential.clientId)
        ).executeTakeFirst();
        if (!app) return ok(null);
        const sub = await db.selectFrom('subscriptions').selectAll().where('app_id', '=', app.appId).where('api_product_id', '=', apiProductId).executeTakeFirst();
        const owners = sub ? [app.appId, sub.id] : [app.appId];
        const meta = await db.selectFrom('metadata').selectAll().where('owner_id', 'in', owners).execute();
        const appMeta = meta.find((m) => m.owner_id === app.appId);
        const subMeta = sub ? meta.find((m) => m.owner_id === sub.id) : undefined;
        const limitOf = (m: typeof appMeta): RateLimit | null =>
          m && m.rate_limit_requests !== null && m.rate_limit_unit !== null && m.rate_limit_unit !== 'UNKNOWN'
            ? { requestsPerUnit: m.rate_limit_requests, unit: m.rate_limit_unit as RateLimitUnit }
            : null;
        return ok({
          ...app,
          subscription: sub ? { id: sub.id, status: subscriptionStatus({ approved: sub.approved === 1, rejected: sub.rejected === 1 }) } : null,
          rateLimit: limitOf(subMeta) ?? limitOf(appMeta),
          customMetadata: {
            ...(appMeta ? (JSON.parse(appMeta.custom_metadata) as Record<string, string>) : {}),
            ...(subMeta ? (JSON.parse(subMeta.custom_metadata) as Record<string, string>) : {}),
          },
        });
      } catch (err) {
        return fail('APPS_UNAVAILABLE', `portal database unavailable: ${(err as Error).message}`);
      }
    },
  };
}
