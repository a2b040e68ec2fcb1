import type { DestinationReference } from '@portico/api';
import type { DestinationConfig } from '@portico/gateway';
import type { ResourceIndex } from '../translate/stage.ts';

// Route destinations → addresses the gateway connects to. Portico has no cluster, so a destination names
//   kind EXTERNAL_SERVICE → an ExternalService (its addresses/hosts, or the ExternalEndpoints it selects), or
//   kind SERVICE (default) → a v1 Service of type ExternalName.
// Omitted namespaces default to the route table's. Weights follow Gloo: explicit weights (sum ≤ 100) and the
// remainder split across unweighted destinations; none weighted → equal shares.

interface ExternalServicePort {
  number: number;
  name?: string;
  protocol?: string;
  clientsideTls?: object;
  targetPort?: { number: number };
}
interface ExternalServiceSpec {
  hosts?: string[];
  addresses?: string[];
  ports: ExternalServicePort[];
  selector?: Record<string, string>;
}
interface ExternalEndpointSpec {
  address: string;
  ports?: { name?: string; number: number }[];
}
interface ServiceSpec {
  type?: string;
  externalName?: string;
  ports?: { name?: string; port: number; targetPort?: number | string }[];
}

export type Resolved = { ok: true; value: DestinationConfig[] } | { ok: false; message: string };

export function resolveDestinations(
  index: ResourceIndex,
  refs: readonly DestinationReference[],
  namespace: string,
): Resolved {
  const weights = shareWeights(refs.map((r) => r.weight));
  const out: DestinationConfig[] = [];
  for (let i = 0; i < refs.length; i++) {
    const r = resolveOne(index, refs[i]!, namespace);
    if (!r.ok) return r;
    // Several endpoints behind one destination share its weight equally.
    const each = weights[i]! / r.value.length;
    for (const d of r.value) out.push({ ...d, weight: each });
  }
  return { ok: true, value: out };
}

function shareWeights(ws: readonly (number | undefined)[]): number[] {
  const given = ws.filter((w) => w !== undefined) as number[];
  if (given.length === 0) return ws.map(() => 1);
  const unweighted = ws.length - given.length;
  const remainder = Math.max(0, 100 - given.reduce((a, b) => a + b, 0));
  const share = unweighted === 0 ? 0 : Math.max(1, remainder / unweighted);
  return ws.map((w) => (w === undefined ? share : w));
}

function resolveOne(index: ResourceIndex, d: DestinationReference, defaultNs: string): Resolved {
  if (d.ref === undefined) return { ok: false, message: 'awsLambda destinations are not supported' };
  const ns = d.ref.namespace ?? defaultNs;
  const kind = d.kind ?? 'SERVICE';
  const label = `${kind === 'EXTERNAL_SERVICE' ? 'ExternalService' : 'Service'} ${ns}/${d.ref.name}`;
  if (kind === 'VIRTUAL_DESTINATION') return { ok: false, message: `destination ${ns}/${d.ref.name}: VIRTUAL_DESTINATION is not supported` };
  if (kind === 'EXTERNAL_SERVICE') {
    const es = index.get<ExternalServiceSpec>('ExternalService', ns, d.ref.name);
    if (es === undefined) return { ok: false, message: `destination ${label} not found` };
    return withSource(fromExternalService(index, es.spec, ns, label, d.port), kind, ns, d.ref.name, es.spec.ports.map((p) => [p.number, p.name]));
  }
  const svc = index.get<ServiceSpec>('Service', ns, d.ref.name);
  if (svc === undefined) return { ok: false, message: `destination ${label} not found` };
  return withSource(fromService(svc.spec, label, d.port), 'SERVICE', ns, d.ref.name, (svc.spec.ports ?? []).map((p) => [p.port, p.name]));
}

/** Records which object (and port) each resolved destination came from, for destination-based policy selection. */
function withSource(r: Resolved, kind: 'SERVICE' | 'EXTERNAL_SERVICE', namespace: string, name: string, ports: [number, string | undefined][]): Resolved {
  if (!r.ok) return r;
  return {
    ok: true,
    value: r.value.map((v) => {
      const port = Number(v.name.slice(v.name.lastIndexOf(':') + 1));
      return { ...v, source: { kind, namespace, name, port, portName: ports.find(([n]) => n === port)?.[1] ?? null } };
    }),
  };
}

function fromExternalService(
  index: ResourceIndex,
  spec: ExternalServiceSpec,
  ns: string,
  label: string,
  want: DestinationReference['port'],
): Resolved {
  const port = pickPort(spec.ports, want, (p) => p.number, (p) => p.name);
  if (port === undefined) return { ok: false, message: `destination ${label} has no port ${describePort(want)}` };
  const scheme = port.protocol === 'HTTPS' || port.clientsideTls !== undefined ? 'https' : 'http';
  const host = spec.hosts?.[0] ?? spec.addresses?.[0] ?? '';
  const name = `${label}:${port.number}`;
  if (spec.selector !== undefined) {
    const selector = spec.selector;
    const endpoints = index
      .list<ExternalEndpointSpec>('ExternalEndpoint', ns)
      .filter((e) => Object.entries(selector).every(([k, v]) => e.metadata.labels[k] === v));
    if (endpoints.length === 0) return { ok: false, message: `destination ${label}: no ExternalEndpoint matches its selector` };
    return {
      ok: true,
      value: endpoints.map((e) => {
        const ep = e.spec.ports?.find((p) => p.name !== undefined && p.name === port.name);
        const n = ep?.number ?? port.targetPort?.number ?? port.number;
        return { name, origin: `${scheme}://${hostPort(e.spec.address, n)}`, host: host === '' ? e.spec.address : host, weight: 1 };
      }),
    };
  }
  const address = spec.addresses?.[0] ?? spec.hosts?.[0];
  if (address === undefined) return { ok: false, message: `destination ${label} has no address` };
  const n = port.targetPort?.number ?? port.number;
  return { ok: true, value: [{ name, origin: `${scheme}://${hostPort(address, n)}`, host, weight: 1 }] };
}

function fromService(spec: ServiceSpec, label: string, want: DestinationReference['port']): Resolved {
  if (spec.type !== 'ExternalName' || spec.externalName === undefined) {
    return { ok: false, message: `destination ${label} has no address (only type ExternalName Services can be reached)` };
  }
  const port = pickPort(spec.ports ?? [], want, (p) => p.port, (p) => p.name);
  if (port === undefined) return { ok: false, message: `destination ${label} has no port ${describePort(want)}` };
  const target = typeof port.targetPort === 'number' ? port.targetPort : port.port;
  const origin = `http://${hostPort(spec.externalName, target)}`;
  return { ok: true, value: [{ name: `${label}:${port.port}`, origin, host: spec.externalName, weight: 1 }] };
}

function pickPort<P>(ports: readonly P[], want: DestinationReference['port'], num: (p: P) => number, name: (p: P) => string | undefined): P | undefined {
  if (want?.number !== undefined) return ports.find((p) => num(p) === want.number);
  if (want?.name !== undefined) return ports.find((p) => name(p) === want.name);
  return ports.length === 1 ? ports[0] : undefined;
}

function describePort(want: DestinationReference['port']): string {
  if (want?.number !== undefined) return String(want.number);
  if (want?.name !== undefined) return `"${want.name}"`;
  return '(none given and the destination has several)';
}

function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}
