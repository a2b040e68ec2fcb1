// glibc malloc settings for gateway worker processes; the gateway benchmark starts its gateways with the same ones.
import { CliError } from '../../errors.ts';

/**
 * One malloc arena (docs/data-plane.md, "Malloc arenas"). V8 compiles hot functions on its helper threads (Maglev
 * and TurboFan zones: 13–20 MiB at once while a worker warms up under load), and glibc gives each thread that
 * allocates its own arena, up to 8 per CPU: each arena keeps its own high-water mark of freed memory that no other
 * thread reuses, so a worker's malloc'd memory peaked at 35–54 MiB where the allocations alive at any instant were
 * 25–32 MiB (heaptrack). With a single arena the threads reuse each other's freed blocks. Measured 2026-12-05,
 * alternating in the gateway bench: peak RSS under load, one route 156–159 → 142–143 MiB, 1,000 route tables
 * 143–152 → 130–141 MiB, requests/s unchanged. A fixed mmap threshold on top (MALLOC_MMAP_THRESHOLD_=131072) gained
 * nothing in the bench, and sampled runs counted the blocks it mmaps as 8–9 MiB more anonymous memory. The helper
 * threads' allocations now share one lock with the main thread's; glibc's per-thread caches serve the small ones.
 *
 * Only glibc reads these (musl ignores them). A setting the environment already makes — the variable itself, or its
 * tunable in GLIBC_TUNABLES — is the operator's and is left to the workers as inherited. PORTICO_WORKER_MALLOC_ENV
 * replaces the defaults (space-separated NAME=VALUE; empty: none, glibc's defaults).
 */
export function workerMallocEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env.PORTICO_WORKER_MALLOC_ENV !== undefined) return parsePairs(env.PORTICO_WORKER_MALLOC_ENV);
  const tunables = env.GLIBC_TUNABLES ?? '';
  const pairs: Record<string, string> = {};
  for (const d of DEFAULTS) {
    if (env[d.name] === undefined && !tunables.split(':').some((t) => t.startsWith(`${d.tunable}=`))) pairs[d.name] = d.value;
  }
  return pairs;
}

/** The defaults, each with the GLIBC_TUNABLES name that sets the same thing. */
const DEFAULTS = [
  { name: 'MALLOC_ARENA_MAX', tunable: 'glibc.malloc.arena_max', value: '1' },
] as const;

function parsePairs(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const pair of text.split(' ').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError('CLI_USAGE', `error: PORTICO_WORKER_MALLOC_ENV must be space-separated NAME=VALUE pairs, got ${JSON.stringify(pair)}`);
    pairs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return pairs;
}
