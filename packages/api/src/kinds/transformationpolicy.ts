// TransformationPolicy (trafficcontrol.policy.gloo.solo.io/v2) — gloo-api-more.md §6. Portico renders the
// Inja subset documented in docs/gloo-support.md; fields it cannot honour are reported in the policy status.
import { z } from 'zod';
import { phase } from '../common/ratelimit.ts';
import { routeSelector } from '../common/refs.ts';
import { policyStatus, type PolicyStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import { TRANSFORMATION_POLICY_FIELDS } from '../support/fields/route-policies.ts';
import type { KindDefinition } from './definition.ts';

const injaText = z.object({ text: z.string().optional() });

export const transformationTemplate = z.object({
  advancedTemplates: z.boolean().optional(),
  extractors: z
    .record(z.string(), z.object({ header: z.string().optional(), body: z.object({}).optional(), regex: z.string().optional(), subgroup: z.number().int().min(0).optional() }))
    .optional(),
  headers: z.record(z.string(), injaText).optional(),
  headersToAppend: z.array(z.object({ key: z.string().min(1, 'Required'), value: injaText.optional() })).optional(),
  headersToRemove: z.array(z.string()).optional(),
  body: injaText.optional(),
  passthrough: z.object({}).optional(),
  mergeExtractorsToBody: z.object({}).optional(),
  parseBodyBehavior: z.enum(['ParseAsJson', 'DontParse']).optional(),
  ignoreErrorOnParse: z.boolean().optional(),
  dynamicMetadataValues: z.array(z.object({ metadataNamespace: z.string().optional(), key: z.string(), value: injaText.optional() })).optional(),
  escapeCharacters: z.boolean().optional(),
});
export type TransformationTemplate = z.infer<typeof transformationTemplate>;

export const transformationPolicySpec = z.object({
  applyToRoutes: z.array(routeSelector).optional(),
  config: z.object({
    phase: phase.optional(),
    request: z.object({ injaTemplate: transformationTemplate.optional(), recalculateRoutingDestination: z.boolean().optional() }).optional(),
    response: z.object({ injaTemplate: transformationTemplate.optional() }).optional(),
  }),
});
export type TransformationPolicySpec = z.infer<typeof transformationPolicySpec>;
export type TransformationPolicy = Resource<TransformationPolicySpec, PolicyStatus>;

export const transformationPolicy: KindDefinition = {
  kind: 'TransformationPolicy',
  apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2',
  plural: 'transformationpolicies',
  shortNames: ['tp'],
  body: 'spec',
  spec: transformationPolicySpec,
  status: policyStatus,
  fields: TRANSFORMATION_POLICY_FIELDS,
};
