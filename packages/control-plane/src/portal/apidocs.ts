// Which ApiDoc documents a route table: an ApiDoc whose servedBy destinationSelector selects a destination
// one of the table's routes forwards to (gloo-api.md §5.3). Gloo's discovery creates one ApiDoc per
// service; here the user applies them (the quickstart has one per demo API).
import type { ApiDocSpec, DestinationSelector, Resource, RouteTable } from '@portico/api';
import type { RouteConfig } from '@portico/gateway';
import type { ResourceIndex } from '../translate/stage.ts';

interface DestinationRef {
  kind: 'SERVICE' | 'EXTERNAL_SERVICE' | 'VIRTUAL_DESTINATION';
  namespace: string;
  name: string;
  port: number | null;
}

export function destinationsOf(table: RouteTable, routes: readonly RouteConfig[]): DestinationRef[] {
  const out: DestinationRef[] = [];
  for (const r of routes) {
    const http = table.spec.http?.[r.routeIndex];
    for (const d of http?.forwardTo?.destinations ?? []) {
      if (!d.ref) continue;
      out.push({ kind: d.kind ?? 'SERVICE', namespace: d.ref.namespace || table.metadata.namespace, name: d.ref.name, port: d.port?.number ?? null });
    }
  }
  return out;
}

export function apiDocsFor(index: ResourceIndex, destinations: readonly DestinationRef[]): Resource<ApiDocSpec>[] {
  return index.list<ApiDocSpec>('ApiDoc').filter((doc) =>
    (doc.spec.servedBy ?? []).some((s) => s.destinationSelector && destinations.some((d) => selectsDestination(index, s.destinationSelector!, d, doc.metadata.namespace))),
  );
}

function selectsDestination(index: ResourceIndex, sel: DestinationSelector, d: DestinationRef, docNamespace: string): boolean {
  if ((sel.kind ?? 'SERVICE') !== d.kind) return false;
  if (sel.port?.number !== undefined && d.port !== null && sel.port.number !== d.port) return false;
  const s = sel.selector ?? {};
  if (s.name && s.name !== d.name) return false;
  if ((s.namespace || docNamespace) !== d.namespace) return false;
  const wanted = Object.entries(s.labels ?? {});
  if (wanted.length === 0) return true;
  const res = index.get(d.kind === 'EXTERNAL_SERVICE' ? 'ExternalService' : 'Service', d.namespace, d.name);
  return res !== undefined && wanted.every(([k, v]) => res.metadata.labels[k] === v);
}
