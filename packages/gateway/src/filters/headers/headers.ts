// HeaderManipulationPolicy (gloo-api-more.md §8): removes run first, then appends, which add a value even when
// the header is already present (Envoy's append semantics).
import type { OutgoingHttpHeaders } from 'node:http';
import type { HeaderManipulationConfig } from '../../config/filters.ts';
import { appendHeader, type UpstreamHeaders } from '../../proxy/headers.ts';

export type HeaderEdit = (h: UpstreamHeaders | OutgoingHttpHeaders) => void;

function edit(remove: string[], append: [string, string][]): HeaderEdit | null {
  if (remove.length === 0 && append.length === 0) return null;
  const removes = remove.map((n) => n.toLowerCase());
  const appends = append.map(([k, v]): [string, string] => [k.toLowerCase(), v]);
  return (h) => {
    for (const n of removes) delete h[n];
    for (const [k, v] of appends) appendHeader(h, k, v);
  };
}

export function compileHeaderManipulation(c: HeaderManipulationConfig): { request: HeaderEdit | null; response: HeaderEdit | null } {
  return { request: edit(c.removeRequestHeaders, c.appendRequestHeaders), response: edit(c.removeResponseHeaders, c.appendResponseHeaders) };
}
