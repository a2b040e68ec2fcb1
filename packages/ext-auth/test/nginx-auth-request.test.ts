// Debian's nginx with `auth_request` against Portico's HTTP ext_authz mode, proxying to the demo upstreams:
// the seed's 403/200 (issue 4 requirement 4). nginx runs in the foreground as a child of this test, from a
// temp-dir config on ports picked here, and is killed at the end. (.ci/run installs nginx when missing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '@portico/demo';
import { startHttpExtAuthServer } from '../src/transport/http/server.ts';
import { accessClaims } from './helpers/tokens.ts';
import { seedService, SEED_CONFIG_ID } from './helpers/seed-service.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

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

function nginxConf(dir: string, port: number, auth: number, petstore: number, tracks: number): string {
  const authz = (product: string) => `
      auth_request /_authz_${product};`;
  const check = (product: string) => `
    location = /_authz_${product} {
      internal;
      proxy_pass http://authsvc/check;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Original-Method $request_method;
      proxy_set_header X-Portico-Config-Id ${SEED_CONFIG_ID};
      proxy_set_header X-Portico-Filter-Metadata '{"io.solo.gloo.apimanagement":{"api_product_id":"${product}"}}';
    }`;
  return `
daemon off;
master_process off;
worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream authsvc { server 127.0.0.1:${auth}; keepalive 8; }
  server {
    listen 127.0.0.1:${port};
    location /trackapi/ {${authz('tracks')}
      proxy_pass http://127.0.0.1:${tracks}/;
    }
    location /petstore/ {${authz('petstore')}
      proxy_pass http://127.0.0.1:${petstore}/;
    }${check('tracks')}${check('petstore')}
  }
}
`;
}

test('nginx auth_request → Portico HTTP mode: the seed 403/200', { skip: NGINX ? false : 'nginx not installed (.ci/run installs it)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-nginx-'));
  const demo = await startDemo({ petstorePort: 0, tracksPort: 0 });
  const { svc, issuer } = await seedService();
  const auth = await startHttpExtAuthServer(svc);
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, auth.port, demo.petstore.port, demo.tracks.port));
  const nginx = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr.on('data', (d) => (stderr += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        await fetch(`${base}/trackapi/tracks`);
        break;
      } catch {
        if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const both = { authorization: `Bearer ${await issuer.sign(accessClaims('tracks petstore'))}` };
    const onlyTracks = { authorization: `Bearer ${await issuer.sign(accessClaims('tracks'))}` };
    assert.equal((await fetch(`${base}/trackapi/tracks`)).status, 403, 'no token');
    const tracks = await fetch(`${base}/trackapi/tracks`, { headers: both });
    assert.equal(tracks.status, 200);
    const list = (await tracks.json()) as { id: string; topic: string }[];
    assert.equal(list[0].id, 'c_0');
    const pet = await fetch(`${base}/petstore/pet/1`, { headers: both });
    assert.equal(pet.status, 200);
    assert.equal(((await pet.json()) as { name: string }).name, 'Barky');
    assert.equal((await fetch(`${base}/petstore/pet/1`, { headers: onlyTracks })).status, 403);
    assert.equal((await fetch(`${base}/trackapi/tracks`, { headers: onlyTracks })).status, 200);
  } finally {
    nginx.kill('SIGTERM');
    await new Promise((r) => (nginx.exitCode !== null ? r(null) : nginx.once('exit', r)));
    await auth.close();
    svc.close();
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
