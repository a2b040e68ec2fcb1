export { CREDENTIAL_QUERY_PARAMS, SENSITIVE_HEADERS, REDACTED, isSensitiveName, redactHeaders, redactObject, redactUrl, stripQueryParams } from './redact.ts';
