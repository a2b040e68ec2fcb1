// The gateway's Prometheus metrics (prom-client registry): per route and API product, requests by status class
// and response flags, request / upstream / ext-auth / rate-limit latency histograms, upstream errors, and active
// connections. The request path only adds to plain numbers (a Map lookup per request, the route's series are
// created once); prom-client turns them into samples when /metrics is scraped. Several worker processes are
// summed by prom-client's AggregatorRegistry (every sample here is a sum).
import { Registry } from 'prom-client';
import type { ResponseFlag } from '../server/context.ts';
import { Histogram, LATENCY_BUCKETS } from './histogram.ts';

/** Flags that mean the upstream failed (Envoy: UF connect failure, UT timeout, UPE protocol error). */
const UPSTREAM_ERROR_FLAGS: ReadonlySet<string> = new Set(['UF', 'UT', 'UPE']);
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** `<status class> <flag>` keys, built once per (class, flag) instead of per request. */
const REQUEST_KEYS = new Map<string, string[]>();
function requestKey(status: number, flag: string): string {
  let byClass = REQUEST_KEYS.get(flag);
  if (byClass === undefined) REQUEST_KEYS.set(flag, (byClass = [...STATUS_CLASSES, 'other'].map((c) => `${c} ${flag}`)));
  const i = Math.floor(status / 100) - 1;
  return byClass[i >= 0 && i < STATUS_CLASSES.length ? i : STATUS_CLASSES.length]!;
}

/** Every series of one (route, API product). */
class RouteSeries {
  readonly labels: { route: string; api_product: string };
  /** `<status class> <flags>` → count. */
  readonly requests = new Map<string, number>();
  readonly duration = new Histogram();
  readonly upstream = new Histogram();
  readonly extAuth = new Histogram();
  readonly rateLimit = new Histogram();
  upstreamErrors = 0;

  constructor(route: string, product: string) {
    this.labels = { route, api_product: product };
  }
}

/** What the handler reports for one finished request (seconds; -1 when the step did not run). */
export interface RequestMeasurement {
  route: string;
  product: string;
  status: number;
  flag: ResponseFlag;
  seconds: number;
  upstreamSeconds: number;
  extAuthSeconds: number;
  rateLimitSeconds: number;
}

type Sample = { value: number; labels: Record<string, string | number>; metricName?: string };

export class GatewayMetrics {
  readonly registry: Registry;
  readonly #series = new Map<string, RouteSeries>();
  /** route → API product → series: two lookups with the strings the route already has, no key built per request. */
  readonly #byRoute = new Map<string, Map<string, RouteSeries>>();
  activeConnections = 0;

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const all = () => [...this.#series.values()];
    this.#register('portico_gateway_requests_total', 'counter', 'Requests by route, API product, status class and Envoy response flags', () =>
      all().flatMap((s) => [...s.requests].map(([k, value]) => {
        const space = k.indexOf(' ');
        return { value, labels: { ...s.labels, status_class: k.slice(0, space), response_flags: k.slice(space + 1) } };
      })),
    );
    this.#register('portico_gateway_upstream_errors_total', 'counter', 'Requests whose upstream failed (connect failure, timeout, bad response)', () =>
      all().filter((s) => s.upstreamErrors > 0).map((s) => ({ value: s.upstreamErrors, labels: s.labels })),
    );
    this.#histogram('portico_gateway_request_duration_seconds', 'Time from the request head to the end of the response', (s) => s.duration);
    this.#histogram('portico_gateway_upstream_duration_seconds', 'Time from dispatching to the upstream to its response head', (s) => s.upstream);
    this.#histogram('portico_gateway_extauth_duration_seconds', 'Time to get the ext-auth decision', (s) => s.extAuth);
    this.#histogram('portico_gateway_ratelimit_duration_seconds', 'Time to get the rate-limit decision', (s) => s.rateLimit);
    this.#register('portico_gateway_active_connections', 'gauge', 'Open client connections', () => [{ value: this.activeConnections, labels: {} }]);
  }

  record(m: RequestMeasurement): void {
    let products = this.#byRoute.get(m.route);
    if (products === undefined) this.#byRoute.set(m.route, (products = new Map()));
    let s = products.get(m.product);
    if (s === undefined) {
      s = new RouteSeries(m.route, m.product);
      products.set(m.product, s);
      this.#series.set(`${m.route}\u0000${m.product}`, s);
    }
    const cls = requestKey(m.status, m.flag);
    s.requests.set(cls, (s.requests.get(cls) ?? 0) + 1);
    s.duration.observe(m.seconds);
    if (m.upstreamSeconds >= 0) s.upstream.observe(m.upstreamSeconds);
    if (m.extAuthSeconds >= 0) s.extAuth.observe(m.extAuthSeconds);
    if (m.rateLimitSeconds >= 0) s.rateLimit.observe(m.rateLimitSeconds);
    if (UPSTREAM_ERROR_FLAGS.has(m.flag)) s.upstreamErrors++;
  }

  /** A metric prom-client's Registry serialises (and AggregatorRegistry sums) like its own. */
  #register(name: string, type: 'counter' | 'gauge' | 'histogram', help: string, values: () => Sample[]): void {
    this.registry.registerMetric({ name, help, type, aggregator: 'sum', get: () => ({ name, help, type, aggregator: 'sum', values: values() }) } as never);
  }

  #histogram(name: string, help: string, pick: (s: RouteSeries) => Histogram): void {
    this.#register(name, 'histogram', help, () =>
      [...this.#series.values()].flatMap((s) => {
        const h = pick(s);
        if (h.count === 0) return [];
        const out: Sample[] = [];
        let cumulative = 0;
        LATENCY_BUCKETS.forEach((le, i) => {
          cumulative += h.counts[i]!;
          out.push({ value: cumulative, labels: { ...s.labels, le }, metricName: `${name}_bucket` });
        });
        out.push({ value: h.count, labels: { ...s.labels, le: '+Inf' }, metricName: `${name}_bucket` });
        out.push({ value: h.sum, labels: s.labels, metricName: `${name}_sum` });
        out.push({ value: h.count, labels: s.labels, metricName: `${name}_count` });
        return out;
      }),
    );
  }
}
