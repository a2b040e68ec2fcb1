// VirtualGateways (gloo-api-more.md §2), run inside the routes stage once the root tables' virtual hosts exist:
//  - each usable listener of each VirtualGateway → one ListenerConfig (its own port, http or TLS, or an https
//    redirect); two listeners on one port → the newer is refused;
//  - a root table naming VirtualGateways in `spec.virtualGateways` is served only by the listeners whose
//    `allowedRouteTables` admit it (omitted list = any table), within the gateway's workspace; a root table naming
//    none stays on the gateway's own (default) listener, as before VirtualGateways existed;
//  - a reference to a missing VirtualGateway: the table is admitted with WARNING and numAllowedVirtualGateways 0,
//    and no listener serves it (its hosts answer 404).
// While NO VirtualGateway exists, the gateway's own listener stands in for every gateway tables name (as the
// gateway Gloo's Helm chart installs does in the walkthroughs): everything is served there, as before.
import { makeGlooStatus, refOf, type AllowedRouteTable, type RouteTable, type VirtualGatewaySpec } from '@portico/api';
import type { ListenerConfig, VirtualHostConfig } from '@portico/gateway';
import type { ResourceIndex, StatusUpdate } from '../translate/stage.ts';
import { workspacesOf } from '../workspaces/model.ts';
import { globMatches, labelsMatch } from '../workspaces/glob.ts';
import { listenerTls } from './tls.ts';

export interface GatewayAttachment {
  listeners: ListenerConfig[];
  /** Per root-table key (`ns/name`): the listener names serving it; absent = the default listener. */
  servedBy: Map<string, string[]>;
  /** Per root-table key: problems for its status, and how many VirtualGateways admit it. */
  tableProblems: Map<string, string[]>;
  allowed: Map<string, number>;
  statuses: StatusUpdate[];
}

interface Usable {
  config: ListenerConfig;
  allowed: AllowedRouteTable[] | undefined;
  index: number;
}

export function attachVirtualGateways(index: ResourceIndex, roots: readonly RouteTable[], now: string): GatewayAttachment {
  const out: GatewayAttachment = { listeners: [], servedBy: new Map(), tableProblems: new Map(), allowed: new Map(), statuses: [] };
  if (index.list('VirtualGateway').length === 0) return out;
  const ws = workspacesOf(index);
  const ports = new Map<number, string>();
  const perGateway = new Map<string, { usable: Usable[]; problems: string[]; tables: { listenerIdx: number; routeTableRef: { name: string; namespace: string } }[] }>();

  for (const vg of index.list<VirtualGatewaySpec>('VirtualGateway')) {
    const ns = vg.metadata.namespace;
    const gw = { usable: [] as Usable[], problems: [] as string[], tables: [] as { listenerIdx: number; routeTableRef: { name: string; namespace: string } }[] };
    perGateway.set(`${ns}/${vg.metadata.name}`, gw);
    const https = vg.spec.listeners.findIndex((l) => l.tls !== undefined && l.port.number !== undefined);
    vg.spec.listeners.forEach((l, i) => {
      const at = `listeners[${i}]`;
      const name = `${ns}.${vg.metadata.name}.${i}`;
      if (l.port.number === undefined) return void gw.problems.push(`${at}.port.name is not supported (Portico has no gateway Service): use port.number; the listener is not opened`);
      if (l.tcp !== undefined) return void gw.problems.push(`${at}: tcp listeners are not supported; the listener is not opened`);
      if (l.http === undefined) gw.problems.push(`${at}: neither http nor tcp is set, which Gloo reads as tcp; Portico serves HTTP on it`);
      const taken = ports.get(l.port.number);
      if (taken !== undefined) return void gw.problems.push(`${at}: port ${l.port.number} is already used by listener ${taken}; the listener is not opened`);
      let tls: ListenerConfig['tls'] = null;
      if (l.tls !== undefined) {
        const t = listenerTls(l.tls, ns, index, `${at}.tls`);
        if (!t.ok) return void gw.problems.push(t.message);
        gw.problems.push(...t.notes);
        tls = t.value;
      }
      const redirectTo = l.httpsRedirect ? (https >= 0 ? vg.spec.listeners[https]!.port.number! : 443) : null;
      const config: ListenerConfig = { name, port: l.port.number, tls, httpsRedirect: redirectTo === null ? null : { port: redirectTo } };
      ports.set(l.port.number, name);
      out.listeners.push(config);
      gw.usable.push({ config, allowed: l.allowedRouteTables, index: i });
    });
  }

  for (const t of roots) {
    const refs = t.spec.virtualGateways ?? [];
    if (refs.length === 0) continue;
    const key = `${t.metadata.namespace}/${t.metadata.name}`;
    const problems: string[] = [];
    const served: string[] = [];
    let allowedCount = 0;
    refs.forEach((ref, i) => {
      const vgNs = ref.namespace || t.metadata.namespace;
      const gw = perGateway.get(`${vgNs}/${ref.name}`);
      if (gw === undefined) return void problems.push(`virtualGateways[${i}]: VirtualGateway ${vgNs}/${ref.name} not found; no listener serves this table`);
      const refusal = ws.refusal(ws.of(vgNs), { kind: 'RouteTable', namespace: t.metadata.namespace, name: t.metadata.name, labels: t.metadata.labels });
      if (refusal !== null) return void problems.push(`virtualGateways[${i}]: VirtualGateway ${vgNs}/${ref.name} refuses ${refusal}`);
      let admitted = false;
      for (const u of gw.usable) {
        if (!admits(u.allowed, t, vgNs, ws.of)) continue;
        admitted = true;
        served.push(u.config.name);
        gw.tables.push({ listenerIdx: u.index, routeTableRef: { name: t.metadata.name, namespace: t.metadata.namespace } });
      }
      if (admitted) allowedCount++;
      else problems.push(`virtualGateways[${i}]: no listener of VirtualGateway ${vgNs}/${ref.name} admits this table (allowedRouteTables)`);
    });
    out.servedBy.set(key, served);
    out.allowed.set(key, allowedCount);
    if (problems.length) out.tableProblems.set(key, problems);
  }

  for (const vg of index.list<VirtualGatewaySpec>('VirtualGateway')) {
    const gw = perGateway.get(`${vg.metadata.namespace}/${vg.metadata.name}`)!;
    const gen = vg.metadata.generation;
    const base =
      gw.usable.length === 0
        ? makeGlooStatus('INVALID', gen, gw.problems.join('; ') || 'no usable listener', 'Invalid', now)
        : gw.problems.length
          ? makeGlooStatus('WARNING', gen, gw.problems.join('; '), 'PartiallyApplied', now)
          : makeGlooStatus('ACCEPTED', gen, '', 'Reconciled', now);
    out.statuses.push({
      ref: refOf(vg),
      status: { ...base, routeTablesCount: new Set(gw.tables.map((x) => `${x.routeTableRef.namespace}/${x.routeTableRef.name}`)).size, selectedWorkloadsCount: 1, externalServicesCount: 0, listenerRouteTables: gw.tables },
    });
  }
  return out;
}

