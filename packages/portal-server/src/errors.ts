// Every error answer of the portal server carries one of these codes (closed union) next to its message.
export type PortalErrorCode =
  | 'PORTAL_NOT_FOUND' // no Portal serves the request's Host
  | 'PORTAL_BAD_REQUEST' // input failed validation (the body names the field)
  | 'PORTAL_UNAUTHENTICATED' // no or invalid credentials where they are required
  | 'PORTAL_FORBIDDEN' // authenticated, but not allowed (missing claim, plan not granted)
  | 'PORTAL_UNKNOWN_ID' // an id in the path does not exist (or is not visible to the caller)
  | 'PORTAL_SCHEMA_UNAVAILABLE' // the API has no usable stitched schema
  | 'PORTAL_STORE_UNAVAILABLE' // the API key store did not answer (e.g. Redis down)
  | 'PORTAL_CONFLICT' // a key with that name already exists (or another uniqueness rule: team, app, subscription)
  | 'PORTAL_QUOTA_EXCEEDED' // an abuse limit is reached (e.g. API keys per user and plan); the message names it
  | 'PORTAL_IDP_FAILED' // the identity provider did not create or delete an app's OAuth client
  | 'PORTAL_INTERNAL'; // a bug; details are logged, never sent

export const PORTAL_ERROR_CODES: readonly PortalErrorCode[] = [
  'PORTAL_NOT_FOUND',
  'PORTAL_BAD_REQUEST',
  'PORTAL_UNAUTHENTICATED',
  'PORTAL_FORBIDDEN',
  'PORTAL_UNKNOWN_ID',
  'PORTAL_SCHEMA_UNAVAILABLE',
  'PORTAL_STORE_UNAVAILABLE',
  'PORTAL_CONFLICT',
  'PORTAL_QUOTA_EXCEEDED',
  'PORTAL_IDP_FAILED',
  'PORTAL_INTERNAL',
];

/** Thrown inside handlers; the error handler turns it into `{ message, code, field? }` with `status`. */
export class PortalHttpError extends Error {
  readonly status: number;
  readonly code: PortalErrorCode;
  readonly field: string | undefined;
  constructor(status: number, code: PortalErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'PortalHttpError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}
