// The closed set of error codes the gateway reports (config compile issues, upstream failures,
// hook failures). Expected failures are values ({ ok: false, code, message }), never thrown.

export type GatewayErrorCode =
  | 'GW_CONFIG_INVALID_REGEX'
  | 'GW_CONFIG_INVALID_ROUTE'
  | 'GW_CONFIG_INVALID_DESTINATION'
  | 'GW_UPSTREAM_UNAVAILABLE'
  | 'GW_UPSTREAM_TIMEOUT'
  | 'GW_UPSTREAM_BAD_RESPONSE'
  | 'GW_AUTH_ERROR'
  | 'GW_RATELIMIT_ERROR'
  | 'GW_BAD_REQUEST'
  | 'GW_BODY_TOO_LARGE';

export interface GatewayIssue {
  code: GatewayErrorCode;
  message: string;
  /** The route (or virtual host) the issue belongs to, when there is one. */
  where: string | null;
}

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  constructor(code: GatewayErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'GatewayError';
  }
}
