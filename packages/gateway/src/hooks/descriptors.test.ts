import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestView } from '../router/request-view.ts';
import { compileDescriptors } from './descriptors.ts';

const req = (headers: Record<string, string>) => new RequestView('GET', '/', '', headers);
const inputs = { remoteAddress: '10.0.0.1', dynamicMetadata: { 'envoy.filters.http.ext_authz': { userId: 'u1' } }, routeMetadata: { ns: { tier: 'gold' } } };

describe('rate-limit descriptors', () => {
  it('builds one descriptor per rate limit from every action kind', () => {
    const build = compileDescriptors([
      [
        { type: 'requestHeaders', headerName: 'X-Plan', descriptorKey: 'plan', skipIfAbsent: false },
        { type: 'remoteAddress' },
        { type: 'genericKey', descriptorValue: 'v', descriptorKey: null },
        { type: 'headerValueMatch', descriptorValue: 'has-x', descriptorKey: null, expectMatch: true, headers: [{ name: 'x', value: null, regex: false, invertMatch: false }] },
        { type: 'metadata', descriptorKey: 'userId', metadataKey: { key: 'envoy.filters.http.ext_authz', path: [{ key: 'userId' }] }, defaultValue: null, source: 'DYNAMIC' },
        { type: 'metadata', descriptorKey: 'tier', metadataKey: { key: 'ns', path: [{ key: 'tier' }] }, defaultValue: null, source: 'ROUTE_ENTRY' },
      ],
    ]);
    assert.deepEqual(build(req({ 'x-plan': 'gold', x: '1' }), inputs), [
      [
        { key: 'plan', value: 'gold' },
        { key: 'remote_address', value: '10.0.0.1' },
        { key: 'generic_key', value: 'v' },
        { key: 'header_match', value: 'has-x' },
        { key: 'userId', value: 'u1' },
        { key: 'tier', value: 'gold' },
      ],
    ]);
  });

  it('a missing value drops the descriptor unless skipIfAbsent or a default value', () => {
    const build = compileDescriptors([
      [{ type: 'requestHeaders', headerName: 'x-a', descriptorKey: 'a', skipIfAbsent: false }],
      [
        { type: 'requestHeaders', headerName: 'x-a', descriptorKey: 'a', skipIfAbsent: true },
        { type: 'genericKey', descriptorValue: 'kept', descriptorKey: 'k' },
      ],
      [{ type: 'metadata', descriptorKey: 'plan', metadataKey: { key: 'none', path: [{ key: 'x' }] }, defaultValue: 'free', source: 'DYNAMIC' }],
      [{ type: 'metadata', descriptorKey: 'plan', metadataKey: { key: 'none', path: [{ key: 'x' }] }, defaultValue: null, source: 'DYNAMIC' }],
    ]);
    assert.deepEqual(build(req({}), inputs), [[{ key: 'k', value: 'kept' }], [{ key: 'plan', value: 'free' }]]);
  });
});
