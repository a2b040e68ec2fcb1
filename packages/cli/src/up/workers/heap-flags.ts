// V8 heap flags for gateway worker processes; the gateway benchmark starts its gateways with the same ones.
/**
 * Heap sizing for a worker (docs/data-plane.md, "Heap flags"): an old generation that grows by 10 % past each
 * mark-compact instead of V8's up-to-2× (under load V8 otherwise lets old space reach about twice the live heap),
 * and semi-spaces capped at 16 MiB (V8's own cap here is 32). The young generation must stay large: with small
 * semi-spaces (2 MiB, the earlier choice) a scavenge comes every ~100 requests, the state of the ~50 requests in
 * flight survives it and is promoted, and the old generation, held to +10 %, is then mark-compacted several times
 * a second — 3–6 ms pauses that were the gateway's p99 (12–14 ms vs 4.5 ms). Measured 2026-12-03 (load ~2): this
 * pair gives V8's default throughput and p99 at 142–160 MiB peak RSS instead of 241–254 MiB. Nothing caps the
 * heap, so a large configuration still fits.
 *
 * No allocation-site pretenuring: once a worker's old generation holds what a worker really loads (ext-auth's
 * step registry, zod, the Rego engine: ~26 MiB live instead of the bare gateway's ~13), V8 starts tenuring the
 * allocation sites of per-request objects (their objects are all alive at the mark-compacts that sample them).
 * Allocated straight into old space, dead request objects then keep their young referents alive until the next
 * mark-compact: 12–20 MiB promoted per 10,000 requests instead of 1–2, and 2.2–2.9 mark-compacts per 10,000
 * requests instead of 0.2–0.3, each with concurrent marking beside it — what made keyed and JWT routes cost 20–40 %
 * more than no-auth ones (docs/data-plane.md, "Pretenuring"). A gateway's long-lived objects (compiled routes,
 * key index) are few and built outside the request path, so giving up pretenuring costs them one extra copy.
 *
 * PORTICO_WORKER_HEAP_FLAGS replaces these flags (space-separated; empty: V8's defaults).
 */
export const WORKER_HEAP_FLAGS: string[] =
  process.env.PORTICO_WORKER_HEAP_FLAGS?.split(' ').filter(Boolean) ?? ['--max-semi-space-size=16', '--heap-growing-percent=10', '--no-allocation-site-pretenuring'];
