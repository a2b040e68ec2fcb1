// References and selectors shared by every Gloo kind (gloo-api.md §1.2, §1.3, §1.6; common/v2 references/selectors).
import { z } from 'zod';
import { labelMap } from './labels.ts';

/** `{name, namespace, cluster}`; omitted namespace/cluster mean "same as the referencing object". */
export const objectReference = z.object({
  name: z.string({ error: 'Required' }).min(1, 'Required'),
  namespace: z.string().optional(),
  cluster: z.string().optional(),
});
export type ObjectReference = z.infer<typeof objectReference>;

/** Kubernetes-style `{name, namespace}` used by AuthConfig modules (core.solo.io ResourceRef). */
export const resourceRef = z.object({
  name: z.string({ error: 'Required' }).min(1, 'Required'),
  namespace: z.string().optional(),
});
export type ResourceRef = z.infer<typeof resourceRef>;

/** Empty fields mean "any" (within what the referencing object can see). */
export const objectSelector = z.object({
  labels: labelMap.optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  cluster: z.string().optional(),
  workspace: z.string().optional(),
});
export type ObjectSelector = z.infer<typeof objectSelector>;

export const portSelector = z
  .object({ number: z.number().int().min(1).max(65535).optional(), name: z.string().optional() })
  .refine((p) => !(p.number !== undefined && p.name !== undefined), {
    message: 'only one of number or name may be set',
    params: { rule: 'oneof port' },
  });

export const destinationKind = z.enum(['SERVICE', 'VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE']);

export const destinationReference = z
  .object({
    ref: objectReference.optional(),
    awsLambda: z
      .object({ cloudProvider: objectReference.optional(), function: z.string().optional(), qualifier: z.string().optional(), options: z.record(z.string(), z.unknown()).optional() })
      .optional(),
    kind: destinationKind.optional(),
    port: portSelector.optional(),
    subset: z.record(z.string(), z.string()).optional(),
    weight: z.number().int().min(0).optional(),
  })
  .refine((d) => (d.ref === undefined) !== (d.awsLambda === undefined), {
    message: 'exactly one of ref or awsLambda must be set',
    params: { rule: 'oneof destination' },
  });
export type DestinationReference = z.infer<typeof destinationReference>;

export const destinationSelector = z.object({
  kind: destinationKind.optional(),
  selector: objectSelector.optional(),
  port: portSelector.optional(),
});
export type DestinationSelector = z.infer<typeof destinationSelector>;

export const workloadSelector = z.object({
  kind: z.enum(['KUBE', 'VM']).optional(),
  selector: z
    .object({ labels: labelMap.optional(), namespace: z.string().optional(), cluster: z.string().optional(), workspace: z.string().optional() })
    .optional(),
  port: portSelector.optional(),
});
export type WorkloadSelector = z.infer<typeof workloadSelector>;

/** Policies' `applyToRoutes[]`: oneof `route` (labels etc.) | `withDestinations`. */
export const routeSelector = z
  .object({
    route: z
      .object({ labels: labelMap.optional(), name: z.string().optional(), namespace: z.string().optional(), cluster: z.string().optional(), workspace: z.string().optional() })
      .optional(),
    withDestinations: destinationSelector.optional(),
  })
  .refine((s) => !(s.route !== undefined && s.withDestinations !== undefined), {
    message: 'only one of route or withDestinations may be set',
    params: { rule: 'oneof selector' },
  });
export type RouteSelector = z.infer<typeof routeSelector>;

/** protobuf Duration as JSON: "2s", "100ms", "1.5s", "5m" (skv2 also accepts these shorthand units). */
export const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)$/, 'must be a duration such as "2s" or "100ms"');

/** Converts a validated duration string to milliseconds. */
export function durationMs(d: string): number {
  const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(d);
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return n * unit[m[2]!]!;
}
