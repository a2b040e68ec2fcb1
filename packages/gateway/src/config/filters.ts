// Contract 4 (docs/architecture.md), per-route filters: what the route policies of issue 12 (CORSPolicy,
// JWTPolicy, WAFPolicy, DLPPolicy, TransformationPolicy, HeaderManipulationPolicy, RetryTimeoutPolicy) become in
// the gateway config. Plain JSON data like the rest of the config; the gateway compiles it once per update
// (src/filters/compile.ts). A route without policies has `filters` undefined or null and pays nothing.
import type { ExtAuthServerSettings } from './types.ts';

export interface RouteFiltersConfig {
  cors: CorsFilterConfig | null;
  /** JWTPolicy: an ext-auth config id checked through the AuthService before (preAuthz) or after (postAuthz) extAuth. */
  jwt: JwtFilterConfig | null;
  waf: WafFilterConfig | null;
  headers: HeaderManipulationConfig | null;
  transformation: TransformationFilterConfig | null;
  retry: RetryFilterConfig | null;
  dlp: DlpFilterConfig | null;
  fault: FaultFilterConfig | null;
}

/** An origin pattern: exact, prefix or RE2 regex over the whole Origin value. */
export interface OriginMatchConfig {
  type: 'exact' | 'prefix' | 'regex';
  value: string;
  ignoreCase: boolean;
}

export interface CorsFilterConfig {
  allowOrigins: OriginMatchConfig[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number | null;
  allowCredentials: boolean;
}

export interface JwtFilterConfig {
  configId: string;
  phase: 'preAuthz' | 'postAuthz';
  server: ExtAuthServerSettings;
}

/** WAFPolicies on the route in evaluation order (priority, then age); each rule set is SecLang text. */
export interface WafFilterConfig {
  policies: { name: string; ruleSets: string[]; interventionMessage: string | null; requestHeadersOnly: boolean; responseHeadersOnly?: boolean }[];
}

export interface HeaderManipulationConfig {
  removeRequestHeaders: string[];
  appendRequestHeaders: [string, string][];
  removeResponseHeaders: string[];
  appendResponseHeaders: [string, string][];
}

export interface TransformationFilterConfig {
  /** preAuthz: before JWT/ext-auth see the request; postAuthz (Gloo's default): after them. */
  phase: 'preAuthz' | 'postAuthz';
  request: TransformationTemplateConfig | null;
  response: TransformationTemplateConfig | null;
}

/** A subset of Gloo's Inja templates: header extractors, header set/append/remove, a text body; templates may read
 *  the body (`body()`) and, with parseBodyAsJson, its JSON fields by path. */
export interface TransformationTemplateConfig {
  /** parseBodyBehavior ParseAsJson (Gloo's default): JSON body fields are template variables. */
  parseBodyAsJson: boolean;
  extractors: { name: string; header: string; regex: string; subgroup: number }[];
  headers: [string, string][];
  headersToAppend: [string, string][];
  headersToRemove: string[];
  body: string | null;
  /** dynamicMetadataValues: rendered into the request's dynamic metadata (rate-limit `metadata` actions read it). */
  dynamicMetadata: { namespace: string; key: string; value: string }[];
}

export interface RetryFilterConfig {
  /** Route timeout across every attempt; null = the route's or the gateway's default. */
  requestTimeoutMs: number | null;
  /** Extra attempts after the first (Gloo default 2; 0 disables). */
  attempts: number;
  perTryTimeoutMs: number | null;
  /** Envoy retry conditions (`5xx`, `gateway-error`, `connect-failure`, `reset`, `retriable-status-codes`) or status codes. */
  retryOn: string[];
}

/** FaultInjectionPolicy: delay then abort a share (percent, 0–100) of the route's requests. */
export interface FaultFilterConfig {
  delayMs: number | null;
  delayPercent: number;
  abortStatus: number | null;
  abortPercent: number;
}

export interface DlpFilterConfig {
  /** Regex actions: each match (or its subgroup) has its first `percent` % characters replaced by maskChar. */
  regexActions: { name: string; regex: string; subgroup: number; maskChar: string; percent: number; shadow: boolean }[];
  /** keyValueAction: header values (response headers) to mask. */
  headerActions: { name: string; keys: string[]; maskChar: string; percent: number; shadow: boolean }[];
  responseBody: boolean;
  accessLogs: boolean;
}
