// v1 Service, the subset that makes Gloo manifests work without a cluster: route destinations with the default
// `kind: SERVICE` reference a Service by name/namespace and `port.number` (the Service port). Portico connects to
// `spec.externalName` (a host name or, unlike Kubernetes, an IP address) at the port's `targetPort` (default: the
// port itself). Only `type: ExternalName` has an address to connect to; other types are stored and reported.
import { z } from 'zod';
import type { KindDefinition } from './definition.ts';
import { SERVICE_FIELDS } from '../support/fields/routing.ts';

export const servicePort = z.object({
  name: z.string().optional(),
  port: z.number({ error: 'Required' }).int().min(1).max(65535),
  targetPort: z.union([z.number().int().min(1).max(65535), z.string()]).optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(),
  appProtocol: z.string().optional(),
});

export const serviceSpec = z
  .object({
    type: z.enum(['ExternalName', 'ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
    externalName: z.string().optional(),
    ports: z.array(servicePort).optional(),
    selector: z.record(z.string(), z.string()).optional(),
  })
  .refine((s) => s.type !== 'ExternalName' || (s.externalName ?? '') !== '', {
    message: 'externalName is required when type is ExternalName',
    path: ['externalName'],
    params: { rule: "self.type != 'ExternalName' || has(self.externalName)" },
  });
export type ServiceSpec = z.infer<typeof serviceSpec>;

export const service: KindDefinition = {
  kind: 'Service',
  apiVersion: 'v1',
  plural: 'services',
  shortNames: ['svc'],
  body: 'spec',
  spec: serviceSpec,
  fields: SERVICE_FIELDS,
  wideColumns: [
    { header: 'TYPE', value: (r) => (r.spec as ServiceSpec).type ?? 'ClusterIP' },
    { header: 'EXTERNAL-NAME', value: (r) => (r.spec as ServiceSpec).externalName ?? '' },
    { header: 'PORTS', value: (r) => ((r.spec as ServiceSpec).ports ?? []).map((p) => `${p.port}`).join(',') },
  ],
};
