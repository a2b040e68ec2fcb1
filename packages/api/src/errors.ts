// The closed set of error codes @portico/api reports. Expected failures of user input come back as values
// ({ ok: false, code, … }), never as exceptions.
export type ApiErrorCode =
  | 'API_YAML_SYNTAX'
  | 'API_NOT_AN_OBJECT'
  | 'API_MISSING_KIND'
  | 'API_UNKNOWN_KIND'
  | 'API_NOT_PORTICO'
  | 'API_READ_ONLY'
  | 'API_INVALID';

export interface ApiError {
  ok: false;
  code: ApiErrorCode;
  message: string;
}

export const API_ERROR_DESCRIPTIONS: Record<ApiErrorCode, string> = {
  API_YAML_SYNTAX: 'a YAML document could not be parsed',
  API_NOT_AN_OBJECT: 'a document is not a mapping',
  API_MISSING_KIND: 'apiVersion or kind missing',
  API_UNKNOWN_KIND: 'no such kind / apiVersion pair in the registry',
  API_NOT_PORTICO: 'a Kubernetes or Istio kind (Deployment, Role, EnvoyFilter…) that Portico skips; not a failure',
  API_READ_ONLY: 'a derived kind (AuthConfig) cannot be applied by users',
  API_INVALID: 'schema or CEL rule violated',
};

/** Every code, in the order of the descriptions (tsc fails when a code has no description). */
export const API_ERROR_CODES = Object.keys(API_ERROR_DESCRIPTIONS) as readonly ApiErrorCode[];
