// The teams-and-apps model of the Gloo Gateway portal (portal-teams-apps.md §1), as the REST API shows it.
// Timestamps are ISO 8601 strings; ids are uuids.

export const RATE_LIMIT_UNITS = ['UNKNOWN', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR'] as const;
export type RateLimitUnit = (typeof RATE_LIMIT_UNITS)[number];

export interface RateLimit {
  /** A decimal string, as Solo's API sends it; "0" with UNKNOWN = no limit. */
  requestsPerUnit: string;
  unit: RateLimitUnit;
}

export interface Metadata {
  id: string;
  customMetadata: Record<string, string>;
  rateLimit?: RateLimit;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  username: string;
  /** false for users added to a team by e-mail until they first sign in. */
  synced: boolean;
  isAdmin: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface App {
  id: string;
  name: string;
  description: string;
  teamId: string;
  metadata?: Metadata;
  createdAt: string;
  updatedAt: string;
}

export interface AppApiKey {
  id: string;
  name: string;
  /** Only in the answer that created it. */
  apiKey?: string;
  metadata: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface OauthCredential {
  id: string;
  idpClientId: string;
  idpClientName: string;
  /** Only in the answer that created it; never stored. */
  idpClientSecret?: string;
  createdAt: string;
  updatedAt: string;
}

export type SubscriptionStatus = 'pending' | 'approved' | 'rejected';

export interface Subscription {
  id: string;
  applicationId: string;
  apiProductId: string;
  requestedAt: string;
  approved?: boolean;
  approvedAt?: string;
  rejected?: boolean;
  rejectedAt?: string;
  metadata?: Metadata;
  createdAt: string;
  updatedAt: string;
}

/** States derive from the two booleans: approved wins, then rejected, else pending. */
export function subscriptionStatus(s: Pick<Subscription, 'approved' | 'rejected'>): SubscriptionStatus {
  return s.approved ? 'approved' : s.rejected ? 'rejected' : 'pending';
}

/** Who is calling: a stored user (created or refreshed from the token) and whether the admin claim is set. */
export interface Caller {
  userId: string;
  isAdmin: boolean;
}
