// How the portal creates and deletes an app's OAuth client in an identity provider (Solo's "IdP Connect",
// portal-teams-apps.md §4: POST /applications {id} → {clientId, clientSecret, clientName}; DELETE
// /applications/{id}). A connector for another IdP (Keycloak admin API, Okta apps API) implements this.
export interface CreatedIdpClient {
  clientId: string;
  /** Shown to the user once; the portal never stores it. */
  clientSecret: string;
  clientName: string;
  /**
   * What deleteClient needs besides the client id (e.g. an RFC 7592 registration access token). Stored with the
   * credential; a connector that holds a secret here must seal it (see dcr.ts).
   */
  handle: string;
}

export interface IdpConnector {
  /** `name` is a readable client name (the app's); the connector picks the client id. */
  createClient(name: string): Promise<CreatedIdpClient>;
  deleteClient(clientId: string, handle: string): Promise<void>;
}
