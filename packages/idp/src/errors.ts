// The closed set of error codes @portico/idp reports. Bad configuration comes back as a value naming the field;
// only programming misuse throws.
export type IdpErrorCode =
  | 'IDP_CONFIG_READ' // the config file could not be read
  | 'IDP_CONFIG_SYNTAX' // the config file is not valid YAML/JSON
  | 'IDP_CONFIG_INVALID' // a field breaks the schema (the message names it)
  | 'IDP_KEYS_INVALID' // the persisted key file exists but is unusable
  | 'IDP_PASSWORD_HASH_INVALID'; // a stored password hash is not in the `scrypt$…` format

export interface IdpError {
  ok: false;
  code: IdpErrorCode;
  message: string;
}

export const IDP_ERROR_CODES: readonly IdpErrorCode[] = [
  'IDP_CONFIG_READ',
  'IDP_CONFIG_SYNTAX',
  'IDP_CONFIG_INVALID',
  'IDP_KEYS_INVALID',
  'IDP_PASSWORD_HASH_INVALID',
];

export function idpError(code: IdpErrorCode, message: string): IdpError {
  return { ok: false, code, message };
}

/** Thrown only where a value cannot be returned (startup); carries the same code. */
export class IdpStartError extends Error {
  readonly code: IdpErrorCode;
  constructor(error: IdpError) {
    super(error.message);
    this.code = error.code;
  }
}
