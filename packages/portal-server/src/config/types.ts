// What the portal server serves, produced by the control plane's portal stage (translatePortals) from Portal,
// PortalGroup, ApiDoc, RouteTables and the rate-limit / ext-auth policies on their routes — Gloo's internal
// PortalConfig (gloo-api.md §5.3 "PCFG"). Plain JSON: it travels inside the deep-frozen Snapshot.

export type PlanUnit = 'UNKNOWN' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY' | 'MONTH' | 'YEAR';

export interface PortalServerConfig {
  portals: PortalConfig[];
}

/** `usage-plans`: Gloo Platform Portal (the seeds); `teams-and-apps`: the Gloo Gateway portal (docs/portal.md). */
export type PortalModel = 'usage-plans' | 'teams-and-apps';

export interface PortalConfig {
  name: string;
  /** Absent = usage-plans. */
  model?: PortalModel;
  /** Origins whose browser apps may call this portal's /v1 API (CORS); absent or [] = same origin only. */
  corsAllowOrigins?: string[];
  namespace: string;
  /** Host names (optionally with port) the portal answers for; "*" matches every host. */
  domains: string[];
  /** visibility.public: false (the default) makes every API private. */
  public: boolean;
  /** One per API version (route table with portalMetadata), grouped into products by apiProductId. */
  apis: PortalApi[];
  usagePlans: PortalUsagePlan[];
  groups: PortalGroupConfig[];
}

export interface PortalApi {
  /** `<apiProductId>-<apiVersion>` (the id the gateway puts in io.solo.gloo.apimanagement.api_id). */
  apiId: string;
  apiProductId: string;
  apiProductDisplayName: string;
  apiVersion: string;
  title: string;
  description: string;
  termsOfService: string;
  contact: string;
  license: string;
  lifecycle: string;
  customMetadata: Record<string, string>;
  routeTable: { name: string; namespace: string };
  /** Private APIs are listed only to PortalGroup members that are granted them. */
  isPrivate: boolean;
  /** Names of the usage plans that apply to this API's routes. */
  usagePlans: string[];
  /** The OpenAPI document stitched to the exposed routes, without `servers` (set per request). */
  schema: Record<string, unknown> | null;
  /** Why there is no schema (Gloo's messages), when schema is null. */
  schemaError: string | null;
  /** Hosts of the virtual hosts serving the API's routes (servers = these, on the gateway's port). */
  hosts: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PortalUsagePlan {
  name: string;
  displayName: string;
  description: string;
  /** e.g. [{authType: 'apiKeyAuth'}] — the auth steps of the ext-auth policies on the plan's APIs. */
  authPolicies: { authType: string }[];
  /** From the RateLimitServerConfig descriptor whose value equals the plan name; null when none. */
  rateLimit: { unit: PlanUnit; requestsPerUnit: number } | null;
  apiIds: string[];
}

export interface PortalGroupConfig {
  name: string;
  namespace: string;
  displayName: string;
  description: string;
  /** OR over entries, AND over the claims of one entry; a claim without value only needs to be present. */
  membership: { claims: { key: string; value: string | null }[] }[];
  apiIds: string[];
  usagePlans: string[];
}
