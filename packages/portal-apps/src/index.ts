// @portico/portal-apps: the Gloo Gateway portal model — teams, members, apps, app API keys, OAuth credentials,
// subscriptions with approval, metadata and rate limits — on node:sqlite or PostgreSQL.
export { openPortalAppsDb, isPostgresUrl } from './storage/open.ts';
export type { PortalAppsDb } from './storage/open.ts';
export { PortalApps } from './service/portal-apps.ts';
export type { MetadataUpdate, PortalAppsOptions, SignedInUser } from './service/portal-apps.ts';
export { createDbCredentialLookup } from './enforcement/lookup.ts';
export { openCredentialView } from './enforcement/view.ts';
export type { CredentialView, CredentialViewOptions } from './enforcement/view.ts';
export type { AppCredential, AppCredentialLookup, AppGrant } from './enforcement/lookup.ts';
export type { CreatedIdpClient, IdpConnector } from './idp/connector.ts';
export { createDcrConnector } from './idp/dcr.ts';
export type { DcrConnectorOptions } from './idp/dcr.ts';
export { RATE_LIMIT_UNITS, subscriptionStatus } from './model/types.ts';
export type {
  App,
  AppApiKey,
  Caller,
  Metadata,
  OauthCredential,
  RateLimit,
  RateLimitUnit,
  Subscription,
  SubscriptionStatus,
  Team,
  User,
} from './model/types.ts';
export { APPS_ERROR_CODES } from './errors.ts';
export type { AppsErrorCode, AppsFailure, Result } from './errors.ts';
export { startAppsFeedRelay } from './enforcement/relay/primary.ts';
export type { AppsFeedRelay, AppsFeedRelayOptions } from './enforcement/relay/primary.ts';
export { relayedAppsFeed } from './enforcement/relay/worker.ts';
export type { AppsFeed, AppsFeedHandlers, AppsFeedSource } from './enforcement/apps-feed.ts';
export type { FeedRelayChannel } from '@portico/async';
