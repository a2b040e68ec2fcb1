// An update recompiles only the virtual hosts whose (frozen) config object is new; a mutable config is always
// compiled afresh, since it may have changed under the same reference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GatewayConfig, RouteConfig, VirtualHostConfig } from '../config/types.ts';
import { compileConfig, type CompileCache } from './compile.ts';

const route = (name: string, body: string): RouteConfig => ({
  name,
  routeTable: { name: 't', namespace: 'n' },
  routeIndex: 0,
  labels: {},
  matchers: [],
  action: { type: 'directResponse', status: 200, body },
  filterMetadata: {},
  extAuth: null,
  rateLimit: null,
});
const host = (name: string, body: string): VirtualHostConfig => ({ name, domains: [`${name}.test`], routes: [route(`${name}-r`, body)] });
const freeze = <T>(v: T): T => deepFreeze(v);
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}
const config = (revision: number, ...virtualHosts: VirtualHostConfig[]): GatewayConfig => ({ revision, virtualHosts });

describe('compile cache', () => {
  it('reuses the compiled routes of the same frozen virtual host and compiles a changed one', () => {
    const cache: CompileCache = new WeakMap();
    const a = freeze(host('a', 'one'));
    const b = freeze(host('b', 'two'));
    const first = compileConfig(config(1, a, b), cache).compiled;
    const b2 = freeze(host('b', 'three'));
    const second = compileConfig(config(2, a, b2), cache).compiled;
    assert.equal(second.hosts.lookup('a.test'), first.hosts.lookup('a.test'));
    assert.notEqual(second.hosts.lookup('b.test'), first.hosts.lookup('b.test'));
    const action = second.hosts.lookup('b.test')!.routes[0]!.action;
    assert.equal(action.type === 'directResponse' && action.body.toString(), 'three');
  });

  it('compiles a mutable virtual host on every update', () => {
    const cache: CompileCache = new WeakMap();
    const a = host('a', 'one');
    const first = compileConfig(config(1, a), cache).compiled;
    a.routes[0] = route('a-r', 'changed');
    const second = compileConfig(config(2, a), cache).compiled;
    assert.notEqual(second.hosts.lookup('a.test'), first.hosts.lookup('a.test'));
    const action = second.hosts.lookup('a.test')!.routes[0]!.action;
    assert.equal(action.type === 'directResponse' && action.body.toString(), 'changed');
  });

  it('a broken route in a reused virtual host is still reported on every update', () => {
    const cache: CompileCache = new WeakMap();
    const bad = freeze({ ...host('bad', ''), routes: [{ ...route('bad-r', ''), action: { type: 'forward', destinations: [], pathRewrite: null, regexRewrite: null, hostRewrite: null, autoHostRewrite: false, timeoutMs: null } }] } as VirtualHostConfig);
    assert.equal(compileConfig(config(1, bad), cache).issues.length, 1);
    assert.equal(compileConfig(config(2, bad), cache).issues.length, 1);
  });
});
