import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { createUiHandler } from '../server/index.ts';

test('serves built files, falls back to index.html for app routes, and leaves /v1 to the API', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'portico-ui-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'portico-outside.txt'), 'secret');
  const handle = createUiHandler(root);
  const server = createServer((req, res) => {
    if (!handle(req, res)) {
      res.writeHead(418).end('api');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const js = await fetch(`${base}/assets/app.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.match(js.headers.get('cache-control') ?? '', /immutable/);

  const route = await fetch(`${base}/products/tracks`, { headers: { accept: 'text/html' } });
  assert.equal(route.status, 200);
  assert.match(await route.text(), /<title>app<\/title>/);

  assert.equal((await fetch(`${base}/v1/apis`)).status, 418);
  assert.equal((await fetch(`${base}/..%2fportico-outside.txt`)).status, 418);
  assert.equal((await fetch(`${base}/missing.js`, { headers: { accept: '*/*' } })).status, 418);
});
