// ExternalService (networking.gloo.solo.io/v2): Portico's way to name a plain upstream address. Route
// destinations with `kind: EXTERNAL_SERVICE` reference it; `port.number` (or `port.name`) picks one of its ports.
// The address connected to is the first of `addresses`, else the first of `hosts`; with `selector`, the matching
// ExternalEndpoints' addresses are used instead (weighted equally).
import { z } from 'zod';
import { labelMap } from '../common/labels.ts';
import { glooStatus } from '../status.ts';
import type { KindDefinition } from './definition.ts';
import { EXTERNAL_SERVICE_FIELDS } from '../support/fields/routing.ts';

export const externalServicePort = z.object({
  number: z.number({ error: 'Required' }).int().min(1).max(65535),
  name: z.string().optional(),
  protocol: z.enum(['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS']).optional(),
  /** Connect with TLS even though the protocol is HTTP (Gloo's "originate TLS"). */
  clientsideTls: z.object({ sni: z.string().optional(), insecureSkipVerify: z.boolean().optional() }).optional(),
  targetPort: z.object({ number: z.number().int().min(1).max(65535) }).optional(),
});
export type ExternalServicePort = z.infer<typeof externalServicePort>;

export const externalServiceSpec = z
  .object({
    hosts: z.array(z.string().min(1)).optional(),
    addresses: z.array(z.string().min(1)).optional(),
    ports: z.array(externalServicePort).min(1, 'at least one port is required'),
    selector: labelMap.optional(),
    subsetLabels: z.record(z.string(), z.string()).optional(),
  })
  .refine((s) => (s.hosts?.length ?? 0) + (s.addresses?.length ?? 0) > 0 || s.selector !== undefined, {
    message: 'one of hosts, addresses or selector must be set',
    params: { rule: 'has(self.hosts) || has(self.addresses) || has(self.selector)' },
  });
export type ExternalServiceSpec = z.infer<typeof externalServiceSpec>;

export const externalService: KindDefinition = {
  kind: 'ExternalService',
  apiVersion: 'networking.gloo.solo.io/v2',
  plural: 'externalservices',
  shortNames: ['es', 'extsvc'],
  body: 'spec',
  spec: externalServiceSpec,
  fields: EXTERNAL_SERVICE_FIELDS,
  status: glooStatus,
  wideColumns: [
    { header: 'HOSTS', value: (r) => ((r.spec as ExternalServiceSpec).hosts ?? []).join(',') },
    { header: 'ADDRESSES', value: (r) => ((r.spec as ExternalServiceSpec).addresses ?? []).join(',') },
    { header: 'PORTS', value: (r) => (r.spec as ExternalServiceSpec).ports.map((p) => `${p.number}/${p.protocol ?? 'HTTP'}`).join(',') },
  ],
};
