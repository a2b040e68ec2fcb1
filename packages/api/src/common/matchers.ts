// HTTP request matchers (gloo-api.md §1.2; common/v2 http_matchers.proto, string_match.proto).
import { z } from 'zod';

function exactlyOne(o: Record<string, unknown>, keys: string[]): boolean {
  return keys.filter((k) => o[k] !== undefined).length === 1;
}

export const stringMatch = z
  .object({
    exact: z.string().optional(),
    prefix: z.string().optional(),
    regex: z.string().optional(),
    suffix: z.string().optional(),
    ignoreCase: z.boolean().optional(),
  })
  .refine((m) => exactlyOne(m, ['exact', 'prefix', 'regex', 'suffix']), {
    message: 'exactly one of exact, prefix, regex or suffix must be set',
    params: { rule: 'oneof match_type' },
  });
export type StringMatch = z.infer<typeof stringMatch>;

export const headerMatcher = z.object({
  name: z.string({ error: 'Required' }).min(1, 'Required'),
  value: z.string().optional(),
  regex: z.boolean().optional(),
  invertMatch: z.boolean().optional(),
});
export type HeaderMatcher = z.infer<typeof headerMatcher>;

export const queryParameterMatcher = z.object({
  name: z.string({ error: 'Required' }).min(1, 'Required'),
  value: z.string().optional(),
  regex: z.boolean().optional(),
});
export type QueryParameterMatcher = z.infer<typeof queryParameterMatcher>;

export const httpRequestMatcher = z.object({
  name: z.string().optional(),
  uri: stringMatch.optional(),
  headers: z.array(headerMatcher).optional(),
  queryParameters: z.array(queryParameterMatcher).optional(),
  method: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
});
export type HTTPRequestMatcher = z.infer<typeof httpRequestMatcher>;
