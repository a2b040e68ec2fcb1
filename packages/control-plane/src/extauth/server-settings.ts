// ExtAuthServer → the settings every route of a policy carries (gloo-api.md §2.2): requestTimeout 2 s,
// statusOnError 403, failureModeAllow false, request body forwarded only when requestBody is set (4 KB default).
import { durationMs, type ExtAuthServerSpec } from '@portico/api';
import type { ExtAuthServerSettings } from '@portico/gateway';

export const DEFAULT_SERVER_SETTINGS: ExtAuthServerSettings = {
  requestTimeoutMs: 2000,
  failureModeAllow: false,
  statusOnError: 403,
  maxRequestBytes: null,
  allowPartialMessage: false,
};

export function serverSettings(spec: ExtAuthServerSpec | undefined): ExtAuthServerSettings {
  if (!spec) return DEFAULT_SERVER_SETTINGS;
  return {
    requestTimeoutMs: spec.requestTimeout ? durationMs(spec.requestTimeout) : DEFAULT_SERVER_SETTINGS.requestTimeoutMs,
    failureModeAllow: spec.failureModeAllow ?? false,
    statusOnError: spec.statusOnError ?? 403,
    maxRequestBytes: spec.requestBody ? (spec.requestBody.maxRequestBytes ?? 4096) : null,
    allowPartialMessage: spec.requestBody?.allowPartialMessage ?? false,
  };
}
