// opaAuth as ext-auth receives it: ConfigMap references already resolved to module sources (gloo-api.md §2.6).
export interface OpaAuthConfig {
  /** file name (`<ns>.<configmap>.<key>`) → Rego source; every ConfigMap data value is one module. */
  modules: Record<string, string>;
  /** e.g. "data.test.allow == true". */
  query: string;
  options?: {
    /** Accepted for compatibility; Portico always builds the input as plain JSON. */
    fastInputConversion?: boolean;
    /** Puts {allowed, body} under dynamic metadata `<step name>.reason` (Gloo's deprecated option). */
    returnDecisionReason?: boolean;
  };
}
