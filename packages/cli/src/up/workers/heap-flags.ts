// V8 heap flags for gateway worker processes; the gateway benchmark starts its gateways with the same ones.
/**
 * Heap sizing for a worker (docs/data-plane.md, "Memory of a gateway worker"): a small young generation (2 MiB
 * semi-spaces) and an old generation that grows by 10 % past each mark-compact instead of V8's up-to-2× — under
 * load V8 otherwise lets old space reach about twice the live heap. Neither caps the heap, so a large
 * configuration still fits; the price is more GC: ~10–15 % fewer requests/s than semi-spaces alone in the bench.
 * PORTICO_WORKER_HEAP_FLAGS replaces them (space-separated; empty: V8's defaults, fastest and largest).
 */
export const WORKER_HEAP_FLAGS: string[] =
  process.env.PORTICO_WORKER_HEAP_FLAGS?.split(' ').filter(Boolean) ?? ['--max-semi-space-size=2', '--heap-growing-percent=10'];
