// portalAuth as ext-auth receives it: Gloo Gateway's portal step (portal-teams-apps.md §4) — a request must
// carry an app's API key, or a verified access token (from an accessTokenValidation step earlier in the chain)
// of an app's OAuth client, and that app needs an APPROVED subscription to the route's API product.
// Gloo's `url`, `cacheDuration` and `redisOptions` have no use here (the step reads the portal database through
// StepDeps.portalApps, an in-memory view kept current by change notifications); the control plane reports them
// as ignored.
export interface PortalAuthConfig {
  /** Header carrying an app API key (default `api-key`). */
  apiKeyHeader?: string;
  /** Upstream header → entry of the app's/subscription's custom metadata, or appId, appName, teamId, teamName, subscriptionId, apiProductId. */
  headersFromMetadataEntry?: Record<string, { name: string; required?: boolean }>;
  url?: string;
  cacheDuration?: string;
  redisOptions?: unknown;
}
