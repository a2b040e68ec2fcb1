// Where a loaded gateway's peak RSS goes (docs/data-plane.md, "Malloc arenas"): the bench's gateway process with
// BENCH_TABLES route tables (default 1,000; 0: one route), the workers' heap flags and malloc settings, under
// wrk -t1 -c50 for BENCH_SECONDS (default 12). /proc/PID/smaps is sampled every 200 ms; at the sample with the
// largest RSS the resident memory is split by mapping: the node binary's file pages (shared with every other node
// process), other files (libraries), malloc's main arena ([heap]), malloc's thread arenas (anonymous mappings on a
// 64 MiB boundary: glibc's per-thread heaps) and the rest of the anonymous memory (V8's heap pages, code space and
// large mmapped blocks). Not part of `npm run bench`: a diagnosis, run it to compare settings, e.g.
//
//   node bench/gateway/peak-memory.ts                                # as `portico up` runs its workers
//   PORTICO_WORKER_MALLOC_ENV= node bench/gateway/peak-memory.ts     # glibc's malloc defaults
//   GATEWAY_NODE_FLAGS="--max-semi-space-size=8" node bench/gateway/peak-memory.ts
//
// Samples, not a peak the kernel kept: the breakdown is within 200 ms of VmHWM (printed beside it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manyTablesConfig, singleRouteConfig } from './configs.ts';
import { ensureDebianPackage, peakRssMiB, runWrkAsync, startListening, stop } from './tools.ts';
import { WORKER_HEAP_FLAGS } from '../../packages/cli/src/up/workers/heap-flags.ts';
import { workerMallocEnv } from '../../packages/cli/src/up/workers/malloc-env.ts';

const here = dirname(fileURLToPath(import.meta.url));
const TABLES = Number(process.env.BENCH_TABLES ?? '1000');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '12');
const FLAGS = process.env.GATEWAY_NODE_FLAGS?.split(' ').filter(Boolean) ?? WORKER_HEAP_FLAGS;
const ARENA_ALIGN = 64n * 1024n * 1024n;

type Part = 'node binary' | 'other files' | 'malloc main arena' | 'malloc thread arenas' | 'other anonymous';

/** Resident KiB by part, from one read of smaps. */
function residentByPart(pid: number, nodeBinary: string): { parts: Map<Part, number>; rssKiB: number } {
  const parts = new Map<Part, number>();
  let part: Part = 'other anonymous';
  let rssKiB = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[2]!;
      if (name === nodeBinary) part = 'node binary';
      else if (name === '[heap]') part = 'malloc main arena';
      else if (name.startsWith('/')) part = 'other files';
      // glibc's thread arenas are heaps mmapped on a 64 MiB boundary (HEAP_MAX_SIZE) high in the address space.
      else if (name === '' && BigInt(`0x${head[1]}`) % ARENA_ALIGN === 0n && BigInt(`0x${head[1]}`) > 0x7e0000000000n) part = 'malloc thread arenas';
      else part = 'other anonymous';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      parts.set(part, (parts.get(part) ?? 0) + Number(rss[1]));
      rssKiB += Number(rss[1]);
    }
  }
  return { parts, rssKiB };
}

async function main(): Promise<void> {
  ensureDebianPackage('wrk', 'wrk');
  const dir = mkdtempSync(join(tmpdir(), 'portico-peak-memory-'));
  const upstream = await startListening(process.execPath, [join(here, 'upstream.ts'), '0']);
  try {
    const { config, path } = TABLES > 0 ? manyTablesConfig(upstream.port, TABLES) : { config: singleRouteConfig(upstream.port), path: '/' };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const malloc = workerMallocEnv();
    const env = { ...process.env, ...malloc, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
    const serve = (log: string) => startListening(process.execPath, [...FLAGS, join(here, 'gateway-server.ts'), join(dir, 'config.json'), join(dir, log)], env);
    await stop((await serve('warm.log')).child); // warms the compile cache, as the gateway bench does
    const gw = await serve('access.log');
    try {
      const pid = gw.child.pid!;
      const nodeBinary = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!;
      let peak = residentByPart(pid, nodeBinary);
      const sampler = setInterval(() => {
        const s = residentByPart(pid, nodeBinary);
        if (s.rssKiB > peak.rssKiB) peak = s;
      }, 200);
      const w = await runWrkAsync(`http://127.0.0.1:${gw.port}${path}`, { connections: 50, seconds: SECONDS, host: 'api.example.com' }).finally(() => clearInterval(sampler));
      const mallocText = Object.entries(malloc).map(([k, v]) => `${k}=${v}`).join(' ') || 'glibc malloc defaults';
      process.stdout.write(`gateway, ${TABLES > 0 ? `${TABLES} route tables` : 'one route'}: ${mallocText} node ${FLAGS.join(' ') || '(no flags)'}\n`);
      process.stdout.write(`wrk -t1 -c50 -d${SECONDS}s: ${Math.round(w.requestsPerSecond)} req/s, p99 ${w.p99Ms} ms, errors ${w.errors}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
      process.stdout.write(`peak sampled RSS ${(peak.rssKiB / 1024).toFixed(1)} MiB (VmHWM ${peakRssMiB(pid).toFixed(1)} MiB):\n`);
      for (const [part, kib] of [...peak.parts].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${part.padEnd(22)}${(kib / 1024).toFixed(1).padStart(7)} MiB\n`);
    } finally {
      await stop(gw.child);
    }
  } finally {
    await stop(upstream.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
