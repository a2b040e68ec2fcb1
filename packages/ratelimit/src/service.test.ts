// Envoy ratelimit-service semantics (gloo-api.md §5.2, §7 tests 56–57) on the in-memory store with an
// injected clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DescriptorConfig, RateLimitServiceConfig } from './config/types.ts';
import { LIMIT_OVERRIDE_KEY, SET_DESCRIPTOR_KEY } from './config/types.ts';
import { createRateLimitService } from './service.ts';
import { createMemoryCounterStore } from './stores/memory.ts';

const d = (key: string, value: string | null, rest: Partial<DescriptorConfig> = {}): DescriptorConfig => ({
  key, value, rateLimit: null, descriptors: [], weight: 0, alwaysApply: false, ...rest,
});
const perMinute = (n: number) => ({ unit: 'MINUTE' as const, requestsPerUnit: n });

function setup(config: RateLimitServiceConfig, start = Date.UTC(2026, 0, 1, 12, 0, 10)) {
  let now = start;
  const svc = createRateLimitService({ store: createMemoryCounterStore({ now: () => now }), config, now: () => now });
  return { svc, advance: (ms: number) => (now += ms) };
}

const usagePlans: RateLimitServiceConfig = {
  domains: {
    'ns.plans': {
      descriptors: [
        d('usagePlan', 'gold', { descriptors: [d('userId', null, { rateLimit: perMinute(5) })] }),
        d('usagePlan', 'bronze', { descriptors: [d('userId', null, { rateLimit: perMinute(1) })] }),
      ],
      setDescriptors: [],
    },
  },
};
const req = (plan: string, user: string) => [[{ key: 'usagePlan', value: plan }, { key: 'userId', value: user }]];

test('§7-56 usagePlan → userId tree: gold 5/min, 6th is OVER_LIMIT with seconds to the window end; buckets per user', async () => {
  const { svc, advance } = setup(usagePlans);
  for (let i = 0; i < 5; i++) assert.deepEqual(await svc.shouldRateLimit('ns.plans', req('gold', 'alice')), { code: 'OK' });
  assert.deepEqual(await svc.shouldRateLimit('ns.plans', req('gold', 'alice')), { code: 'OVER_LIMIT', retryAfterSeconds: 50 });
  assert.deepEqual(await svc.shouldRateLimit('ns.plans', req('gold', 'bob')), { code: 'OK' }, 'bob has his own bucket');
  assert.deepEqual(await svc.shouldRateLimit('ns.plans', req('bronze', 'carol')), { code: 'OK' });
  assert.equal((await svc.shouldRateLimit('ns.plans', req('bronze', 'carol'))).code, 'OVER_LIMIT');
  advance(50_000); // next fixed window
  assert.deepEqual(await svc.shouldRateLimit('ns.plans', req('gold', 'alice')), { code: 'OK' });
  assert.deepEqual(await svc.shouldRateLimit('ns.plans', req('bronze', 'carol')), { code: 'OK' });
});

test('unknown plan, partial or longer descriptors, unknown domain: not limited', async () => {
  const { svc } = setup(usagePlans);
  for (let i = 0; i < 3; i++) {
    assert.equal((await svc.shouldRateLimit('ns.plans', req('bronze-x', 'u'))).code, 'OK');
    assert.equal((await svc.shouldRateLimit('ns.plans', [[{ key: 'usagePlan', value: 'bronze' }]])).code, 'OK');
    assert.equal((await svc.shouldRateLimit('ns.plans', [[...req('bronze', 'u')[0]!, { key: 'x', value: 'y' }]])).code, 'OK');
    assert.equal((await svc.shouldRateLimit('other', req('bronze', 'u2'))).code, 'OK');
  }
});

test('most specific match wins: key+value beats key-only; a node without limit is allow-listed', async () => {
  const { svc } = setup({
    domains: {
      x: {
        descriptors: [
          d('path', null, { rateLimit: perMinute(1) }),
          d('path', '/vip', { rateLimit: perMinute(3) }),
          d('path', '/free'),
        ],
        setDescriptors: [],
      },
    },
  });
  const p = (v: string) => [[{ key: 'path', value: v }]];
  assert.equal((await svc.shouldRateLimit('x', p('/a'))).code, 'OK');
  assert.equal((await svc.shouldRateLimit('x', p('/a'))).code, 'OVER_LIMIT');
  assert.equal((await svc.shouldRateLimit('x', p('/b'))).code, 'OK', 'omitted value = a bucket per observed value');
  for (let i = 0; i < 3; i++) assert.equal((await svc.shouldRateLimit('x', p('/vip'))).code, 'OK');
  assert.equal((await svc.shouldRateLimit('x', p('/vip'))).code, 'OVER_LIMIT');
  for (let i = 0; i < 5; i++) assert.equal((await svc.shouldRateLimit('x', p('/free'))).code, 'OK');
});

test('§7-57 weight: only the highest-weight rules count; alwaysApply rules count regardless', async () => {
  const { svc } = setup({
    domains: {
      w: {
        descriptors: [
          d('a', null, { rateLimit: perMinute(1) }),
          d('b', null, { rateLimit: perMinute(2), weight: 1 }),
          d('c', null, { rateLimit: perMinute(1), alwaysApply: true }),
        ],
        setDescriptors: [],
      },
    },
  });
  const ab = [[{ key: 'a', value: '1' }], [{ key: 'b', value: '1' }]];
  assert.equal((await svc.shouldRateLimit('w', ab)).code, 'OK');
  assert.equal((await svc.shouldRateLimit('w', ab)).code, 'OK', 'a (weight 0) is ignored beside b (weight 1)');
  assert.equal((await svc.shouldRateLimit('w', ab)).code, 'OVER_LIMIT', 'b allows 2');
  const ac = [[{ key: 'b', value: '2' }], [{ key: 'c', value: '1' }]];
  assert.equal((await svc.shouldRateLimit('w', ac)).code, 'OK');
  assert.equal((await svc.shouldRateLimit('w', ac)).code, 'OVER_LIMIT', 'c applies although its weight is lower');
});

