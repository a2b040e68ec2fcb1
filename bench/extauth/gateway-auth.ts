// The gateway with JWT + OPA on every request vs Debian nginx as a plain reverse proxy, same run, same
// upstream, wrk -t1 (issue 4 target: ≥ 40% of nginx's requests/s). Also the gateway without auth, so the cost
// of auth itself is visible. Reuses the gateway benchmark's tools (bench/gateway/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { singleRouteConfig } from '../gateway/configs.ts';
import { startNginx } from '../gateway/nginx.ts';
import { childPids, cpuSeconds, freePort, parseWrk, startListening, stop, type WrkResult } from '../gateway/tools.ts';

const here = dirname(fileURLToPath(import.meta.url));
const HOST = 'api.example.com';

function wrk(url: string, seconds: number, connections: number, headers: string[]): WrkResult {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '5s', '-H', `Host: ${HOST}`];
  for (const h of headers) args.push('-H', h);
  const r = spawnSync('wrk', [...args, url], { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  return parseWrk(r.stdout);
}

export interface GatewayAuthRow extends WrkResult { target: string; requestsPerCpuSecond: number | null }

export async function benchGatewayAuth(seconds = 8, connections = 50): Promise<GatewayAuthRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-auth-'));
  const rows: GatewayAuthRow[] = [];
  const measure = (target: string, url: string, pids: () => number[], headers: string[] = []) => {
    wrk(url, 2, connections, headers);
    const cpu0 = pids().reduce((a, p) => a + cpuSeconds(p), 0);
    const r = wrk(url, seconds, connections, headers);
    const cpu = pids().reduce((a, p) => a + cpuSeconds(p), 0) - cpu0;
    rows.push({ target, ...r, requestsPerCpuSecond: cpu > 0 ? Math.round((r.requestsPerSecond * seconds) / cpu) : null });
  };
  const upstream = await startListening(process.execPath, [join(here, '../gateway/upstream.ts'), '0']);
  try {
    const nginxPort = await freePort();
    const nginx = await startNginx(join(dir, 'nginx'), nginxPort, upstream.port);
    try {
      measure('nginx reverse proxy (no auth)', `http://127.0.0.1:${nginxPort}/`, () => childPids(nginx.pid!));
    } finally {
      await stop(nginx);
    }
    const configFile = join(dir, 'gw.json');
    writeFileSync(configFile, JSON.stringify(singleRouteConfig(upstream.port)));
    const plain = await startListening(process.execPath, [join(here, '../gateway/gateway-server.ts'), configFile, join(dir, 'access.log')]);
    try {
      measure('portico gateway (no auth)', `http://127.0.0.1:${plain.port}/`, () => [plain.child.pid!]);
    } finally {
      await stop(plain.child);
    }
    const tokenFile = join(dir, 'token');
    const auth = await startListening(process.execPath, [join(here, 'gateway-auth-server.ts'), configFile, tokenFile]);
    try {
      const token = readFileSync(tokenFile, 'utf8');
      measure('portico gateway, JWT + seed OPA', `http://127.0.0.1:${auth.port}/`, () => [auth.child.pid!], [`Authorization: Bearer ${token}`]);
    } finally {
      await stop(auth.child);
    }
  } finally {
    await stop(upstream.child);
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
