// The closed set of error codes the gateway reports (config compile issues, unreadable requests, service
// deadlines). Upstream failures are not errors of the gateway: they are answered 502/503/504 with Envoy's
// response flags in the access log. Expected failures are values ({ ok: false, code, message }), never thrown.

export const GATEWAY_ERROR_CODES = [
  'GW_CONFIG_INVALID_REGEX',
  'GW_CONFIG_INVALID_ROUTE',
  'GW_CONFIG_INVALID_DESTINATION',
  'GW_SERVICE_TIMEOUT',
  'GW_BAD_REQUEST',
  'GW_BODY_TOO_LARGE',
] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

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
