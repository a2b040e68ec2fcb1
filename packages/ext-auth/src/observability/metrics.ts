// Prometheus metrics of auth decisions, per config_id (prom-client). Each service owns its registry so
// several services (tests, embedded use) never collide in prom-client's global one.
import { Counter, Histogram, Registry } from 'prom-client';
import type { IncomingMessage, ServerResponse } from 'node:http';

export class AuthMetrics {
  readonly registry: Registry;
  readonly allowed: Counter<'config_id'>;
  readonly denied: Counter<'config_id' | 'code'>;
  readonly errors: Counter<'config_id' | 'code'>;
  readonly latency: Histogram<'config_id'>;

  constructor() {
    this.registry = new Registry();
    this.allowed = new Counter({ name: 'portico_extauth_allowed_total', help: 'Requests allowed', labelNames: ['config_id'], registers: [this.registry] });
    this.denied = new Counter({ name: 'portico_extauth_denied_total', help: 'Requests denied, by reason code', labelNames: ['config_id', 'code'], registers: [this.registry] });
    this.errors = new Counter({ name: 'portico_extauth_error_total', help: 'Checks that failed on an error (config missing/rejected, IdP or policy engine failure), by code', labelNames: ['config_id', 'code'], registers: [this.registry] });
    this.latency = new Histogram({
      name: 'portico_extauth_check_duration_seconds',
      help: 'Time to decide one check',
      labelNames: ['config_id'],
      buckets: [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3],
      registers: [this.registry],
    });
  }

  record(configId: string, outcome: 'allowed' | 'denied' | 'error', code: string | null, seconds: number): void {
    if (outcome === 'allowed') this.allowed.inc({ config_id: configId });
    else if (outcome === 'denied') this.denied.inc({ config_id: configId, code: code ?? '' });
    else this.errors.inc({ config_id: configId, code: code ?? '' });
    this.latency.observe({ config_id: configId }, seconds);
  }
}

/** A node:http handler serving the Prometheus text format; mount it at /metrics (the CLI's `up` does). */
export function createMetricsHandler(metrics: AuthMetrics): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('metrics unavailable\n');
      },
    );
  };
}
