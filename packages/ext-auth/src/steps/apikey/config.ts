// apiKeyAuth as ext-auth receives it (gloo-api.md §2.8). With no storage block — the Gloo Platform portal
// case — keys come from the shared API key store the portal server writes (StepDeps.apiKeys). When the
// control plane resolved Kubernetes-style key Secrets it passes them inline as `validApiKeys` (Gloo's
// internal ExtAuthConfig form); those are checked first.
export interface ApiKeyAuthConfig {
  /** Default `api-key`. */
  headerName?: string;
  /** Upstream header → key metadata entry; `required: true` rejects keys that lack the entry. */
  headersFromMetadataEntry?: Record<string, { name: string; required?: boolean }>;
  /** Deprecated Gloo form: header → metadata entry name (never required). */
  headersFromMetadata?: Record<string, string>;
  /** Plain key → owner and metadata (resolved key Secrets). */
  validApiKeys?: Record<string, { username?: string; metadata?: Record<string, string> }>;
  /** Keys from API key Secrets as sha256 hex → owner (the Secret name) and metadata. When present, only these
   *  keys are accepted (the portal's store is not consulted) and the owner goes upstream as `x-user-id`. */
  apiKeyHashes?: Record<string, { username?: string; metadata?: Record<string, string> }>;
  k8sSecretApikeyStorage?: unknown;
  aerospikeApikeyStorage?: unknown;
  labelSelector?: Record<string, string>;
  apiKeySecretRefs?: unknown[];
  skipMetadataValidation?: boolean;
}
