// Contracts 5 and 6 (docs/architecture.md) as the gateway sees them. @portico/ext-auth and
// @portico/ratelimit implement these structurally; the gateway depends only on the shapes.

/** Envoy's envoy.service.auth.v3.CheckRequest as snake_case JSON (gloo-api.md §3.2). */
export interface CheckRequest {
  attributes: {
    source: { address: SocketAddressJson };
    destination: { address: SocketAddressJson };
    request: {
      time: { seconds: number; nanos: number };
      http: {
        id: string;
        method: string;
        /** Lower-cased names, repeated headers joined with ",", plus :authority/:method/:path/:scheme. */
        headers: Record<string, string>;
        path: string;
        host: string;
        scheme: string;
        query: string;
        fragment: string;
        size: number;
        protocol: string;
        body: string;
      };
    };
    context_extensions: Record<string, string>;
    metadata_context: { filter_metadata: Record<string, Record<string, unknown>> };
  };
}

export interface SocketAddressJson {
  socket_address: { address: string; port_value: number };
}

export type CheckResult =
  | {
      allowed: true;
      headersToSet: [string, string][];
      headersToAppend: [string, string][];
      headersToRemove: string[];
      responseHeadersToAdd: [string, string][];
      dynamicMetadata: Record<string, unknown>;
    }
  | { allowed: false; status: number; headers: [string, string][]; body: string; reason: string };

export interface AuthService {
  check(req: CheckRequest, signal?: AbortSignal): Promise<CheckResult>;
}

export interface RateLimitDescriptorEntry {
  key: string;
  value: string;
}

export type RateLimitDecision = { code: 'OK' } | { code: 'OVER_LIMIT'; retryAfterSeconds: number };

export interface RateLimitService {
  shouldRateLimit(domain: string, descriptors: RateLimitDescriptorEntry[][]): Promise<RateLimitDecision>;
}
