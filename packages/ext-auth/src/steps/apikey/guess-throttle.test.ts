// Issue 11 item 8: failed API-key guesses are throttled per client address. 200 guesses used to give 200 clean
// 401s; now the address is refused with 429 + Retry-After after `maxFailures` in a window, others are unaffected,
// and the window passing (injected clock) lets it in again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../../pipeline/deps.ts';
import { PorticoAuthService } from '../../service/auth-service.ts';
import type { CheckRequest, ResolvedAuthConfig } from '../../types.ts';
import { GuessThrottle } from './guess-throttle.ts';

function request(key: string, address: string): CheckRequest {
  return {
    attributes: {
      source: { address: { socket_address: { address, port_value: 40000 } } },
      request: { http: { method: 'GET', path: '/tracks', host: 'api.example.com', headers: { ':authority': 'api.example.com', 'api-key': key } } },
      context_extensions: { config_id: 'ns.keys' },
    },
  };
}

test('failed key guesses from one address → 429 after the limit; other addresses and the good key unaffected; window resets', async () => {
  let now = 1_000_000;
  const svc = new PorticoAuthService({ logger: silentLogger, rego: null, now: () => now, apiKeyGuessLimit: { maxFailures: 5, windowSeconds: 60 } });
  const cfg: ResolvedAuthConfig = {
    configId: 'ns.keys', state: 'ACCEPTED', fingerprint: 'f',
    spec: { configs: [{ kind: 'apiKeyAuth', name: 'keys', config: { validApiKeys: { 'good-key': { username: 'dev' } } } }], booleanExpr: null, failOnRedirect: false },
  };
  svc.update(new Map([['ns.keys', cfg]]));
  const statuses: number[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await svc.check(request(`guess-${i}`, '203.0.113.7'));
    assert.equal(r.allowed, false);
    if (!r.allowed) statuses.push(r.status);
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.ok(statuses.slice(5).every((s) => s === 429), 'every guess after the limit is throttled');
  const blocked = await svc.check(request('good-key', '203.0.113.7'));
  assert.ok(!blocked.allowed && blocked.status === 429 && blocked.headers.some(([k, v]) => k === 'retry-after' && Number(v) > 0 && Number(v) <= 60));
  assert.equal((await svc.check(request('good-key', '198.51.100.1'))).allowed, true, 'another address is not affected');
  now += 61_000;
  assert.equal((await svc.check(request('good-key', '203.0.113.7'))).allowed, true, 'the window passed');
  svc.close();
});

test('the throttle table is bounded: the oldest addresses are dropped first', () => {
  let now = 0;
  const t = new GuessThrottle({ maxFailures: 2, windowSeconds: 60, maxTracked: 3 }, () => now);
  for (const a of ['a', 'b', 'c', 'd']) {
    t.fail(a);
    t.fail(a);
  }
  assert.equal(t.blockedFor('a'), 0, 'a was evicted');
  assert.ok(t.blockedFor('d') > 0);
  assert.equal(t.size, 3);
});
