// How long one reload of the SQLite credential view blocks the gateway's event loop, with 10,000 apps (one key,
// one approved subscription and app metadata each), before vs after the reload moved to a worker thread, in the
// same run:
//   - before: what the view used to run on the loop at each data_version change — every app read through
//     node:sqlite (synchronous under kysely's promises) and the three maps rebuilt;
//   - after: openCredentialView(sqlite) — the worker reads and diffs; the loop only receives the apps that
//     changed. Measured for one changed app (a metadata edit), for every app changed (every team renamed: the
//     worst case, 10,000 entries cloned into the loop) and for the view's start (every app, once).
// The block is the event-loop delay histogram's max (monitorEventLoopDelay, 1 ms resolution) over the reload,
// next to the same histogram over an idle stretch; "loop busy" is the event-loop utilization's active time over it
// and "main-thread CPU" the CPU time of this thread alone (process.threadCpuUsage: not inflated when other
// processes take the cores); for "after" both include the script's own lookups polling for the change every 2 ms. Run: node bench/portal/view-reload-block.ts
// Environment: BENCH_APPS (default 10000), BENCH_ROUNDS (default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { hashApiKey } from '@portico/apikeys';
import { openCredentialView, openPortalAppsDb } from '@portico/portal-apps';
import { loadApps, type AppEntry } from '../../packages/portal-apps/src/enforcement/app-entries.ts';
import { median } from '../gateway/tools.ts';

const APPS = Number(process.env.BENCH_APPS ?? '10000');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const dir = mkdtempSync(join(tmpdir(), 'portico-bench-view-'));
const path = join(dir, 'portal.db');
const keyOf = (i: number) => `pk_bench_${i}`;

/** While `fn` runs: the longest event-loop block, how long the loop was busy, this thread's CPU time, and how long it took (ms). */
async function blocked(fn: () => Promise<unknown>): Promise<{ maxBlockMs: number; busyMs: number; cpuMs: number; elapsedMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  // The histogram records from its second tick on: a block before that would go unseen.
  await new Promise((r) => setTimeout(r, 10));
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.threadCpuUsage();
  await fn();
  const cpu = process.threadCpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const elapsedMs = performance.now() - t0;
  const busyMs = performance.eventLoopUtilization(elu0).active;
  await new Promise((r) => setTimeout(r, 5)); // let the histogram sample the last stretch
  h.disable();
  return { maxBlockMs: h.max / 1e6, busyMs, cpuMs, elapsedMs };
}

function seed(): void {
  const db = new DatabaseSync(path);
  const at = new Date().toISOString();
  db.exec('BEGIN');
  const team = db.prepare('INSERT INTO teams (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const app = db.prepare('INSERT INTO apps (id, team_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const key = db.prepare('INSERT INTO app_api_keys (id, app_id, name, key_hash, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const sub = db.prepare('INSERT INTO subscriptions (id, app_id, api_product_id, requested_at, approved, approved_at, rejected, rejected_at, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, 0, NULL, ?, ?)');
  const meta = db.prepare('INSERT INTO metadata (id, owner_id, custom_metadata, rate_limit_requests, rate_limit_unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let t = 0; t < APPS / 100; t++) team.run(`team-${t}`, `team ${t}`, '', at, at);
  for (let i = 0; i < APPS; i++) {
    app.run(`app-${i}`, `team-${i % (APPS / 100)}`, `app ${i}`, '', at, at);
    key.run(`key-${i}`, `app-${i}`, 'k', hashApiKey(keyOf(i)), '{}', at, at);
    sub.run(`sub-${i}`, `app-${i}`, 'tracks', at, at, at, at);
    meta.run(`meta-${i}`, `app-${i}`, JSON.stringify({ tier: 'gold', rev: '0' }), '100', 'MINUTE', at, at);
  }
  db.exec('COMMIT');
  db.close();
}

const summary = (runs: { maxBlockMs: number; busyMs: number; cpuMs: number; elapsedMs: number }[]) => ({
  'max block, median (ms)': Number(median(runs.map((r) => r.maxBlockMs)).toFixed(1)),
  'max block, worst (ms)': Number(Math.max(...runs.map((r) => r.maxBlockMs)).toFixed(1)),
  'loop busy, median (ms)': Number(median(runs.map((r) => r.busyMs)).toFixed(1)),
  'main-thread CPU, median (ms)': Number(median(runs.map((r) => r.cpuMs)).toFixed(1)),
  'reload elapsed, median (ms)': Number(median(runs.map((r) => r.elapsedMs)).toFixed(1)),
});

try {
  await (await openPortalAppsDb(path)).close(); // the schema
  seed();
  const idle = await blocked(() => new Promise((r) => setTimeout(r, 500)));

  // Before: the reload as the view ran it on the loop.
  const store = await openPortalAppsDb(path);
  const before = [];
  for (let r = 0; r < ROUNDS; r++) {
    before.push(await blocked(async () => {
      const loaded = await loadApps(store, null);
      const apps = new Map<string, AppEntry>();
      const byKey = new Map<string, AppEntry>();
      const byClient = new Map<string, AppEntry>();
      for (const e of loaded) {
        apps.set(e.appId, e);
        for (const h of e.keyHashes) byKey.set(h, e);
        for (const c of e.clientIds) byClient.set(c, e);
      }
    }));
  }
  await store.close();

  // After: the worker-fed view. A writer on its own connection commits; the view is watched until it shows it.
  let view: Awaited<ReturnType<typeof openCredentialView>> | undefined;
  const start = await blocked(async () => (view = await openCredentialView(path)));
  const writer = new DatabaseSync(path);
  const seen = async (probe: () => Promise<boolean>) => {
    while (!(await probe())) await new Promise((r) => setTimeout(r, 2));
  };
  const oneApp = [];
  const everyApp = [];
  for (let r = 1; r <= ROUNDS; r++) {
    oneApp.push(await blocked(async () => {
      writer.prepare('UPDATE metadata SET custom_metadata = ? WHERE owner_id = ?').run(JSON.stringify({ tier: 'gold', rev: String(r) }), 'app-0');
      await seen(async () => {
        const g = await view!.lookup({ apiKey: keyOf(0) }, 'tracks');
        return g.ok && g.value?.customMetadata.rev === String(r);
      });
    }));
    everyApp.push(await blocked(async () => {
      writer.exec(`UPDATE teams SET name = 'team ' || id || ' r${r}'`);
      await seen(async () => {
        const g = await view!.lookup({ apiKey: keyOf(APPS - 1) }, 'tracks');
        return g.ok && g.value?.teamName.endsWith(` r${r}`) === true;
      });
    }));
  }
  writer.close();
  await view!.close();

  console.log(`SQLite credential view, ${APPS} apps, ${ROUNDS} reloads each; event-loop delay max over an idle 500 ms: ${(idle.maxBlockMs).toFixed(1)} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.table({
    'before: reload on the loop (every app)': summary(before),
    'after: one app changed (worker reload, 1 entry posted)': summary(oneApp),
    'after: every app changed (worker reload, all entries posted)': summary(everyApp),
    'after: view start (every app posted once)': summary([start]),
  });
} finally {
  if (process.env.BENCH_KEEP) console.log(path); else rmSync(dir, { recursive: true, force: true });
}
