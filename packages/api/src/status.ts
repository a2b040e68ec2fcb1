// Status shapes (gloo-api.md §1.5, §4.1; style.md convention 15). Gloo kinds carry `status.common.State` (the
// capital S is Gloo's quirk) plus kind-specific counters; Portico adds Kubernetes-style `conditions` with a closed
// set of reasons so tools that read conditions work too.
import { z } from 'zod';

export const approvalState = z.enum(['PENDING', 'ACCEPTED', 'INVALID', 'WARNING', 'FAILED', 'UNLICENSED']);
export type ApprovalState = z.infer<typeof approvalState>;

export const conditionType = z.enum(['Accepted', 'Ready']);
export const conditionReason = z.enum([
  'Reconciled', // translated and applied
  'Pending', // not translated yet
  'Invalid', // bad configuration (message names the field or rule)
  'Conflict', // valid, but conflicts with an earlier resource
  'DependencyUnavailable', // references something missing
  'PartiallyApplied', // WARNING: applied with problems
  'NotImplemented', // stored and validated, acted on by a later stage
]);
export type ConditionReason = z.infer<typeof conditionReason>;

export const condition = z.object({
  type: conditionType,
  status: z.enum(['True', 'False', 'Unknown']),
  reason: conditionReason,
  message: z.string(),
  observedGeneration: z.number().int(),
  lastTransitionTime: z.string(),
});
export type Condition = z.infer<typeof condition>;

export const commonStatus = z.object({
  State: z.object({
    approval: approvalState,
    observedGeneration: z.number().int(),
    message: z.string().optional(),
  }),
  workspaceConditions: z.record(z.string(), z.number().int()).optional(),
});
export type CommonStatus = z.infer<typeof commonStatus>;

/** The base every Gloo kind's status extends. */
export const glooStatus = z.object({
  common: commonStatus,
  conditions: z.array(condition).optional(),
});
export type GlooStatus = z.infer<typeof glooStatus>;

export const routeTableStatus = glooStatus.extend({
  numAppliedRoutePolicies: z.record(z.string(), z.number().int()).optional(),
  numParentRouteTables: z.number().int().optional(),
  ownedByWorkspace: z.string().optional(),
  numAllowedVirtualGateways: z.number().int().optional(),
  /** Effective route names after de-duplication (`duplicate-<name>-<n>`, `insecure-` trimmed). */
  routes: z.array(z.object({ index: z.number().int(), name: z.string() })).optional(),
});
export type RouteTableStatus = z.infer<typeof routeTableStatus>;

export const policyStatus = glooStatus.extend({
  numSelectedRoutes: z.number().int().optional(),
  numSelectedDestinationPorts: z.number().int().optional(),
  selectedRoutes: z
    .array(z.object({ routeName: z.string(), routeIndex: z.number().int(), routeTable: z.object({ name: z.string(), namespace: z.string() }) }))
    .optional(),
  destinationServer: z.unknown().optional(),
});
export type PolicyStatus = z.infer<typeof policyStatus>;

export const authConfigState = z.enum(['ACCEPTED', 'REJECTED', 'PENDING', 'WARNING']);
export const authConfigStatus = z.object({
  state: authConfigState,
  reason: z.string().optional(),
  observedGeneration: z.number().int(),
  reportedBy: z.string().optional(),
});
export type AuthConfigStatus = z.infer<typeof authConfigStatus>;

/** Builds a Gloo status with the matching Portico condition. */
export function makeGlooStatus(
  approval: ApprovalState,
  observedGeneration: number,
  message: string,
  reason: ConditionReason,
  now: string = new Date().toISOString(),
): GlooStatus {
  const ok = approval === 'ACCEPTED';
  return {
    common: { State: { approval, observedGeneration, message } },
    conditions: [
      { type: 'Accepted', status: ok || approval === 'WARNING' ? 'True' : approval === 'PENDING' ? 'Unknown' : 'False', reason, message, observedGeneration, lastTransitionTime: now },
    ],
  };
}
