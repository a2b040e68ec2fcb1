// What portalAuth adds per request on a teams-and-apps portal: the in-memory credential view the gateway answers
// from (openCredentialView), and the uncached one-round-trip database lookup it replaced (app by hashed key →
// subscription → metadata) on node:sqlite and on PostgreSQL (loopback), next to the usage-plans model's
// per-request key lookup (@portico/apikeys on node:sqlite) as the baseline, measured in the same run.
// Sequential calls (one request's latency), p50/p99 in ms. Run: node bench/portal/apps-lookup.ts
// Environment: BENCH_LOOKUPS (default 3000), PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { createDbCredentialLookup, openCredentialView, openPortalAppsDb, PortalApps, type AppCredentialLookup } from '@portico/portal-apps';

const N = Number(process.env.BENCH_LOOKUPS ?? '3000');
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dir = mkdtempSync(join(tmpdir(), 'portico-bench-apps-'));

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; perSecond: number }> {
  for (let i = 0; i < 200; i++) await fn();
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  samples.sort((a, b) => a - b);
  const at = (q: number) => Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(3));
  return { p50: at(0.5), p99: at(0.99), perSecond: Math.round((N / total) * 1000) };
}

async function appsLookup(url: string) {
  const opened = await openPortalAppsDb(url);
  const apps = new PortalApps({ db: opened.db });
  const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const member = value(await apps.caller({ sub: 'bench', email: 'bench@example.com', name: 'Bench', username: null }, false));
  const admin = value(await apps.caller({ sub: 'bench-admin', email: 'admin@example.com', name: 'Admin', username: null }, true));
  const team = value(await apps.createTeam(member, { name: `bench-${randomUUID()}` }));
  const app = value(await apps.createApp(member, team.id, { name: 'bench-app' }));
  const key = value(await apps.createApiKey(member, app.id, { apiKeyName: 'k' }));
  const sub = value(await apps.createSubscription(member, app.id, 'tracks'));
  value(await apps.decideSubscription(admin, sub.id, 'approve'));
  value(await apps.setSubscriptionMetadata(admin, sub.id, { rateLimit: { requestsPerUnit: '3', unit: 'MINUTE' } }));
  const measure = (lookup: AppCredentialLookup) =>
    time(async () => {
      const g = await lookup.lookup({ apiKey: key.apiKey! }, 'tracks');
      if (!g.ok || g.value?.subscription?.status !== 'approved') throw new Error('lookup failed');
    });
  const db = await measure(createDbCredentialLookup(opened.db));
  const view = await openCredentialView(url);
  const memory = await measure(view);
  await view.close();
  await opened.close();
  return { db, memory };
}

const keys = createSqliteApiKeyStore({ path: join(dir, 'apikeys.db') });
const made = await keys.create({ name: 'k', owner: 'bench@example.com', usagePlan: 'bronze' });
if (!made.ok) throw new Error(made.message);
const baseline = await time(async () => {
  const r = await keys.lookup(made.value.apiKey);
  if (!r.ok || !r.value) throw new Error('lookup failed');
});
await keys.close();

const dbName = `portico_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const pgUrl = new URL(PG_URL);
pgUrl.pathname = `/${dbName}`;
try {
  const sqlite = await appsLookup(join(dir, 'portal.db'));
  const postgres = await appsLookup(pgUrl.href);
  console.table({
    'usage-plans key lookup (sqlite, baseline)': baseline,
    'portalAuth view (sqlite)': sqlite.memory,
    'portalAuth view (PostgreSQL)': postgres.memory,
    'portalAuth uncached DB lookup (sqlite)': sqlite.db,
    'portalAuth uncached DB lookup (PostgreSQL)': postgres.db,
  });
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
