// Shapes of the teams-and-apps ("Gloo Gateway") flavour of the portal API (portal-teams-apps.md §1–§2).

export interface Member {
  id: string;
  email: string;
  name?: string;
  username?: string;
  /** false for a user added by e-mail who has not signed in yet. */
  synced?: boolean;
  isAdmin?: boolean;
}

export interface Team {
  id: string;
  name: string;
  description?: string;
}

export const RATE_LIMIT_UNITS = ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR'] as const;
export type AppsRateLimitUnit = (typeof RATE_LIMIT_UNITS)[number] | 'UNKNOWN';

export interface AppsRateLimit {
  requestsPerUnit: string;
  unit: AppsRateLimitUnit;
}

export interface AppsMetadata {
  id?: string;
  customMetadata: Record<string, string>;
  rateLimit?: AppsRateLimit;
}

export interface App {
  id: string;
  name: string;
  description?: string;
  teamId: string;
  metadata?: AppsMetadata;
}

export interface AppApiKey {
  id: string;
  name: string;
  /** Only in the answer that created it. */
  apiKey?: string;
  createdAt?: string;
}

export interface OauthCredential {
  id: string;
  idpClientId: string;
  idpClientName?: string;
  /** Only in the answer that created it. */
  idpClientSecret?: string;
}

export interface Subscription {
  id: string;
  applicationId: string;
  apiProductId: string;
  requestedAt?: string;
  approved?: boolean;
  rejected?: boolean;
  metadata?: AppsMetadata;
}

export type SubscriptionStatus = 'pending' | 'approved' | 'rejected';

/** As the server derives it: approved wins, then rejected, else pending. */
export function subscriptionStatus(s: Pick<Subscription, 'approved' | 'rejected'>): SubscriptionStatus {
  return s.approved ? 'approved' : s.rejected ? 'rejected' : 'pending';
}

export interface ApiProductSummary {
  id: string;
  name?: string;
  description?: string;
  versionsCount?: number;
  apiProductMetadata?: Record<string, string> | null;
}

export interface ApiProductVersion {
  id: string;
  name?: string;
  title?: string;
  documentation?: string;
  apiSpec?: Record<string, unknown> | string;
  status?: string;
  license?: string;
  termsOfService?: string;
  productVersionMetadata?: Record<string, string> | null;
}

/** "3 per minute", or "No limit" for none / the UI's `0 UNKNOWN`. */
export function describeRateLimit(r: AppsRateLimit | undefined): string {
  if (!r || r.unit === 'UNKNOWN' || r.requestsPerUnit === '0') return 'No limit';
  return `${r.requestsPerUnit} per ${r.unit.toLowerCase()}`;
}
