// Rows → the API's objects. Optional fields are left out rather than sent as null (Solo's frontend tests
// `approved`/`rejected` for truthiness and reads `metadata` only when present).
import type { App, AppApiKey, Metadata, OauthCredential, RateLimitUnit, Subscription, Team, User } from '../model/types.ts';
import type { AppApiKeysTable, AppsTable, MetadataTable, OauthCredentialsTable, SubscriptionsTable, TeamsTable, UsersTable } from './schema.ts';

export function toUser(r: UsersTable, isAdmin: boolean): User {
  return { id: r.id, email: r.email, name: r.name, username: r.username, synced: r.synced === 1, isAdmin, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function toTeam(r: TeamsTable): Team {
  return { id: r.id, name: r.name, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function toMetadata(r: MetadataTable): Metadata {
  const m: Metadata = { id: r.id, customMetadata: JSON.parse(r.custom_metadata) as Record<string, string>, createdAt: r.created_at, updatedAt: r.updated_at };
  if (r.rate_limit_requests !== null && r.rate_limit_unit !== null) m.rateLimit = { requestsPerUnit: r.rate_limit_requests, unit: r.rate_limit_unit as RateLimitUnit };
  return m;
}

export function toApp(r: AppsTable, meta: MetadataTable | undefined): App {
  const a: App = { id: r.id, name: r.name, description: r.description, teamId: r.team_id, createdAt: r.created_at, updatedAt: r.updated_at };
  if (meta) a.metadata = toMetadata(meta);
  return a;
}

export function toApiKey(r: AppApiKeysTable): AppApiKey {
  return { id: r.id, name: r.name, metadata: JSON.parse(r.metadata) as Record<string, string>, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function toCredential(r: OauthCredentialsTable): OauthCredential {
  return { id: r.id, idpClientId: r.idp_client_id, idpClientName: r.idp_client_name, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function toSubscription(r: SubscriptionsTable, meta: MetadataTable | undefined): Subscription {
  const s: Subscription = { id: r.id, applicationId: r.app_id, apiProductId: r.api_product_id, requestedAt: r.requested_at, createdAt: r.created_at, updatedAt: r.updated_at };
  if (r.approved === 1) {
    s.approved = true;
    if (r.approved_at) s.approvedAt = r.approved_at;
  }
  if (r.rejected === 1) {
    s.rejected = true;
    if (r.rejected_at) s.rejectedAt = r.rejected_at;
  }
  if (meta) s.metadata = toMetadata(meta);
  return s;
}
