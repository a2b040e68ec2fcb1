// RouteTable (networking.gloo.solo.io/v2) — gloo-api.md §1.1–1.5.
import { z } from 'zod';
import { checkCelRules, has, type CelRule } from '../common/cel.ts';
import { hostProblem } from '../common/hosts.ts';
import { labelMap } from '../common/labels.ts';
import { httpRequestMatcher } from '../common/matchers.ts';
import { portalMetadata } from '../common/portal-metadata.ts';
import { destinationReference, objectReference, objectSelector, destinationSelector, workloadSelector } from '../common/refs.ts';
import type { Resource } from '../meta.ts';
import { routeTableStatus, type RouteTableStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { ROUTE_TABLE_FIELDS } from '../support/fields/routing.ts';

export const ROUTE_TABLE_API_VERSION = 'networking.gloo.solo.io/v2';

/** Weight rules of ForwardToAction.destinations (gloo-api.md §1.2): explicit weights sum to ≤100 and the
 *  remainder is split across unweighted destinations, at least 1 each. */
export function weightsProblem(destinations: readonly { weight?: number | undefined }[]): string | null {
  const weighted = destinations.filter((d) => d.weight !== undefined);
  const sum = weighted.reduce((s, d) => s + (d.weight ?? 0), 0);
  if (sum > 100) return `destination weights sum to ${sum}; the sum must be at most 100`;
  const unweighted = destinations.length - weighted.length;
  if (weighted.length > 0 && unweighted > 0 && 100 - sum < unweighted) {
    return `destination weights sum to ${sum}, leaving ${100 - sum} for ${unweighted} destination(s) without a weight; each needs at least 1`;
  }
  return null;
}

export const forwardToAction = z
  .object({
    destinations: z.array(destinationReference).max(100).optional(),
    pathRewrite: z.string().optional(),
    regexRewrite: z.object({ pattern: z.object({ regex: z.string() }), substitution: z.string() }).optional(),
    hostRewrite: z.string().optional(),
    autoHostRewrite: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.pathRewrite !== undefined && f.regexRewrite !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only one of pathRewrite or regexRewrite may be set', path: ['regexRewrite'], params: { rule: 'oneof path_rewrite_specifier' } });
    }
    if (f.hostRewrite !== undefined && f.autoHostRewrite !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only one of hostRewrite or autoHostRewrite may be set', path: ['autoHostRewrite'], params: { rule: 'oneof host_rewrite_specifier' } });
    }
    const problem = weightsProblem(f.destinations ?? []);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['destinations'], params: { rule: 'destination weights' } });
  });
export type ForwardToAction = z.infer<typeof forwardToAction>;

export const delegateAction = z.object({
  routeTables: z.array(objectSelector).optional(),
  allowedRoutes: z.array(z.object({ cloudProvider: z.unknown().optional() })).optional(),
  sortMethod: z.enum(['TABLE_WEIGHT', 'ROUTE_SPECIFICITY']).optional(),
});
export type DelegateAction = z.infer<typeof delegateAction>;

export const redirectResponseCode = z.enum(['MOVED_PERMANENTLY', 'FOUND', 'SEE_OTHER', 'TEMPORARY_REDIRECT', 'PERMANENT_REDIRECT']);
export const redirectAction = z.object({
  hostRedirect: z.string().optional(),
  pathRedirect: z.string().optional(),
  responseCode: redirectResponseCode.optional(),
});
export type RedirectAction = z.infer<typeof redirectAction>;

export const directResponseAction = z.object({
  status: z.number({ error: 'Required' }).int().min(100).max(599),
  body: z.string().max(1024 * 1024, 'body must be smaller than 1 MiB').optional(),
});
export type DirectResponseAction = z.infer<typeof directResponseAction>;

const ACTIONS = ['forwardTo', 'delegate', 'redirect', 'directResponse', 'graphql'] as const;

export const httpRoute = z
  .object({
    name: z.string().optional(),
    labels: labelMap.optional(),
    matchers: z.array(httpRequestMatcher).optional(),
    forwardTo: forwardToAction.optional(),
    delegate: delegateAction.optional(),
    redirect: redirectAction.optional(),
    directResponse: directResponseAction.optional(),
    graphql: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((r, ctx) => {
    const set = ACTIONS.filter((a) => r[a] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: set.length === 0 ? `exactly one action must be set: ${ACTIONS.join(', ')}` : `only one action may be set, found ${set.join(' and ')}`,
        path: [],
        params: { rule: 'oneof action_type' },
      });
    }
  });
