// A route's fixed body lives as long as its compiled route, so it must own its memory: a Buffer cut from Node's
// shared pool would keep a whole 8 KiB slab alive per route — with 1,000 route-table changes under load that was
// ~60 MiB of pinned slabs in each gateway worker (docs/data-plane.md, "Memory of a gateway worker").
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { VirtualHostConfig } from '../config/types.ts';
import { compileConfig } from './compile.ts';

it('a directResponse body owns its bytes (no slice of the shared buffer pool)', () => {
  const vh: VirtualHostConfig = {
    name: 'a',
    domains: ['a.test'],
    routes: [{ name: 'r', routeTable: { name: 't', namespace: 'n' }, routeIndex: 0, labels: {}, matchers: [], action: { type: 'directResponse', status: 200, body: 'héllo' }, filterMetadata: {}, extAuth: null, rateLimit: null }],
  };
  const action = compileConfig({ revision: 1, virtualHosts: [vh] }).compiled.hosts.lookup('a.test')!.routes[0]!.action;
  assert.equal(action.type, 'directResponse');
  if (action.type !== 'directResponse') return;
  assert.equal(action.body.toString('utf8'), 'héllo');
  assert.equal(action.body.buffer.byteLength, action.body.byteLength, 'the body is not a view into a larger (pooled) ArrayBuffer');
});
