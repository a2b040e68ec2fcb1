// The gateway-edge settings of `portico up` (trusted proxies, drain time on shutdown) and the admin API's
// /readyz: 200 once the gateway serves its first configuration, 503 before (a load balancer's readiness probe).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CliError } from '../errors.ts';

export interface EdgeFlags {
  trustedProxies?: string;
  drainTimeout?: string;
}

export interface EdgeSettings {
  trustedProxies?: string[];
  drainTimeoutMs?: number;
}

export function edgeSettings(flags: EdgeFlags, env: NodeJS.ProcessEnv = process.env): EdgeSettings {
  const proxies = (flags.trustedProxies ?? env.PORTICO_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const rawDrain = flags.drainTimeout ?? env.PORTICO_DRAIN_TIMEOUT ?? '10';
  const drain = Number(rawDrain);
  if (!Number.isFinite(drain) || drain < 0 || drain > 3600) {
    throw new CliError('CLI_USAGE', `error: --drain-timeout must be seconds between 0 and 3600, got ${JSON.stringify(rawDrain)} (flag or PORTICO_DRAIN_TIMEOUT)`);
  }
  return { trustedProxies: proxies, drainTimeoutMs: Math.round(drain * 1000) };
}

export function readinessHandler(ready: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    const ok = ready();
    const body = JSON.stringify(ok ? { ok: true } : { ok: false, reason: 'gateway has not loaded its first configuration' });
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(ok ? {} : { 'retry-after': '1' }) });
    res.end(body);
  };
}
