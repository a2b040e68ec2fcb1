// CORSPolicy at the gateway (gloo-api-more.md §5, Envoy's CORS filter): a preflight (OPTIONS + Origin +
// Access-Control-Request-Method) from an allowed origin is answered here with 200, before auth; a request from
// an allowed origin gets Access-Control-Allow-Origin (the origin echoed, or a literal `*` when that is the
// pattern), -Allow-Credentials and -Expose-Headers on its response. Other origins get no CORS headers and are
// not rejected (the browser enforces). Regexes are RE2 over the whole origin.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { CorsFilterConfig } from '../../config/filters.ts';
import { compileRegex } from '../../router/matchers.ts';

export interface CompiledCors {
  /** The value for Access-Control-Allow-Origin when `origin` is allowed, else null. */
  allowedOrigin(origin: string): string | null;
  /** Headers of a preflight answer, or null when the request is not a preflight from an allowed origin. */
  preflight(method: string, headers: IncomingHttpHeaders): OutgoingHttpHeaders | null;
  /** Adds the CORS response headers for an actual (non-preflight) request. */
  decorate(requestHeaders: IncomingHttpHeaders, response: OutgoingHttpHeaders): void;
}

export function compileCors(c: CorsFilterConfig): CompiledCors {
  const tests = c.allowOrigins.map((m): ((o: string) => string | null) => {
    if (m.type === 'exact' && m.value === '*') return () => '*';
    if (m.type === 'regex') {
      const re = compileRegex(m.value);
      return (o) => (re.matches(o) ? o : null);
    }
    const value = m.ignoreCase ? m.value.toLowerCase() : m.value;
    const norm = m.ignoreCase ? (o: string) => o.toLowerCase() : (o: string) => o;
    return m.type === 'exact' ? (o) => (norm(o) === value ? o : null) : (o) => (norm(o).startsWith(value) ? o : null);
  });
  const methods = c.allowMethods.length > 0 ? c.allowMethods.join(',') : null;
  const allowHeaders = c.allowHeaders.length > 0 ? c.allowHeaders.join(',') : null;
  const expose = c.exposeHeaders.length > 0 ? c.exposeHeaders.join(',') : null;
  const maxAge = c.maxAgeSeconds === null ? null : String(c.maxAgeSeconds);

  function allowedOrigin(origin: string): string | null {
    for (const t of tests) {
      const v = t(origin);
      if (v !== null) return v;
    }
    return null;
  }

  return {
    allowedOrigin,
    preflight(method, headers) {
      if (method !== 'OPTIONS') return null;
      const origin = headers.origin;
      if (origin === undefined || headers['access-control-request-method'] === undefined) return null;
      const allowed = allowedOrigin(origin);
      if (allowed === null) return null;
      const out: OutgoingHttpHeaders = { 'access-control-allow-origin': allowed };
      if (methods !== null) out['access-control-allow-methods'] = methods;
      if (allowHeaders !== null) out['access-control-allow-headers'] = allowHeaders;
      if (maxAge !== null) out['access-control-max-age'] = maxAge;
      if (c.allowCredentials) out['access-control-allow-credentials'] = 'true';
      if (allowed !== '*') out.vary = 'Origin';
      return out;
    },
    decorate(requestHeaders, response) {
      const origin = requestHeaders.origin;
      if (origin === undefined) return;
      const allowed = allowedOrigin(origin);
      if (allowed === null) return;
      response['access-control-allow-origin'] = allowed;
      if (c.allowCredentials) response['access-control-allow-credentials'] = 'true';
      if (expose !== null) response['access-control-expose-headers'] = expose;
      if (allowed !== '*') {
        const vary = response.vary;
        response.vary = vary === undefined ? 'Origin' : `${String(vary)}, Origin`;
      }
    },
  };
}
