// startPortalServer({ uiDir }) — what `portico up` runs: a built web app (here a small stand-in directory; the
// real app is tested in packages/portal-ui) for non-/v1 GETs on a Portal's domains, the API unchanged beside it,
// and the same JSON errors for unknown hosts and unknown /v1 paths.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSqliteApiKeyStore } from '@portico/apikeys';
import { startPortalServer } from '@portico/portal-server';

function get(url: string, host: string, method = 'GET', accept = 'text/html'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { host, accept } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a uiDir is served on portal domains only, beside the /v1 API; a directory without index.html is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-ui-server-'));
  const uiDir = join(dir, 'dist');
  await mkdir(join(uiDir, 'assets'), { recursive: true });
  await writeFile(join(uiDir, 'index.html'), '<!doctype html><title>Portico developer portal</title><div id="root"></div><script type="module" src="/assets/app-1.js"></script>');
  await writeFile(join(uiDir, 'assets', 'app-1.js'), 'console.log("app");');
  const keys = createSqliteApiKeyStore({ path: join(dir, 'apikeys.db') });
  await assert.rejects(startPortalServer({ port: 0, uiDir: join(dir, 'nothing'), keys, auth: null }), /uiDir: .*has no index\.html/);
  const portal = await startPortalServer({
    port: 0,
    uiDir,
    keys,
    auth: null,
    config: { portals: [{ name: 'p', namespace: 'ns', domains: ['portal.test'], public: true, apis: [], usagePlans: [], groups: [] }] },
  });
  t.after(async () => {
    await portal.close();
    await keys.close();
    await rm(dir, { recursive: true, force: true });
  });

  const home = await get(`${portal.url}/`, 'portal.test');
  assert.equal(home.status, 200);
  assert.match(home.type, /text\/html/);
  assert.match(home.body, /<title>Portico developer portal<\/title>/);
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.body)?.[1];
  assert.ok(script, 'index.html references the app bundle');
  const js = await get(`${portal.url}${script}`, 'portal.test', 'GET', '*/*');
  assert.equal(js.status, 200);
  assert.match(js.type, /javascript/);

  // Client-side routes get index.html; HEAD answers without a body.
  assert.match((await get(`${portal.url}/products/tracks?version=v1`, 'portal.test')).body, /<div id="root">/);
  const head = await get(`${portal.url}/keys`, 'portal.test', 'HEAD');
  assert.deepEqual([head.status, head.body], [200, '']);

  // The API is unchanged; unknown /v1 paths and unknown hosts keep their JSON errors.
  assert.equal((await get(`${portal.url}/v1/apis`, 'portal.test', 'GET', 'application/json')).body, '[]');
  const unknownApi = await get(`${portal.url}/v1/nothing`, 'portal.test');
  assert.equal(unknownApi.status, 404);
  assert.equal(JSON.parse(unknownApi.body).code, 'PORTAL_UNKNOWN_ID');
  const otherHost = await get(`${portal.url}/`, 'elsewhere.test');
  assert.deepEqual([otherHost.status, JSON.parse(otherHost.body)], [404, { message: 'portal config not found for host: elsewhere.test', code: 'PORTAL_NOT_FOUND' }]);
  const missingAsset = await get(`${portal.url}/assets/missing.js`, 'portal.test', 'GET', '*/*');
  assert.equal(missingAsset.status, 404);
  assert.equal(JSON.parse(missingAsset.body).code, 'PORTAL_UNKNOWN_ID');
});