export type HTTPRoute = z.infer<typeof httpRoute>;

const tcpLikeRoute = z.object({
  matchers: z.array(z.record(z.string(), z.unknown())).optional(),
  forwardTo: z.object({ destinations: z.array(destinationReference).min(1) }),
});

const specShape = z.object({
  hosts: z.array(z.string()).optional(),
  virtualGateways: z.array(objectReference).optional(),
  workloadSelectors: z.array(workloadSelector).optional(),
  applyToDestinations: z.array(destinationSelector).optional(),
  defaultDestination: destinationReference.optional(),
  http: z.array(httpRoute).max(10000).optional(),
  tcp: z.array(tcpLikeRoute).optional(),
  tls: z.array(tcpLikeRoute).optional(),
  weight: z.number().int().optional(),
  portalMetadata: portalMetadata.optional(),
  failureMode: z.enum(['ROUTE_REPLACEMENT', 'FREEZE_CONFIG']).optional(),
  virtualServiceAnnotations: z.record(z.string(), z.string()).optional(),
});
type SpecShape = z.infer<typeof specShape>;

/** The CEL rules of RouteTableSpec, messages quoted exactly (gloo-api.md §1.1). */
export const ROUTE_TABLE_RULES: readonly CelRule<SpecShape>[] = [
  {
    rule: 'has(self.hosts) || !has(self.virtualGateways)',
    message: 'The virtualGateways field must be empty or unset for delegated RouteTables.',
    path: ['virtualGateways'],
    check: (s) => has(s.hosts) || !has(s.virtualGateways),
  },
  {
    rule: 'has(self.hosts) || !has(self.applyToDestinations)',
    message: 'The applyToDestinations field must be empty or unset for delegated RouteTables.',
    path: ['applyToDestinations'],
    check: (s) => has(s.hosts) || !has(s.applyToDestinations),
  },
  {
    rule: 'has(self.hosts) || !has(self.failureMode)',
    message: 'The failureMode field must be empty or unset for delegated RouteTables.',
    path: ['failureMode'],
    check: (s) => has(s.hosts) || s.failureMode === undefined,
  },
  {
    rule: 'has(self.http) || has(self.tcp) || has(self.tls)',
    message: 'At least one of http, tcp, or tls keys must be set.',
    check: (s) => has(s.http) || has(s.tcp) || has(s.tls),
  },
  {
    rule: '!has(self.defaultDestination) || self.http.exists(r, has(r.forwardTo))',
    message: 'defaultDestination can only be set for http routes with forwardTo actions.',
    path: ['defaultDestination'],
    check: (s) => s.defaultDestination === undefined || (s.http ?? []).some((r) => r.forwardTo !== undefined),
  },
  {
    rule: 'has(self.defaultDestination) || !self.http.exists(r, has(r.forwardTo) && !has(r.forwardTo.destinations))',
    message: 'defaultDestination must be set when http forwardTo actions without destinations are specified.',
    path: ['defaultDestination'],
    check: (s) => s.defaultDestination !== undefined || !(s.http ?? []).some((r) => r.forwardTo !== undefined && !has(r.forwardTo.destinations)),
  },
];

export const routeTableSpec = specShape.superRefine((spec, ctx) => {
  checkCelRules(ROUTE_TABLE_RULES, spec, ctx);
  (spec.hosts ?? []).forEach((h, i) => {
    const problem = hostProblem(h);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['hosts', i], params: { rule: 'host syntax' } });
  });
});
export type RouteTableSpec = z.infer<typeof routeTableSpec>;

export const routeTable: KindDefinition = {
  kind: 'RouteTable',
  apiVersion: ROUTE_TABLE_API_VERSION,
  plural: 'routetables',
  shortNames: ['rt'],
  body: 'spec',
  spec: routeTableSpec,
  fields: ROUTE_TABLE_FIELDS,
  status: routeTableStatus,
  wideColumns: [
    { header: 'HOSTS', value: (r) => ((r.spec as RouteTableSpec | undefined)?.hosts ?? []).join(',') },
    { header: 'ROUTES', value: (r) => String(((r.spec as RouteTableSpec | undefined)?.http ?? []).length) },
    { header: 'API PRODUCT', value: (r) => (r.spec as RouteTableSpec | undefined)?.portalMetadata?.apiProductId ?? '' },
  ],
};

export type RouteTable = Resource<RouteTableSpec, RouteTableStatus>;
