// The tables as Kysely sees them. Column types are the portable subset of SQLite and PostgreSQL: text ids and
// ISO timestamps, integer 0/1 flags, JSON as text — so one set of queries serves both databases.

export interface UsersTable {
  id: string;
  /** The token subject; null until the user signs in (users added to a team by e-mail). */
  sub: string | null;
  email: string;
  name: string;
  username: string;
  synced: number;
  created_at: string;
  updated_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  created_at: string;
}

export interface AppsTable {
  id: string;
  team_id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface AppApiKeysTable {
  id: string;
  app_id: string;
  name: string;
  /** SHA-256 of the key (hex); the key itself is never stored. */
  key_hash: string;
  metadata: string;
  created_at: string;
  updated_at: string;
}

export interface OauthCredentialsTable {
  id: string;
  app_id: string;
  idp_client_id: string;
  idp_client_name: string;
  /** What the IdP connector needs to delete the client later (sealed by the connector; may be empty). */
  idp_handle: string;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionsTable {
  id: string;
  app_id: string;
  api_product_id: string;
  requested_at: string;
  approved: number;
  approved_at: string | null;
  rejected: number;
  rejected_at: string | null;
  created_at: string;
  updated_at: string;
}

/** App and subscription metadata: one row per owner (an app id or a subscription id). */
export interface MetadataTable {
  id: string;
  owner_id: string;
  custom_metadata: string;
  rate_limit_requests: string | null;
  rate_limit_unit: string | null;
  created_at: string;
  updated_at: string;
}

export interface PortalAppsDatabase {
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  apps: AppsTable;
  app_api_keys: AppApiKeysTable;
  oauth_credentials: OauthCredentialsTable;
  subscriptions: SubscriptionsTable;
  metadata: MetadataTable;
}
