// Shapes of the portal server's /v1 API (Gloo Platform Portal "GMG" flavour, grouped /apis).

export interface User {
  name?: string;
  email?: string;
  username?: string;
}

export interface ApiVersion {
  apiId: string;
  apiVersion: string;
  title?: string;
  description?: string;
  termsOfService?: string;
  contact?: string;
  license?: string;
  lifecycle?: string;
  usagePlans?: string[];
  customMetadata?: Record<string, string>;
}

export interface ApiProduct {
  apiProductId: string;
  apiProductDisplayName?: string;
  apiVersions: ApiVersion[];
}

export type RateLimitUnit = 'UNKNOWN' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

export interface UsagePlan {
  name: string;
  displayName?: string;
  description?: string;
  authPolicies?: { authType: string }[];
  rateLimitPolicy?: { unit: RateLimitUnit; requestsPerUnit: number };
  apiIds?: string[];
}

export interface ApiKey {
  id: string;
  name: string;
  apiKey?: string;
  usagePlan?: string;
  metadata?: Record<string, string>;
}

export interface ApiKeysByPlan {
  usagePlan: string;
  apiKeys: ApiKey[];
}
