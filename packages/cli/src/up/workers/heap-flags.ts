// V8 heap flags for gateway worker processes; the gateway benchmark starts its gateways with the same ones.
/**
 * Heap sizing for a worker (docs/data-plane.md, "Heap flags"): an old generation that grows by 10 % past each
 * mark-compact instead of V8's up-to-2× (under load V8 otherwise lets old space reach about twice the live heap),
 * and semi-spaces capped at 16 MiB (V8's own cap here is 32). The young generation must stay large: with small
 * semi-spaces (2 MiB, the earlier choice) a scavenge comes every ~100 requests, the state of the ~50 requests in
 * flight survives it and is promoted, and the old generation, held to +10 %, is then mark-compacted several times
 * a second — 3–6 ms pauses that were the gateway's p99 (12–14 ms vs 4.5 ms). Measured 2026-12-03 (load ~2): this
 * pair gives V8's default throughput and p99 at 142–160 MiB peak RSS instead of 241–254 MiB. Nothing caps the
 * heap, so a large configuration still fits. The growth flag costs keyed routes (API keys, JWT) 11–22 % of their
 * requests/s and doubles their p99: `--max-semi-space-size=16` alone is the better choice for mostly keyed traffic
 * when ~35 MiB more per worker is affordable. PORTICO_WORKER_HEAP_FLAGS replaces them (space-separated; empty:
 * V8's defaults).
 */
export const WORKER_HEAP_FLAGS: string[] =
  process.env.PORTICO_WORKER_HEAP_FLAGS?.split(' ').filter(Boolean) ?? ['--max-semi-space-size=16', '--heap-growing-percent=10'];
