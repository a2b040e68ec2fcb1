// Configuration schema of @portico/backstage-plugin-catalog-backend-module-portico: the keys of the seed's
// app-config.local.yaml (the same as Solo's Gloo Platform Portal Backstage backend plugin).
export interface Config {
  glooPlatformPortal?: {
    backend?: {
      /**
       * The portal server's REST API, with its /v1 path, e.g. "http://portal.localhost:8080/v1".
       * Default "http://localhost:31080/v1". One trailing slash is dropped.
       * @visibility backend
       */
      portalServerUrl?: string;
      /**
       * OAuth2 client id for the client_credentials grant. Leave clientId, clientSecret and tokenEndpoint all
       * unset to read the portal anonymously (public APIs only).
       * @visibility backend
       */
      clientId?: string;
      /**
       * OAuth2 client secret. Never logged.
       * @visibility secret
       */
      clientSecret?: string;
      /**
       * The IdP's token endpoint (token_endpoint in its /.well-known/openid-configuration).
       * @visibility backend
       */
      tokenEndpoint?: string;
      /**
       * Log each request, response status and sync summary at info level (tokens and secrets are never logged).
       * @visibility backend
       */
      debugLogging?: boolean;
      /**
       * How often to sync. Default 5 minutes (also when every field is 0).
       * @visibility backend
       */
      syncFrequency?: { hours?: number; minutes?: number; seconds?: number; milliseconds?: number } | string;
      /**
       * How long one sync may take. Default 30 seconds (also when every field is 0).
       * @visibility backend
       */
      syncTimeout?: { hours?: number; minutes?: number; seconds?: number; milliseconds?: number } | string;
    };
  };
}
