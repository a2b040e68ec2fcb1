// VirtualGateway (networking.gloo.solo.io/v2) — gloo-api-more.md §2. Each listener becomes one listening socket
// of Portico's gateway; root RouteTables attach through `spec.virtualGateways` and listeners admit them through
// `allowedRouteTables`. TLS certificates come from `kubernetes.io/tls` (or generic) Secrets.
import { z } from 'zod';
import { labelMap } from '../common/labels.ts';
import { objectSelector, portSelector } from '../common/refs.ts';
import { glooStatus } from '../status.ts';
import type { Resource } from '../meta.ts';
import type { KindDefinition } from './definition.ts';
import { VIRTUAL_GATEWAY_FIELDS } from '../support/fields/routing.ts';

export const TLS_VERSIONS = ['TLS_AUTO', 'TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'] as const;
export const TLS_MODES = ['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL'] as const;

export const gatewayTls = z
  .object({
    secretName: z.string().optional(),
    files: z.object({ serverCert: z.string().optional(), privateKey: z.string().optional(), caCerts: z.string().optional() }).optional(),
    verifySubjectAltName: z.array(z.string()).optional(),
    parameters: z
      .object({
        minimumProtocolVersion: z.enum(TLS_VERSIONS).optional(),
        maximumProtocolVersion: z.enum(TLS_VERSIONS).optional(),
        cipherSuites: z.array(z.string()).optional(),
      })
      .optional(),
    mode: z.enum(TLS_MODES).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.secretName !== undefined && t.files !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only one of secretName or files may be set', path: ['files'], params: { rule: 'oneof tls_certificates' } });
    }
    if (t.mode === 'SIMPLE' && t.secretName === undefined && !(t.files?.serverCert && t.files.privateKey)) {
      ctx.addIssue({ code: 'custom', message: 'SIMPLE mode needs secretName or files.serverCert and files.privateKey', path: ['mode'], params: { rule: "self.mode != 'SIMPLE' || has(self.secretName) || (has(self.files.serverCert) && has(self.files.privateKey))" } });
    }
  });
export type GatewayTls = z.infer<typeof gatewayTls>;

export const allowedRouteTable = z.object({
  /** `[namespace/]dnsName`; namespace `*` (default) or `.` (the gateway's own); wildcard only in the first label. */
  host: z.string({ error: 'Required' }).min(1, 'Required'),
  selector: objectSelector.optional(),
  allowedRoutes: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type AllowedRouteTable = z.infer<typeof allowedRouteTable>;

export const virtualGatewayListener = z
  .object({
    port: portSelector,
    tls: gatewayTls.optional(),
    httpsRedirect: z.boolean().optional(),
    http: z.object({}).optional(),
    tcp: z.object({}).optional(),
    appProtocol: z.string().optional(),
    allowedRouteTables: z.array(allowedRouteTable).optional(),
    exposedExternalServices: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .superRefine((l, ctx) => {
    if (l.tls !== undefined && l.httpsRedirect !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only one of tls or httpsRedirect may be set', path: ['httpsRedirect'], params: { rule: 'oneof tls_config' } });
    }
    if (l.http !== undefined && l.tcp !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'only one of http or tcp may be set', path: ['tcp'], params: { rule: 'oneof type' } });
    }
  });
export type VirtualGatewayListener = z.infer<typeof virtualGatewayListener>;

export const virtualGatewaySpec = z.object({
  workloads: z
    .array(
      z.object({
        selector: z.object({ name: z.string().optional(), namespace: z.string().optional(), cluster: z.string().optional(), labels: labelMap.optional(), workspace: z.string().optional() }).optional(),
        kind: z.enum(['KUBE', 'VM']).optional(),
        port: portSelector.optional(),
      }),
    )
    .optional(),
  listeners: z.array(virtualGatewayListener).min(1, 'at least one listener is required'),
});
export type VirtualGatewaySpec = z.infer<typeof virtualGatewaySpec>;
export type VirtualGateway = Resource<VirtualGatewaySpec>;

export const virtualGateway: KindDefinition = {
  kind: 'VirtualGateway',
  apiVersion: 'networking.gloo.solo.io/v2',
  plural: 'virtualgateways',
  shortNames: ['vg'],
  body: 'spec',
  spec: virtualGatewaySpec,
  fields: VIRTUAL_GATEWAY_FIELDS,
  status: glooStatus.extend({
    routeTablesCount: z.number().int().optional(),
    selectedWorkloadsCount: z.number().int().optional(),
    externalServicesCount: z.number().int().optional(),
    listenerRouteTables: z.array(z.object({ listenerIdx: z.number().int(), routeTableRef: z.object({ name: z.string(), namespace: z.string() }) })).optional(),
  }),
  wideColumns: [{ header: 'PORTS', value: (r) => ((r.spec as VirtualGatewaySpec).listeners ?? []).map((l) => l.port.number ?? l.port.name ?? '').join(',') }],
};
