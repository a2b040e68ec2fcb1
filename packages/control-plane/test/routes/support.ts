import { parseManifests, type Resource } from '@portico/api';
import type { GatewayConfig, RouteConfig } from '@portico/gateway';
import { translateRoutes } from '../../src/routes/index.ts';
import { buildResourceIndex } from '../../src/translate/resource-index.ts';
import type { Snapshot, StageResult } from '../../src/translate/stage.ts';

// Manifests → validated resources (through @portico/api, as `portico apply` does) with Kubernetes-style
// metadata; documents get increasing creation timestamps in file order, so "oldest first" = file order.

export function resources(text: string, firstSecond = 0): Resource[] {
  const docs = parseManifests(text, 'test.yaml');
  return docs.map((d, i) => {
    if (!d.ok) throw new Error(`test manifest ${i} is invalid: ${d.message}`);
    const r = d.resource;
    return {
      apiVersion: r.apiVersion,
      kind: r.kind,
      metadata: {
        name: r.metadata.name,
        namespace: r.metadata.namespace ?? 'default',
        uid: `uid-${i}`,
        generation: 1,
        resourceVersion: String(i + 1),
        creationTimestamp: new Date(Date.UTC(2024, 0, 1, 0, 0, firstSecond + i)).toISOString(),
        labels: r.metadata.labels ?? {},
        annotations: r.metadata.annotations ?? {},
      },
      spec: r.spec,
    } as Resource;
  });
}

export interface Translated {
  result: StageResult;
  gateway: GatewayConfig;
  snapshot: Snapshot;
}

export function translate(res: readonly Resource[], previous: Snapshot | null = null): Translated {
  const index = buildResourceIndex(structuredClone(res) as Resource[], 1);
  const result = translateRoutes({ index, parts: { gateway: { revision: 0, virtualHosts: [] }, authConfigs: new Map(), rateLimit: null, portal: null }, previous, now: '2024-06-01T00:00:00.000Z' });
  const gateway = result.parts.gateway!;
  const snapshot: Snapshot = {
    revision: (previous?.revision ?? 0) + 1,
    storeRevision: 1,
    gateway,
    authConfigs: new Map(),
    rateLimit: null,
    portal: null,
  };
  return { result, gateway, snapshot };
}

export function allRoutes(g: GatewayConfig): RouteConfig[] {
  return g.virtualHosts.flatMap((v) => v.routes);
}

/** The uri each route matches first, e.g. "prefix:/trackapi/". */
export function paths(routes: readonly RouteConfig[]): string[] {
  return routes.map((r) => r.matchers.map((m) => (m.uri === null ? '*' : `${m.uri.type}:${m.uri.value}`)).join(' | '));
}

export function statusOf(t: Translated, name: string, namespace = 'default'): {
  common: { State: { approval: string; message?: string } };
  numParentRouteTables: number;
  routes: { index: number; name: string }[];
} {
  const s = t.result.statuses.find((x) => x.ref.kind === 'RouteTable' && x.ref.name === name && x.ref.namespace === namespace);
  if (s === undefined) throw new Error(`no status for ${namespace}/${name}`);
  return s.status as never;
}

export const UPSTREAM = `
apiVersion: networking.gloo.solo.io/v2
kind: ExternalService
metadata: { name: svc, namespace: default }
spec:
  hosts: [svc.local]
  addresses: [127.0.0.1]
  ports: [{ number: 8080, name: http }]
`;

/** A forwardTo block to the shared ExternalService above. */
export const FWD = `forwardTo: { destinations: [{ ref: { name: svc }, kind: EXTERNAL_SERVICE, port: { number: 8080 } }] }`;
