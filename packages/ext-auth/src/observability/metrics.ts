// Prometheus metrics of auth decisions, per config_id. Each service owns its registry so several services (tests,
// embedded use) never collide in prom-client's global one. A check only adds to plain numbers (one Map lookup,
// a few comparisons); prom-client turns them into samples when /metrics is scraped — its own Counter/Histogram
// hash a label object on every call, which was 3–4 % of the gRPC ext-auth server's busy time. Every sample is a
// sum, so AggregatorRegistry adds up `portico up --workers N`.
import { Registry } from 'prom-client';
import type { IncomingMessage, ServerResponse } from 'node:http';

const BUCKETS: readonly number[] = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];

/** One config_id's counts: outcomes by `<outcome>\0<code>`, and the check latency histogram (non-cumulative). */
class ConfigSeries {
  readonly outcomes = new Map<string, number>();
  readonly buckets = new Float64Array(BUCKETS.length + 1);
  sum = 0;
  count = 0;
}

type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };

export class AuthMetrics {
  readonly registry: Registry;
  readonly #series = new Map<string, ConfigSeries>();

  constructor() {
    this.registry = new Registry();
    const outcome = (name: string, help: string, which: string, withCode: boolean) =>
      this.#register(name, 'counter', help, () => {
        const out: Sample[] = [];
        for (const [configId, s] of this.#series) {
          for (const [k, value] of s.outcomes) {
            const sep = k.indexOf('\0');
            if (k.slice(0, sep) !== which) continue;
            out.push({ value, labels: withCode ? { config_id: configId, code: k.slice(sep + 1) } : { config_id: configId } });
          }
        }
        return out;
      });
    outcome('portico_extauth_allowed_total', 'Requests allowed', 'allowed', false);
    outcome('portico_extauth_denied_total', 'Requests denied, by reason code', 'denied', true);
    outcome('portico_extauth_error_total', 'Checks that failed on an error (config missing/rejected, IdP or policy engine failure), by code', 'error', true);
    const latency = 'portico_extauth_check_duration_seconds';
    this.#register(latency, 'histogram', 'Time to decide one check', () => {
      const out: Sample[] = [];
      for (const [configId, s] of this.#series) {
        let cumulative = 0;
        for (let i = 0; i < BUCKETS.length; i++) {
          cumulative += s.buckets[i]!;
          out.push({ value: cumulative, labels: { config_id: configId, le: BUCKETS[i]! }, metricName: `${latency}_bucket` });
        }
        out.push({ value: s.count, labels: { config_id: configId, le: '+Inf' }, metricName: `${latency}_bucket` });
        out.push({ value: s.sum, labels: { config_id: configId }, metricName: `${latency}_sum` });
        out.push({ value: s.count, labels: { config_id: configId }, metricName: `${latency}_count` });
      }
      return out;
    });
  }

  record(configId: string, outcome: 'allowed' | 'denied' | 'error', code: string | null, seconds: number): void {
    let s = this.#series.get(configId);
    if (s === undefined) {
      s = new ConfigSeries();
      this.#series.set(configId, s);
    }
    const key = outcome === 'allowed' ? 'allowed\0' : `${outcome}\0${code ?? ''}`;
    s.outcomes.set(key, (s.outcomes.get(key) ?? 0) + 1);
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    s.buckets[i]! += 1;
    s.sum += seconds;
    s.count += 1;
  }

  /** A metric prom-client's Registry serialises (and AggregatorRegistry sums) like its own. */
  #register(name: string, type: 'counter' | 'histogram', help: string, values: () => Sample[]): void {
    this.registry.registerMetric({ name, help, type, aggregator: 'sum', get: () => ({ name, help, type, aggregator: 'sum', values: values() }) } as never);
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
