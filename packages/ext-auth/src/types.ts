// Contract 5 (docs/architecture.md): what the gateway, the transports and the control plane see of ext-auth.
// The gateway imports the check shapes from here (`@portico/ext-auth/check`, types only): one source of truth.
import type { StepConfig } from './steps/kinds.ts';

/** Envoy's envoy.service.auth.v3.CheckRequest as snake_case JSON (gloo-api.md §3.2). */
export interface CheckRequest {
  attributes: {
    source?: { address: SocketAddressJson };
    destination?: { address: SocketAddressJson };
    request: {
      time?: { seconds: number; nanos: number };
      http: {
        id?: string;
        method: string;
        /** Lower-cased names, repeated headers joined with ",", plus :authority/:method/:path/:scheme. */
        headers: Record<string, string>;
        path: string;
        host?: string;
        scheme?: string;
        query?: string;
        fragment?: string;
        size?: number;
        protocol?: string;
        body?: string;
      };
    };
    context_extensions?: Record<string, string>;
    metadata_context?: { filter_metadata?: Record<string, Record<string, unknown>> };
  };
}

export interface SocketAddressJson {
  socket_address: { address: string; port_value: number };
}

export interface CheckAllowed {
  allowed: true;
  headersToSet: [string, string][];
  headersToAppend: [string, string][];
  headersToRemove: string[];
  responseHeadersToAdd: [string, string][];
  dynamicMetadata: Record<string, unknown>;
}

export interface CheckDenied {
  allowed: false;
  status: number;
  headers: [string, string][];
  body: string;
  /** For logs and metrics only; never sent to the client (it may name config internals). */
  reason: string;
}

export type CheckResult = CheckAllowed | CheckDenied;

/** What a caller of ext-auth needs (the gateway's ext_authz step, the transports). */
export interface CheckService {
  /**
   * The result itself when deciding needed no I/O (an API key in the in-memory index, a cached token, a compiled
   * policy evaluated inline), otherwise a promise of it: callers handle both (docs/architecture.md, Contract 5).
   */
  check(req: CheckRequest, signal?: AbortSignal): CheckResult | Promise<CheckResult>;
}

export interface AuthService extends CheckService {
  update(authConfigs: ReadonlyMap<string, ResolvedAuthConfig | RejectedAuthConfig>): void;
}

/** The compiled form the control plane hands to ext-auth (Gloo's ExtAuthConfig, gloo-api.md §2.10):
 *  references (ConfigMaps, Secrets) already inlined, field names normalised. */
export interface AuthConfigSpec {
  configs: StepConfig[];
  /** e.g. "(jwt || apikey) && opa"; null = every step must pass, in order. */
  booleanExpr: string | null;
  /** An OIDC redirect becomes 401 instead of 302. */
  failOnRedirect: boolean;
}

export interface ResolvedAuthConfig {
  configId: string;
  state: 'ACCEPTED' | 'WARNING';
  /** Why the state is WARNING (applied, but e.g. inline keys were ignored). */
  reason?: string;
  /** Changes whenever the spec changes; lets update() keep compiled pipelines (and their JWKS caches). */
  fingerprint: string;
  spec: AuthConfigSpec;
}

export interface RejectedAuthConfig {
  configId: string;
  state: 'REJECTED';
  reason: string;
}
