// ext-auth's pino logger applies @portico/redact (issue 11 item 5): tokens in a logged path, credential headers
// and secrets never reach the log line.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { it } from 'node:test';
import { createAuthLogger } from '../src/observability/log.ts';

it('ext-auth\'s logger redacts credentials through @portico/redact', async () => {
  let written = '';
  const sink = new Writable({ write(c: Buffer, _e, cb) { written += c.toString(); cb(); } });
  const log = createAuthLogger(sink as unknown as Parameters<typeof createAuthLogger>[0]);
  log.info({ request: { path: '/p?access_token=tok-secret', headers: { 'x-api-key': 'key-secret' } } }, 'check');
  await new Promise((r) => setImmediate(r));
  assert.ok(written.includes('check'), written);
  assert.ok(!written.includes('tok-secret') && !written.includes('key-secret'), written);
});