test('§7-57 setDescriptors: subset match in any order, most specific rule wins, alwaysApply adds', async () => {
  const set = (...e: [string, string][]) => [[{ key: SET_DESCRIPTOR_KEY, value: 'x' }, ...e.map(([key, value]) => ({ key, value }))]];
  const { svc } = setup({
    domains: {
      s: {
        descriptors: [d('usagePlan', 'gold', { rateLimit: perMinute(100) })],
        setDescriptors: [
          { simpleDescriptors: [{ key: 'usagePlan', value: 'gold' }], rateLimit: perMinute(10), weight: 0, alwaysApply: false },
          {
            simpleDescriptors: [{ key: 'userId', value: null }, { key: 'usagePlan', value: 'gold' }],
            rateLimit: perMinute(2), weight: 0, alwaysApply: false,
          },
          { simpleDescriptors: [{ key: 'region', value: 'eu' }], rateLimit: perMinute(3), weight: 0, alwaysApply: true },
        ],
      },
    },
  });
  // Extra entries (method) do not prevent a match; order does not matter.
  const r = set(['method', 'GET'], ['usagePlan', 'gold'], ['userId', 'u1']);
  assert.equal((await svc.shouldRateLimit('s', r)).code, 'OK');
  assert.equal((await svc.shouldRateLimit('s', r)).code, 'OK');
  assert.equal((await svc.shouldRateLimit('s', r)).code, 'OVER_LIMIT', 'the 2-entry rule (2/min) is more specific than the 10/min one');
  assert.equal((await svc.shouldRateLimit('s', set(['userId', 'u2'], ['usagePlan', 'gold']))).code, 'OK', 'bucket per userId');
  const eu = set(['region', 'eu'], ['usagePlan', 'gold']);
  for (let i = 0; i < 3; i++) assert.equal((await svc.shouldRateLimit('s', eu)).code, 'OK');
  assert.equal((await svc.shouldRateLimit('s', eu)).code, 'OVER_LIMIT', 'alwaysApply region rule (3/min) applies beside the plan rule');
  // Set-style descriptors never reach tree rules and vice versa.
  for (let i = 0; i < 12; i++) assert.equal((await svc.shouldRateLimit('s', [[{ key: 'usagePlan', value: 'gold' }]])).code, 'OK');
});

test('invalid config is refused with RL_CONFIG_INVALID naming the field; the previous config stays', async () => {
  const { svc } = setup(usagePlans);
  const bad = svc.update({
    domains: { y: { descriptors: [d('k', null, { rateLimit: { unit: 'UNKNOWN' as 'DAY', requestsPerUnit: 1 } })], setDescriptors: [] } },
  });
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.code === 'RL_CONFIG_INVALID' && bad.message.includes('y.descriptors[0].rateLimit.unit'));
  const dup = svc.update({ domains: { y: { descriptors: [d('k', 'v'), d('k', 'v')], setDescriptors: [] } } });
  assert.ok(!dup.ok && dup.message.includes('duplicate'));
  assert.equal((await svc.shouldRateLimit('ns.plans', req('bronze', 'z'))).code, 'OK');
  assert.equal((await svc.shouldRateLimit('ns.plans', req('bronze', 'z'))).code, 'OVER_LIMIT');
});

test('limit override (Envoy RateLimit.Override.DynamicMetadata): the request\'s own limit replaces the configured one, per bucket, even on an unconfigured domain', async () => {
  const { svc, advance } = setup(usagePlans);
  const app = (id: string, limit: string) => [[{ key: LIMIT_OVERRIDE_KEY, value: limit }, { key: 'appId', value: id }, { key: 'apiProductId', value: 'tracks' }]];
  for (let i = 0; i < 3; i++) assert.equal((await svc.shouldRateLimit('ns.plans', app('a1', '3/MINUTE'))).code, 'OK');
  assert.deepEqual(await svc.shouldRateLimit('ns.plans', app('a1', '3/MINUTE')), { code: 'OVER_LIMIT', retryAfterSeconds: 50 });
  assert.equal((await svc.shouldRateLimit('ns.plans', app('a2', '3/MINUTE'))).code, 'OK', 'another app has its own bucket');
  assert.equal((await svc.shouldRateLimit('ns.plans', app('a1', '10/MINUTE'))).code, 'OK', 'a raised limit counts afresh');
  assert.equal((await svc.shouldRateLimit('unconfigured', app('a3', '1/DAY'))).code, 'OK');
  assert.equal((await svc.shouldRateLimit('unconfigured', app('a3', '1/DAY'))).code, 'OVER_LIMIT');
  assert.equal((await svc.shouldRateLimit('ns.plans', app('a4', '1/FORTNIGHT'))).code, 'OK', 'an unknown unit sets no limit');
  assert.equal((await svc.shouldRateLimit('ns.plans', app('a4', '1/FORTNIGHT'))).code, 'OK');
  advance(60_000);
  assert.equal((await svc.shouldRateLimit('ns.plans', app('a1', '3/MINUTE'))).code, 'OK', 'next window');
});
