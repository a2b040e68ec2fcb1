import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import type { AccessLogRecord } from './access-log.ts';
import { jsonString, recordLine } from './access-log-line.ts';

const base: AccessLogRecord = {
  request_id: 'r-1', method: 'GET', path: '/a?b=1', authority: 'api.example.com', protocol: 'HTTP/1.1', status: 200,
  duration: 1.234, response_flags: '-', route_name: 'r', upstream: 'up', api_id: null, api_product_id: 'p',
  api_product_name: null, custom_metadata: '{"k":"v"}', user_id: 'alice', usage_plan: null, remote_address: '127.0.0.1', user_agent: null,
};

describe('access-log line', () => {
  it('is the record as JSON, field for field, with pino\'s level/time/pid/hostname prefix and one newline', () => {
    const line = recordLine(base, 1700000000000);
    assert.ok(line.endsWith('}\n'));
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.equal(line, JSON.stringify({ level: 30, time: 1700000000000, pid: process.pid, hostname: hostname(), ...base }) + '\n');
  });

  it('escapes quotes, backslashes, control characters and lone surrogates as JSON.stringify does', () => {
    for (const s of ['plain', 'q"uote', 'back\\slash', 'tab\tnew\nline', '\u0000\u001f\u007f', 'é ü 日本', '😀', 'lone \ud800 high', 'lone \udc00 low', '']) {
      assert.equal(jsonString(s), JSON.stringify(s), s);
      const r = { ...base, path: s, user_agent: s };
      assert.deepEqual(JSON.parse(recordLine(r, 1)), { level: 30, time: 1, pid: process.pid, hostname: hostname(), ...r });
    }
  });
});
