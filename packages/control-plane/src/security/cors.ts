// CORSPolicy → the gateway's CorsFilterConfig (gloo-api-more.md §5).
import { durationMs, type CorsPolicySpec, type Resource } from '@portico/api';
import { regexProblem, type CorsFilterConfig, type OriginMatchConfig } from '@portico/gateway';
import type { Compiled } from '../route-policies/policies.ts';

export function compileCors(p: Resource<CorsPolicySpec>): Compiled<CorsFilterConfig> {
  const c = p.spec.config;
  const warnings: string[] = [];
  const origins: OriginMatchConfig[] = [];
  for (const [i, m] of (c.allowOrigins ?? []).entries()) {
    // suffix is reported unsupported by the field registry; such an entry allows nothing.
    if (m.suffix !== undefined) continue;
    if (m.regex !== undefined) {
      const problem = regexProblem(m.regex);
      if (problem !== null) return { value: null, error: `config.allowOrigins[${i}].regex: ${problem}`, warnings };
      origins.push({ type: 'regex', value: m.regex, ignoreCase: false });
    } else if (m.exact !== undefined) origins.push({ type: 'exact', value: m.exact, ignoreCase: m.ignoreCase ?? false });
    else origins.push({ type: 'prefix', value: m.prefix ?? '', ignoreCase: m.ignoreCase ?? false });
  }
  if (origins.length === 0) warnings.push('config.allowOrigins selects no origin: no request gets CORS headers');
  return {
    value: {
      allowOrigins: origins,
      allowMethods: c.allowMethods ?? [],
      allowHeaders: c.allowHeaders ?? [],
      exposeHeaders: c.exposeHeaders ?? [],
      maxAgeSeconds: c.maxAge === undefined ? null : Math.floor(durationMs(c.maxAge) / 1000),
      allowCredentials: c.allowCredentials ?? false,
    },
    error: null,
    warnings,
  };
}
