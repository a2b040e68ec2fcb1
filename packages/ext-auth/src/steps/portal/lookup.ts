// What portalAuth needs from the portal's teams-and-apps store. Declared here (and implemented by
// @portico/portal-apps' openCredentialView — an in-memory index kept current by change notifications — and its
// uncached createDbCredentialLookup, which match it structurally) so ext-auth does not depend on a database library.
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
