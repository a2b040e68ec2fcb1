// The snapshot as the admin API shows it: listener private keys (from TLS Secrets) are replaced, like Secret data
// in `portico get`, so reading the snapshot never reveals key material.
import type { Snapshot } from '../translate/stage.ts';

export function redactSnapshot(s: Snapshot | null): unknown {
  if (s === null || !s.gateway.listeners?.length) return s;
  return {
    ...s,
    gateway: { ...s.gateway, listeners: s.gateway.listeners.map((l) => (l.tls === null ? l : { ...l, tls: { ...l.tls, keyPem: '<redacted>' } })) },
  };
}
