// Runs Debian's nginx in the foreground as a child process, from a temp-dir config, with `auth_request`
// against Portico's HTTP ext_authz mode: one location per API product, each passing the product id as route
// metadata (x-portico-filter-metadata) and the AuthConfig id (x-portico-config-id).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

export interface NginxLocation {
  /** e.g. /trackapi/ */
  prefix: string;
  apiProductId: string;
  /** e.g. http://127.0.0.1:8082/ */
  upstream: string;
}

export interface RunningNginx {
  url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function conf(dir: string, port: number, authPort: number, configId: string, locations: NginxLocation[]): string {
  const locs = locations
    .map(
      (l, i) => `
    location ${l.prefix} {
      auth_request /_authz_${i};
      proxy_pass ${l.upstream};
    }
    location = /_authz_${i} {
      internal;
      proxy_pass http://authsvc/check;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Original-Method $request_method;
      proxy_set_header X-Portico-Config-Id ${configId};
      proxy_set_header X-Portico-Filter-Metadata '{"io.solo.gloo.apimanagement":{"api_product_id":"${l.apiProductId}"}}';
    }`,
    )
    .join('');
  return `daemon off;
master_process off;
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream authsvc { server 127.0.0.1:${authPort}; keepalive 8; }
  server {
    listen 127.0.0.1:${port};${locs}
  }
}
`;
}

export async function startNginx(authPort: number, configId: string, locations: NginxLocation[]): Promise<RunningNginx> {
  if (!NGINX_BIN) throw new Error('nginx is not installed (apt-get install nginx; .ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'portico-nginx-'));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), conf(dir, port, authPort, configId, locations));
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/`);
      return { url, close };
    } catch {
      if (i > 100 || child.exitCode !== null) {
        await close();
        throw new Error(`nginx did not start: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
