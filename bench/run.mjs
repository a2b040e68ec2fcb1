// `npm run bench`: the keyed-gateway benchmark (bench/portal/main.ts: API key + usage-plan limit vs nginx, one
// process each) in its own process, the keyed path as `portico up --workers N` runs it against nginx with N workers
// and the seed's JWT + OPA route the same way (bench/portal/up-keyed.ts), then the gateway benchmark (bench/gateway/main.ts: no auth, N workers vs N nginx workers, 1,000
// route tables, p99 while 1,000 RouteTables are applied). The last line is the "gateway vs nginx" ratio summary.
// Other suites have their own scripts (bench:extauth, bench:rego, …).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

process.stdout.write(`load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const keyed = spawnSync(process.execPath, [new URL('./portal/main.ts', import.meta.url).pathname], { stdio: 'inherit' });
if (keyed.status !== 0) process.stdout.write(`keyed-gateway benchmark failed (exit ${keyed.status}); continuing with the gateway benchmark\n`);
const upKeyed = spawnSync(process.execPath, [new URL('./portal/up-keyed.ts', import.meta.url).pathname], { stdio: 'inherit' });
if (upKeyed.status !== 0) process.stdout.write(`portico up keyed benchmark failed (exit ${upKeyed.status}); continuing with the gateway benchmark\n`);
await import('./gateway/main.ts');
