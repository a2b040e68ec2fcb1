// meta.k8s.io/v1 Table responses (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), so `kubectl get` prints
// Portico kinds like CRDs with printer columns: NAME, STATUS (the Gloo approval state), the kind's wide columns at
// priority 1 (shown by `-o wide`), AGE.
import type { Resource } from '@portico/api';
import type { ServedResource } from './catalog.ts';
import type { WireObject } from './objects.ts';

interface Column {
  name: string;
  type: string;
  format?: string;
  priority: number;
  description: string;
  cell: (o: WireObject) => unknown;
}

/** 5s, 12m, 3h, 4d — kubectl's short age. */
export function humanAge(iso: unknown, now = Date.now()): string {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '<unknown>';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function approval(o: WireObject): string {
  const s = o.status as { common?: { State?: { approval?: string } }; state?: string } | undefined;
  return s?.common?.State?.approval ?? s?.state ?? '';
}

const name: Column = { name: 'Name', type: 'string', format: 'name', priority: 0, description: 'Name must be unique within a namespace.', cell: (o) => o.metadata.name };
const ageColumn: Column = { name: 'Age', type: 'string', priority: 0, description: 'Time since creation.', cell: (o) => humanAge(o.metadata.creationTimestamp) };

function columns(r: ServedResource): Column[] {
  if (r.kind === 'Namespace') return [name, { name: 'Status', type: 'string', priority: 0, description: 'Phase', cell: () => 'Active' }, ageColumn];
  if (r.kind === 'Event') {
    return [
      { name: 'Last Seen', type: 'string', priority: 0, description: 'Time since the last occurrence.', cell: (o) => humanAge(o.lastTimestamp) },
      { name: 'Type', type: 'string', priority: 0, description: 'Normal or Warning.', cell: (o) => o.type },
      { name: 'Reason', type: 'string', priority: 0, description: 'Why.', cell: (o) => o.reason },
      { name: 'Object', type: 'string', priority: 0, description: 'The object it is about.', cell: (o) => { const i = o.involvedObject as { kind: string; name: string }; return `${i.kind.toLowerCase()}/${i.name}`; } },
      { name: 'Message', type: 'string', priority: 0, description: 'What happened.', cell: (o) => o.message },
    ];
  }
  const def = r.def!;
  const wide = (def.wideColumns ?? []).map((c): Column => ({
    name: c.header.charAt(0) + c.header.slice(1).toLowerCase(),
    type: 'string',
    priority: 1,
    description: c.header,
    cell: (o) => {
      try {
        return c.value(o as unknown as Resource);
      } catch {
        return '';
      }
    },
  }));
  const status: Column[] = def.status ? [{ name: 'Status', type: 'string', priority: 0, description: 'Approval state reported by Portico.', cell: approval }] : [];
  if (def.kind === 'Secret') status.push({ name: 'Type', type: 'string', priority: 0, description: 'Secret type.', cell: (o) => o.type ?? 'Opaque' });
  if (def.kind === 'Secret') status.push({ name: 'Data', type: 'integer', priority: 0, description: 'Number of keys.', cell: (o) => Object.keys((o.data as object | undefined) ?? {}).length });
  return [name, ...status, ...wide, ageColumn];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(o: WireObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(r: ServedResource, items: readonly WireObject[], listMeta: Record<string, unknown>, include: IncludeObject): Record<string, unknown> {
  const cols = columns(r);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: cols.map(({ name: n, type, format, priority, description }) => ({ name: n, type, format: format ?? '', description, priority })),
    rows: items.map((o) => ({ cells: cols.map((c) => c.cell(o) ?? ''), object: rowObject(o, include) })),
  };
}
