// The closed set of error codes @portico/control-plane reports (admin API bodies carry them as `code`).
export type ControlPlaneErrorCode =
  | 'CP_BAD_REQUEST'
  | 'CP_PAYLOAD_TOO_LARGE'
  | 'CP_UNKNOWN_KIND'
  | 'CP_NOT_FOUND'
  | 'CP_METHOD_NOT_ALLOWED'
  | 'CP_INVALID_MANIFEST'
  | 'CP_STAGE_FAILED'
  | 'CP_STATUS_WRITE_FAILED'
  | 'CP_DISCOVERY_FAILED'
  | 'CP_INTERNAL'
  | 'CP_TRANSLATION_THREAD'
  | 'CP_UNAUTHORIZED'
  | 'CP_FORBIDDEN'
  | 'CP_UNSUPPORTED_MEDIA_TYPE'
  | 'CP_INSECURE_BIND';

export const CONTROL_PLANE_ERROR_DESCRIPTIONS: Record<ControlPlaneErrorCode, string> = {
  CP_BAD_REQUEST: 'malformed request (bad JSON, missing field)',
  CP_PAYLOAD_TOO_LARGE: 'request body over the limit',
  CP_UNKNOWN_KIND: 'the kind in the URL is not in the registry',
  CP_NOT_FOUND: 'no such resource / route',
  CP_METHOD_NOT_ALLOWED: 'the HTTP method is not supported on that path',
  CP_INVALID_MANIFEST: 'at least one document of an apply batch failed (per-document results in the body)',
  CP_STAGE_FAILED: 'a translation stage threw; the previous snapshot parts are kept',
  CP_STATUS_WRITE_FAILED: 'statuses, derived resources or events of a translation could not be written; its snapshot was already published',
  CP_DISCOVERY_FAILED: 'the ApiSchemaDiscovery loop failed unexpectedly (fetch failures are reported in the discovery status instead)',
  CP_INTERNAL: 'an unexpected server error',
  CP_TRANSLATION_THREAD: 'the translation thread could not lower its CPU priority (it translates at the priority of the process)',
  CP_UNAUTHORIZED: 'the admin API token is missing or wrong (Authorization: Bearer <token>)',
  CP_FORBIDDEN: 'a request from a browser (Origin header) or for a Host that is not the admin address',
  CP_UNSUPPORTED_MEDIA_TYPE: 'a request body that is neither JSON nor YAML',
  CP_INSECURE_BIND: 'the admin API would listen beyond loopback without a token',
};

/** Every code, in the order of the descriptions (tsc fails when a code has no description). */
export const CONTROL_PLANE_ERROR_CODES = Object.keys(CONTROL_PLANE_ERROR_DESCRIPTIONS) as readonly ControlPlaneErrorCode[];

export interface ControlPlaneError {
  ok: false;
  code: ControlPlaneErrorCode;
  message: string;
}
