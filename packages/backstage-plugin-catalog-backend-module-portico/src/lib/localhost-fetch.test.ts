import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { isLocalhostName, portalFetch } from './localhost-fetch.ts';

describe('portalFetch', () => {
  it('reaches *.localhost on loopback and keeps the Host header the portal server selects by', async () => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ host: req.headers.host, auth: req.headers.authorization }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const res = await portalFetch(`http://portal.localhost:${port}/v1/apis`, { headers: { authorization: 'Bearer x' } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { host: `portal.localhost:${port}`, auth: 'Bearer x' });
      const direct = await portalFetch(`http://127.0.0.1:${port}/`);
      assert.deepEqual(await direct.json(), { host: `127.0.0.1:${port}` });
    } finally {
      server.close();
    }
  });

  it('fails like fetch when nothing listens', async () => {
    await assert.rejects(portalFetch('http://portal.localhost:1/v1/apis'), { name: 'TypeError', message: 'fetch failed' });
    assert.equal(isLocalhostName('http://localhost:9000/token'), false);
  });
});
