// RSS of one gateway worker's feeds: relayed over IPC from the primary (one sqlite feed per `portico up`) vs its
// own two sqlite worker threads (one V8 isolate each), in the same run, same stores, same script. Also a bare
// child (same imports, no feeds) as the floor. Prints VmRSS (/proc/PID/status) per child, several rounds.
// Usage: node bench/feed-relay/rss.ts [keys=2000] [apps=200] [rounds=3]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FeedRelayChannel } from '@portico/async';
import { createSqliteApiKeyStore, createSqliteKeyFeed, startKeyFeedRelay } from '@portico/apikeys';
import { openPortalAppsDb, PortalApps, startAppsFeedRelay } from '@portico/portal-apps';
import { forkFixture } from '@portico/testing';
import { median } from '../gateway/tools.ts';

const [nKeys, nApps, rounds] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 200), Number(process.argv[4] ?? 3)];
/** Lets each child's heap and threads settle after start (a measurement, not a test). */
const SETTLE_MS = 3000;

const dir = mkdtempSync(join(tmpdir(), 'portico-feed-rss-'));
const vmRssKiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
try {
  const keyStore = createSqliteApiKeyStore({ path: join(dir, 'apikeys.db') });
  for (let i = 0; i < nKeys; i++) await keyStore.create({ name: `k${i}`, owner: `user${i % 50}`, usagePlan: 'gold' });
  const portal = await openPortalAppsDb(join(dir, 'portal.db'));
  const apps = new PortalApps({ db: portal.db });
  const r = await apps.caller({ sub: 'alice', email: 'alice@example.com', name: 'Alice', username: null }, false);
  if (!r.ok) throw new Error(r.message);
  const team = await apps.createTeam(r.value, { name: 'rss-team' });
  if (!team.ok) throw new Error(team.message);
  for (let i = 0; i < nApps; i++) {
    const app = await apps.createApp(r.value, team.value.id, { name: `app-${i}` });
    if (!app.ok) throw new Error(app.message);
    await apps.createApiKey(r.value, app.value.id, { apiKeyName: 'k' });
  }
  const keyRelay = await startKeyFeedRelay(createSqliteKeyFeed({ path: join(dir, 'apikeys.db') }));
  const appsRelay = await startAppsFeedRelay(join(dir, 'portal.db'));
  console.log(`stores: ${nKeys} api keys, ${nApps} apps; primary RSS with both source feeds ${Math.round(vmRssKiB(process.pid) / 1024)} MiB`);

  const measure = async (mode: 'relayed' | 'own' | 'bare') => {
    const f = forkFixture(new URL(mode === 'bare' ? './bare.ts' : './worker.ts', import.meta.url), [mode, dir]);
    keyRelay.serve(f.child as unknown as FeedRelayChannel);
    appsRelay.serve(f.child as unknown as FeedRelayChannel);
    await f.ready;
    await sleep(SETTLE_MS);
    const kib = vmRssKiB(f.child.pid!);
    await f.stop();
    return kib;
  };
  const rows: Record<string, number[]> = { bare: [], relayed: [], own: [] };
  for (let i = 0; i < rounds; i++) for (const mode of ['bare', 'relayed', 'own'] as const) rows[mode]!.push(await measure(mode));
  const mib = (k: number) => (k / 1024).toFixed(1);
  for (const [mode, xs] of Object.entries(rows)) console.log(`${mode.padEnd(8)} VmRSS MiB: ${xs.map(mib).join(', ')}  (median ${mib(median(xs))})`);
  console.log(`own − relayed (median): ${mib(median(rows.own!) - median(rows.relayed!))} MiB per worker`);
  await keyRelay.close();
  await appsRelay.close();
  await portal.close();
  await keyStore.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
