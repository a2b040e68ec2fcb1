// A fixed-bucket histogram that costs a few comparisons and additions per observation: the gateway records
// into these on the request path and prom-client reads them only when /metrics is scraped (gateway-metrics.ts).

/** Seconds; from 100 µs (a cached decision) to 10 s (a slow upstream). */
export const LATENCY_BUCKETS: readonly number[] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram {
  /** counts[i]: observations ≤ LATENCY_BUCKETS[i] and > the bucket before (not cumulative); last: +Inf. */
  readonly counts: Float64Array = new Float64Array(LATENCY_BUCKETS.length + 1);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++;
    this.counts[i]! += 1;
    this.sum += seconds;
    this.count += 1;
  }
}
