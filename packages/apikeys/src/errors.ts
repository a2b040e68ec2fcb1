// Every failure @portico/apikeys reports carries one of these codes (closed union).
export const APIKEY_ERROR_CODES = [
  'APIKEY_INPUT_INVALID', // a field of a create request breaks a rule (message names the field)
  'APIKEY_DUPLICATE_NAME', // the owner already has a key with this name in this usage plan
  'APIKEY_STORE_UNAVAILABLE', // the backing store (Redis, sqlite file) could not answer
] as const;

export type ApiKeyErrorCode = (typeof APIKEY_ERROR_CODES)[number];

export interface ApiKeyFailure {
  ok: false;
  code: ApiKeyErrorCode;
  message: string;
  /** For APIKEY_INPUT_INVALID: the offending field. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | ApiKeyFailure;

export function fail(code: ApiKeyErrorCode, message: string, field?: string): ApiKeyFailure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

export function unavailable(store: string, err: unknown): ApiKeyFailure {
  return fail('APIKEY_STORE_UNAVAILABLE', `API key store (${store}) unavailable: ${(err as Error)?.message ?? String(err)}`);
}
