import type { Resource } from '@portico/api';
import type { GatewayConfig } from '@portico/gateway';
import { translateRoutes } from '../../packages/control-plane/src/routes/index.ts';
import { buildResourceIndex } from '../../packages/control-plane/src/translate/resource-index.ts';

// Gateway configs for the benchmark, produced by the real routes stage from RouteTable resources:
// - `single`: one root table (host api.example.com) with one route to the upstream;
// - `tables(n)`: the root delegates by label to n child tables, each with its own prefix; the benchmark
//   requests the LAST one, so the router walks every route before it (the worst case for a list).

const T0 = Date.UTC(2024, 0, 1);

function meta(name: string, i: number, labels: Record<string, string> = {}) {
  return {
    name,
    namespace: 'bench',
    uid: `uid-${name}`,
    generation: 1,
    resourceVersion: '1',
    creationTimestamp: new Date(T0 + i * 1000).toISOString(),
    labels,
    annotations: {},
  };
}

function upstream(port: number): Resource {
  return {
    apiVersion: 'networking.gloo.solo.io/v2',
    kind: 'ExternalService',
    metadata: meta('upstream', 0),
    spec: { hosts: ['upstream.bench'], addresses: ['127.0.0.1'], ports: [{ number: port, name: 'http' }] },
  };
}

const forward = (port: number) => ({ destinations: [{ ref: { name: 'upstream' }, kind: 'EXTERNAL_SERVICE', port: { number: port } }] });

function translate(resources: Resource[]): GatewayConfig {
  const index = buildResourceIndex(resources, 1);
  const r = translateRoutes({ index, parts: { gateway: { revision: 0, virtualHosts: [] }, authConfigs: new Map(), rateLimit: null, portal: null }, previous: null, now: new Date().toISOString() });
  return r.parts.gateway!;
}

export function singleRouteConfig(port: number): GatewayConfig {
  return translate([
    upstream(port),
    {
      apiVersion: 'networking.gloo.solo.io/v2',
      kind: 'RouteTable',
      metadata: meta('root', 1),
      spec: { hosts: ['api.example.com'], http: [{ name: 'all', matchers: [{ uri: { prefix: '/' } }], forwardTo: forward(port) }] },
    },
  ]);
}

/** n child tables; returns the config and the path that reaches the last table's route. */
export function manyTablesConfig(port: number, n: number): { config: GatewayConfig; path: string } {
  const resources: Resource[] = [
    upstream(port),
    {
      apiVersion: 'networking.gloo.solo.io/v2',
      kind: 'RouteTable',
      metadata: meta('root', 1),
      spec: { hosts: ['api.example.com'], http: [{ matchers: [{ uri: { prefix: '/' } }], delegate: { routeTables: [{ labels: { bench: 'yes' } }] } }] },
    },
  ];
  for (let i = 0; i < n; i++) {
    resources.push({
      apiVersion: 'networking.gloo.solo.io/v2',
      kind: 'RouteTable',
      metadata: meta(`svc-${i}`, i + 2, { bench: 'yes' }),
      spec: {
        portalMetadata: { apiProductId: `product-${i}`, apiVersion: 'v1' },
        http: [{ name: `svc-${i}-api`, labels: { plan: 'bench' }, matchers: [{ uri: { prefix: `/svc-${i}/` } }], forwardTo: { ...forward(port), pathRewrite: '/' } }],
      },
    });
  }
  return { config: translate(resources), path: `/svc-${n - 1}/x` };
}
