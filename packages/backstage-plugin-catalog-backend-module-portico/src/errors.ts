// Error codes of the Backstage catalog module. Expected failures (the portal is down, a token is refused, a
// response is malformed) are values `{ ok: false, code, message }`; the provider logs them and skips the
// mutation. Only misuse at construction time throws (PorticoSyncError with a CONFIG_* code).

export const SYNC_ERROR_CODES = [
  'CONFIG_INVALID', //               glooPlatformPortal.backend.* has a value of the wrong type or shape
  'TOKEN_UNREACHABLE', //            network error or timeout talking to tokenEndpoint
  'TOKEN_REJECTED', //               the IdP answered 4xx (bad credentials, unknown client, bad scope)
  'TOKEN_SERVER_ERROR', //           the IdP answered 5xx (retried with backoff first)
  'TOKEN_BAD_RESPONSE', //           the IdP answered 2xx without a usable access_token
  'PORTAL_UNREACHABLE', //           network error or timeout talking to portalServerUrl
  'PORTAL_UNAUTHORIZED', //          the portal server answered 401 or 403
  'PORTAL_HTTP_ERROR', //            any other non-2xx answer
  'PORTAL_BAD_JSON', //              a 2xx body that is not JSON
  'PORTAL_BAD_SHAPE', //             JSON that is not what the REST contract says
  'PORTAL_NO_API_LIST', //           neither /apis nor /api-products answered with a list
  'VERSION_NO_SCHEMA', //            a product version has no OpenAPI document (placeholder definition used)
  'VERSION_BAD_SCHEMA', //           the OpenAPI document's $refs could not be resolved (kept unresolved)
  'VERSION_BAD_NAME', //             <apiProductId>-<apiVersion> breaks Backstage's name rules (sanitised, or skipped if empty)
  'VERSION_DUPLICATE_NAME', //       two versions sanitise to the same entity name (the later one skipped)
  'TRANSFORM_FAILED', //             the custom entity transformer threw (the untransformed entity is used)
  'SYNC_NOT_CONNECTED', //           a sync ran before the catalog connected the provider
  'SYNC_TIMEOUT', //                 the run hit syncTimeout before applying its mutation
  'SYNC_FAILED', //                  an unexpected error (e.g. the catalog refused the mutation)
] as const;

export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncFailure {
  ok: false;
  code: SyncErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | SyncFailure;

export function failure(code: SyncErrorCode, message: string): SyncFailure {
  return { ok: false, code, message };
}

/** Thrown only for misuse found at construction (bad configuration), never for a failed sync. */
export class PorticoSyncError extends Error {
  readonly code: SyncErrorCode;
  constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PorticoSyncError';
    this.code = code;
  }
}
