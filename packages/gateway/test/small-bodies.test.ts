// Small upstream bodies of known length are sent together with the response head (forward.ts holds them and
// writes head + body in one call, as a latin1 string). Every byte value must arrive unchanged.
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createGateway, type Gateway } from '@portico/gateway';
import { config, dest, forward, route } from './support/config.ts';
import { memoryLogger } from './support/logs.ts';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const UTF8 = Buffer.from('héllo wörld 日本 😀', 'utf8');

function get(url: string, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, headers: { host: 'api.example.com' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('small upstream bodies', () => {
  let up: Server;
  let gw: Gateway;

  before(async () => {
    up = createServer((req, res) => {
      const body = req.url === '/bytes' ? ALL_BYTES : req.url === '/utf8' ? UTF8 : Buffer.concat(Array.from({ length: 65 }, () => ALL_BYTES));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
      // Two chunks, so the gateway joins what it held back.
      res.write(body.subarray(0, 100));
      res.end(body.subarray(100));
    });
    await new Promise<void>((r) => up.listen(0, '127.0.0.1', r));
    gw = await createGateway({ listen: { port: 0 }, logger: memoryLogger().logger });
    gw.update(config([route('all', [], forward([dest(`http://127.0.0.1:${(up.address() as AddressInfo).port}`)]))]));
  });
  after(async () => {
    await gw.close();
    await new Promise<void>((r) => up.close(() => r()));
  });

  it('every byte value 0–255 arrives unchanged', async () => {
    const r = await get(gw.url, '/bytes');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, ALL_BYTES);
  });

  it('multi-byte UTF-8 arrives unchanged', async () => {
    const r = await get(gw.url, '/utf8');
    assert.deepEqual(r.body, UTF8);
  });

  it('a body above the held size (16 KiB) streams unchanged', async () => {
    const r = await get(gw.url, '/big');
    assert.equal(r.body.length, 256 * 65);
    assert.deepEqual(r.body, Buffer.concat(Array.from({ length: 65 }, () => ALL_BYTES)));
  });
});
