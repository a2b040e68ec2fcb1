// kubectl-style tables: upper-case headers, columns padded to the widest cell plus three spaces.
import type { KindDefinition, Resource } from '@portico/api';

export function renderTable(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join('').trimEnd()).join('\n') + '\n';
}

/** 5s, 12m, 3h, 4d — kubectl's short age. */
export function age(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

export function statusOf(r: Resource): string {
  const s = r.status as { common?: { State?: { approval?: string } }; state?: string } | undefined;
  return s?.common?.State?.approval ?? s?.state ?? '';
}

export function resourceTable(def: KindDefinition, items: readonly Resource[], opts: { allNamespaces: boolean; wide: boolean }): string {
  const hasStatus = def.status !== undefined;
  const header = [...(opts.allNamespaces ? ['NAMESPACE'] : []), 'NAME', ...(hasStatus ? ['STATUS'] : []), ...(opts.wide ? (def.wideColumns ?? []).map((c) => c.header) : []), 'AGE'];
  const rows = items.map((r) => [
    ...(opts.allNamespaces ? [r.metadata.namespace] : []),
    r.metadata.name,
    ...(hasStatus ? [statusOf(r)] : []),
    ...(opts.wide ? (def.wideColumns ?? []).map((c) => safe(() => c.value(r))) : []),
    age(r.metadata.creationTimestamp),
  ]);
  return renderTable([header, ...rows]);
}

function safe(f: () => string): string {
  try {
    return f();
  } catch {
    return '';
  }
}
