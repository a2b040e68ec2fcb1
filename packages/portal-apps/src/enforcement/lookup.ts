// What the gateway's portalAuth step asks on every request (portal-teams-apps.md §4 [G]): which app does this
// credential (an API key, or an OAuth client id from a verified token) belong to, and what is that app's
// subscription to this API product? The step depends on the AppCredentialLookup interface only. The gateway uses
// the in-memory view (view.ts); this one-round-trip database lookup is the reference it is tested against and the
// baseline of bench/portal/apps-lookup.ts.
import { hashApiKey } from '@portico/apikeys/keys';
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
  /** null: no app owns this credential. */
  lookup(credential: AppCredential, apiProductId: string): Promise<Result<AppGrant | null>>;
}

export function createDbCredentialLookup(db: Kysely<PortalAppsDatabase>): AppCredentialLookup {
  // One indexed round trip per request: the credential's app and team, its subscription to the product, and both
  // metadata rows (left joins: a missing subscription or metadata is a null column, not a second query).
  const query = (credential: AppCredential, apiProductId: string) => {
    const base =
      'apiKey' in credential
        ? db.selectFrom('app_api_keys as c').innerJoin('apps', 'apps.id', 'c.app_id').where('c.key_hash', '=', hashApiKey(credential.apiKey))
        : db.selectFrom('oauth_credentials as c').innerJoin('apps', 'apps.id', 'c.app_id').where('c.idp_client_id', '=', credential.clientId);
    return base
      .innerJoin('teams', 'teams.id', 'apps.team_id')
      .leftJoin('subscriptions as s', (j) => j.onRef('s.app_id', '=', 'apps.id').on('s.api_product_id', '=', apiProductId))
      .leftJoin('metadata as am', 'am.owner_id', 'apps.id')
      .leftJoin('metadata as sm', 'sm.owner_id', 's.id')
      .select([
        'apps.id as appId', 'apps.name as appName', 'teams.id as teamId', 'teams.name as teamName',
        's.id as subId', 's.approved', 's.rejected',
        'am.custom_metadata as appCustom', 'am.rate_limit_requests as appRequests', 'am.rate_limit_unit as appUnit',
        'sm.custom_metadata as subCustom', 'sm.rate_limit_requests as subRequests', 'sm.rate_limit_unit as subUnit',
      ])
      .executeTakeFirst();
  };
  const limitOf = (requests: string | null, unit: string | null): RateLimit | null =>
    requests !== null && unit !== null && unit !== 'UNKNOWN' ? { requestsPerUnit: requests, unit: unit as RateLimitUnit } : null;
  const custom = (json: string | null) => (json ? (JSON.parse(json) as Record<string, string>) : {});
  return {
    async lookup(credential, apiProductId) {
      try {
        const r = await query(credential, apiProductId);
        if (!r) return ok(null);
        return ok({
          appId: r.appId,
          appName: r.appName,
          teamId: r.teamId,
          teamName: r.teamName,
          subscription: r.subId ? { id: r.subId, status: subscriptionStatus({ approved: r.approved === 1, rejected: r.rejected === 1 }) } : null,
          rateLimit: limitOf(r.subRequests, r.subUnit) ?? limitOf(r.appRequests, r.appUnit),
          customMetadata: { ...custom(r.appCustom), ...custom(r.subCustom) },
        });
      } catch (err) {
        return fail('APPS_UNAVAILABLE', `portal database unavailable: ${(err as Error).message}`);
      }
    },
  };
}
