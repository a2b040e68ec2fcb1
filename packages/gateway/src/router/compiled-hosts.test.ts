// The host table patched per update (compiled-hosts.ts) must always serve what compiling the whole config serves
// (compileConfig): checked over generated sequences of updates (fast-check) — hosts added, changed, removed and reordered,
// domains shared by several hosts, wildcards and catch-alls, mutable hosts, one object listed twice, broken routes —
// and it must keep the compiled objects of the hosts that did not change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { GatewayConfig, RouteConfig, VirtualHostConfig } from '../config/types.ts';
import { compileConfig, type CompiledConfig } from './compile.ts';
import { CompiledHosts } from './compiled-hosts.ts';

const route = (name: string, body: string, broken = false): RouteConfig => ({
  name,
  routeTable: { name: 't', namespace: 'n' },
  routeIndex: 0,
  labels: {},
  matchers: [],
  action: broken
    ? { type: 'forward', destinations: [], pathRewrite: null, regexRewrite: null, hostRewrite: null, autoHostRewrite: false, timeoutMs: null }
    : body.startsWith('http')
      ? { type: 'forward', destinations: [{ name: 'd', origin: body, host: '', weight: 1 }], pathRewrite: null, regexRewrite: null, hostRewrite: null, autoHostRewrite: false, timeoutMs: null }
      : { type: 'directResponse', status: 200, body },
  filterMetadata: {},
  extAuth: null,
  rateLimit: null,
} as RouteConfig);

const DOMAINS = ['a.test', 'B.test', 'b.test', 'c.test:8080', '*.w.test', '*', 'd.test', 'e.test'];
const PROBES = ['a.test', 'b.test', 'B.TEST', 'c.test:8080', 'c.test', 'x.w.test', 'w.test', 'd.test:1', 'e.test', 'nothing.test', ''];

/** What a lookup serves, comparable across two compiles: the host's name and its routes' names and actions. */
function served(c: CompiledConfig): unknown[] {
  return PROBES.map((p) => {
    const vh = c.hosts.lookup(p);
    return vh === null ? null : { name: vh.name, routes: vh.routes.map((r) => `${r.name}:${r.action.type === 'directResponse' ? r.action.body.toString() : r.action.type}`) };
  });
}

interface HostSpec {
  domains: string[];
  action: string;
  origin: number;
  frozen: boolean;
}

describe('compiled hosts, patched per update', () => {
  it('serves what a whole compile serves, whatever the sequence of updates (fast-check, seeded)', () => {
    const hostSpec = fc.record({
      domains: fc.array(fc.constantFrom(...DOMAINS), { minLength: 1, maxLength: 2 }),
      action: fc.constantFrom('body', 'body', 'body', 'forward', 'broken'),
      origin: fc.integer({ min: 1, max: 3 }),
      frozen: fc.constantFrom(true, true, true, true, true, true, true, true, true, false),
    });
    const step = fc.oneof(
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), host: hostSpec }),
      fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('replace' as const), at: fc.nat(), host: hostSpec }),
      fc.record({ op: fc.constantFrom('reverse' as const, 'repeat' as const, 'dedupe' as const, 'same' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
        let serial = 0;
        const makeHost = (spec: HostSpec): VirtualHostConfig => {
          const n = serial++;
          const body = spec.action === 'forward' ? `http://127.0.0.${spec.origin}:80` : `body${n}`;
          const vh: VirtualHostConfig = { name: `h${n}`, domains: spec.domains, routes: [route(`h${n}-r`, body, spec.action === 'broken')] };
          return spec.frozen ? Object.freeze(vh) : vh;
        };
        const patched = new CompiledHosts(new WeakMap());
        let hosts: VirtualHostConfig[] = [];
        steps.forEach((s, i) => {
          const at = hosts.length === 0 ? 0 : s.at % hosts.length;
          if (s.op === 'insert' || hosts.length === 0) hosts.splice(s.at % (hosts.length + 1), 0, makeHost('host' in s ? s.host : { domains: ['a.test'], action: 'body', origin: 1, frozen: true }));
          else if (s.op === 'remove') hosts.splice(at, 1);
          else if (s.op === 'replace') hosts[at] = makeHost(s.host);
          else if (s.op === 'reverse') hosts.reverse();
          else if (s.op === 'repeat') hosts.push(hosts[at]!);
          else if (s.op === 'dedupe') hosts = [...new Set(hosts)];
          const config: GatewayConfig = { revision: i, virtualHosts: hosts.slice() };
          const whole = compileConfig(config);
          const got = patched.update(config);
          assert.deepEqual(served(got.compiled), served(whole.compiled), `step ${i}`);
          assert.deepEqual([...got.compiled.origins].sort(), [...whole.compiled.origins].sort(), `step ${i}: origins`);
          assert.deepEqual(got.issues.map((x) => x.message), whole.issues.map((x) => x.message), `step ${i}: issues`);
        });
      }),
      { seed: 4242, numRuns: 150 },
    );
  });

  it('keeps the compiled host of every virtual host that did not change, and patches only what did', () => {
    const host = (name: string, body: string) => Object.freeze({ name, domains: [`${name}.test`], routes: [route(`${name}-r`, body)] }) as VirtualHostConfig;
    const patched = new CompiledHosts(new WeakMap());
    const hosts = Array.from({ length: 100 }, (_, i) => host(`h${i}`, 'one'));
    const first = patched.update({ revision: 1, virtualHosts: hosts }).compiled;
    const kept = first.hosts.lookup('h5.test');
    const changed = hosts.slice();
    changed[7] = host('h7', 'two');
    changed.push(host('h100', 'new'));
    const second = patched.update({ revision: 2, virtualHosts: changed }).compiled;
    assert.equal(second.hosts.lookup('h5.test'), kept);
    const action = second.hosts.lookup('h7.test')!.routes[0]!.action;
    assert.equal(action.type === 'directResponse' && action.body.toString(), 'two');
    assert.equal(second.hosts.lookup('h100.test')!.name, 'h100');
    patched.update({ revision: 3, virtualHosts: changed.filter((vh) => vh.name !== 'h100') });
    assert.equal(second.hosts.lookup('h100.test'), null, 'the table is patched in place');
  });
});
