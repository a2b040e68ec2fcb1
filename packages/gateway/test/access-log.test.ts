// The access log written through an AccessLogWriter (hand-serialised lines) carries exactly the fields of the
// record `logger.info` receives otherwise — same request, two gateways, one line each, compared field by field.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { after, before, describe, it } from 'node:test';
import { bytesWriter, createGateway, type Gateway } from '@portico/gateway';
import { config, dest, forward, prefix, route } from './support/config.ts';
import { startEcho, type Upstream } from './support/echo-upstream.ts';
import { send } from './support/http-client.ts';
import { memoryLogger, waitForLog } from './support/logs.ts';

const H = 'api.example.com';
const apiMeta = { 'io.solo.gloo.apimanagement': { api_id: 'tracks-v1', api_product_id: 'tracks', api_product_name: 'Tracks "quoted"', custom_metadata: '{"a":"b"}' } };

describe('access log through an AccessLogWriter', () => {
  let up: Upstream;
  let viaLogger: Gateway;
  let viaWriter: Gateway;
  const log = memoryLogger();
  const written: string[] = [];

  before(async () => {
    up = await startEcho('up');
    const cfg = config([route('api', [prefix('/api')], forward([dest(up.url, 1, 'tracks-svc')]), { filterMetadata: apiMeta }), route('other', [prefix('/other')], forward([dest(up.url)]))]);
    viaLogger = await createGateway({ listen: { port: 0 }, trustedProxies: ['127.0.0.1'], logger: log.logger });
    viaWriter = await createGateway({ listen: { port: 0 }, trustedProxies: ['127.0.0.1'], logger: memoryLogger().logger, accessLog: { write: (line) => void written.push(line) } });
    viaLogger.update(cfg);
    viaWriter.update(cfg);
  });
  after(async () => {
    await viaLogger.close();
    await viaWriter.close();
    await up.close();
  });

  for (const path of ['/api/x?q=1', '/nowhere', '/other/\u00e9']) {
    it(`same fields as the logger path for ${path}`, async () => {
      const headers = { 'x-request-id': `rid-${path}`, 'user-agent': 'ua "quoted" \\ back' };
      const a = await send(viaLogger.url, encodeURI(path), { host: H, headers });
      const b = await send(viaWriter.url, encodeURI(path), { host: H, headers });
      assert.equal(a.status, b.status);
      const expected = await waitForLog(log.lines, (l) => l.request_id === `rid-${path}`);
      let line: string | undefined;
      for (let i = 0; i < 200 && line === undefined; i++) {
        line = written.find((l) => l.includes(`"rid-${path}"`));
        if (line === undefined) await new Promise((r) => setTimeout(r, 5));
      }
      assert.ok(line !== undefined, 'line written');
      assert.ok(line.endsWith('}\n') && line.indexOf('\n') === line.length - 1, 'one JSON line');
      const got = JSON.parse(line) as Record<string, unknown>;
      assert.deepEqual(Object.keys(got), Object.keys(expected), 'same fields in the same order');
      assert.equal(got.hostname, hostname());
      for (const k of Object.keys(expected)) {
        if (k === 'time' || k === 'duration') assert.equal(typeof got[k], 'number', k);
        else assert.deepEqual(got[k], expected[k], k);
      }
    });
  }
});

describe('bytesWriter over sonic-boom in buffer mode', () => {
  it('writes every line, in order, byte for byte (non-ASCII included)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-access-log-'));
    try {
      const file = join(dir, 'access.log');
      const sink = pino.destination({ dest: file, sync: false, minLength: 4096, contentMode: 'buffer' });
      await new Promise((r) => sink.once('ready', r));
      const writer = bytesWriter(sink);
      const lines = Array.from({ length: 500 }, (_, i) => `{"i":${i},"path":"/caf\u00e9/\u{1f600}/${'x'.repeat(i % 97)}"}\n`);
      for (const l of lines) writer.write(l);
      // end() writes everything pending after the write in flight, then closes (flushSync would not wait for that
      // write, and the last lines could land before it).
      await new Promise((r) => {
        sink.once('close', r);
        sink.end();
      });
      assert.equal(readFileSync(file, 'utf8'), lines.join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
