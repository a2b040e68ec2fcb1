// Virtual host names are unique in a valid configuration, but the type does not promise it: whoever refers to a
// host by name across snapshots (the control plane's structural sharing) may only do so for names that occur once.
import type { VirtualHostConfig } from './types.ts';

/** Names that occur exactly once in the list. */
export function uniqueHostNames(hosts: readonly VirtualHostConfig[]): Set<string> {
  const once = new Set<string>();
  const twice = new Set<string>();
  for (const vh of hosts) (once.has(vh.name) ? twice : once).add(vh.name);
  for (const n of twice) once.delete(n);
  return once;
}
