// What portalAuth needs from the portal's teams-and-apps store. Declared here (and implemented by
// @portico/portal-apps' createDbCredentialLookup, which matches it structurally) so ext-auth does not depend on
// a database library, and an in-memory index kept current by change notifications can stand in for it.
export interface PortalGrant {
  appId: string;
  appName: string;
  teamId: string;
  teamName: string;
  subscription: { id: string; status: 'pending' | 'approved' | 'rejected' } | null;
  rateLimit: { requestsPerUnit: string; unit: string } | null;
  customMetadata: Record<string, string>;
}

export type PortalCredential = { apiKey: string } | { clientId: string };

export interface PortalCredentialLookup {
  lookup(credential: PortalCredential, apiProductId: string): Promise<{ ok: true; value: PortalGrant | null } | { ok: false; message: string }>;
}
