// The test browser other packages rely on: Host kept through resolve(), cookies per host with Path and expiry,
// Secure cookies only over https or loopback names, manual redirects with stopAt.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { CookieJar, ScriptedBrowser } from '@portico/idp/testing';

it('keeps the Host header, cookies and redirects like a browser', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/set') {
      res.writeHead(302, { location: '/next', 'set-cookie': ['s=1; Path=/; HttpOnly; Secure', 'only=2; Path=/sub', 'gone=3; Max-Age=0'] });
      return res.end();
    }
    res.end(JSON.stringify({ host: req.headers.host, cookie: req.headers.cookie ?? '', url: req.url }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    const browser = new ScriptedBrowser((u) => Object.assign(new URL(u), { hostname: '127.0.0.1', port: String(port) }));
    const followed = await browser.follow('http://portal.localhost:8080/set');
    assert.deepEqual(JSON.parse(await followed.response!.text()), { host: 'portal.localhost:8080', cookie: 's=1', url: '/next' });
    assert.equal(followed.hops.length, 2);
    const sub = await browser.fetch('http://portal.localhost:8080/sub/x');
    assert.equal(JSON.parse(await sub.text()).cookie, 's=1; only=2');
    const stopped = await new ScriptedBrowser().follow('http://portal.localhost:8080/set', { stopAt: (u) => u.hostname === 'portal.localhost' });
    assert.equal(stopped.response, undefined);
  } finally {
    server.close();
  }
});

it('sends Secure cookies only over https or to loopback names', () => {
  const jar = new CookieJar();
  jar.capture(new URL('http://example.com/'), ['s=1; Secure', 'p=2']);
  assert.equal(jar.header(new URL('http://example.com/')), 'p=2');
  assert.equal(jar.header(new URL('https://example.com/')), 's=1; p=2');
  jar.capture(new URL('http://app.localhost/'), ['s=1; Secure']);
  assert.equal(jar.header(new URL('http://app.localhost/')), 's=1');
  assert.equal(jar.header(new URL('http://other.example/')), undefined);
});
