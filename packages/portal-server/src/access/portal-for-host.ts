// Which Portal serves a request: its Host compared with each Portal's domains — exact `host:port` first, then a
// domain without port equal to the host name (ports 80/443 are implied), then a `*` domain.
import type { PortalConfig, PortalServerConfig } from '../config/types.ts';

export function portalForHost(config: PortalServerConfig | null, hostHeader: string | undefined): PortalConfig | null {
  if (!config || !hostHeader) return null;
  const host = hostHeader.toLowerCase();
  const name = host.replace(/:\d+$/, '');
  const implied = host === name || /:(80|443)$/.test(host);
  return (
    config.portals.find((p) => p.domains.includes(host)) ??
    config.portals.find((p) => p.domains.some((d) => d === name && (implied || !d.includes(':')))) ??
    config.portals.find((p) => p.domains.includes('*')) ??
    null
  );
}
