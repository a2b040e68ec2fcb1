// Every failure @portico/portal-apps reports carries one of these codes (closed union); the portal server maps
// each to its HTTP status (NOT_FOUND 404, FORBIDDEN 403, CONFLICT 409, INVALID 400, UNAVAILABLE 503).
export type AppsErrorCode =
  | 'APPS_INVALID' // a field breaks a rule (message and field name it)
  | 'APPS_NOT_FOUND' // an id names nothing the caller may see
  | 'APPS_FORBIDDEN' // the caller's role does not allow the operation
  | 'APPS_CONFLICT' // a unique rule (name per team, one subscription per app and product…) or a state rule
  | 'APPS_IDP_FAILED' // the identity provider refused or failed to create/delete an OAuth client
  | 'APPS_UNAVAILABLE'; // the database did not answer

export const APPS_ERROR_CODES: readonly AppsErrorCode[] = ['APPS_INVALID', 'APPS_NOT_FOUND', 'APPS_FORBIDDEN', 'APPS_CONFLICT', 'APPS_IDP_FAILED', 'APPS_UNAVAILABLE'];

export interface AppsFailure {
  ok: false;
  code: AppsErrorCode;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; value: T } | AppsFailure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(code: AppsErrorCode, message: string, field?: string): AppsFailure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

/** Thrown inside a transaction to roll it back; caught at the service boundary and returned as the failure. */
export class AppsAbort extends Error {
  readonly failure: AppsFailure;
  constructor(failure: AppsFailure) {
    super(failure.message);
    this.failure = failure;
  }
}