/** Sets each root virtual host's listeners (`<name>.<namespace>` is the routes stage's host name). */
export function applyAttachment(virtualHosts: VirtualHostConfig[], a: GatewayAttachment): VirtualHostConfig[] {
  return virtualHosts.map((vh) => {
    const dot = vh.name.lastIndexOf('.');
    const served = a.servedBy.get(`${vh.name.slice(dot + 1)}/${vh.name.slice(0, dot)}`);
    return served === undefined ? vh : { ...vh, listeners: served };
  });
}

/** allowedRouteTables: omitted → any table; else one entry whose host (`[ns/]dnsName`) and selector match. */
function admits(allowed: readonly AllowedRouteTable[] | undefined, t: RouteTable, gatewayNs: string, workspaceOf: (ns: string) => string): boolean {
  if (allowed === undefined || allowed.length === 0) return true;
  return allowed.some((a) => {
    const slash = a.host.indexOf('/');
    const nsPart = slash >= 0 ? a.host.slice(0, slash) : '*';
    const dns = slash >= 0 ? a.host.slice(slash + 1) : a.host;
    if (nsPart !== '*' && (nsPart === '.' ? gatewayNs : nsPart) !== t.metadata.namespace) return false;
    if (!(t.spec.hosts ?? []).some((h) => hostMatches(dns, h))) return false;
    const s = a.selector;
    if (s === undefined) return true;
    return (
      (!s.name || s.name === t.metadata.name) &&
      (!s.namespace || s.namespace === t.metadata.namespace) &&
      (!s.workspace || workspaceOf(t.metadata.namespace) === s.workspace) &&
      labelsMatch(s.labels, t.metadata.labels)
    );
  });
}

/** `*` matches all; `*.x.com` matches hosts under x.com (and the table's own `*.x.com`); otherwise exact. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*' || p === h) return true;
  if (p.startsWith('*')) return globMatches(p, h) || (h.startsWith('*') && h.endsWith(p.slice(1)));
  return false;
}
