// Stitching an OpenAPI document to the routes that expose it: prefix rewrites re-based, exact routes expose one
// path, method matchers filter operations, regex rewrites expose nothing, unreachable paths are dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MatcherConfig, RouteConfig } from '@portico/gateway';
import { stitchSchema } from './stitch.ts';

const doc = {
  openapi: '3.0.3',
  servers: [{ url: 'http://upstream.internal' }],
  paths: {
    '/tracks': { get: { operationId: 'list' }, post: { operationId: 'create' } },
    '/tracks/{id}': { parameters: [{ name: 'id', in: 'path' }], get: { operationId: 'get' } },
    '/admin': { delete: { operationId: 'wipe' } },
  },
};

function route(matchers: Partial<MatcherConfig>[], pathRewrite: string | null, regexRewrite: { pattern: string; substitution: string } | null = null): RouteConfig {
  return {
    name: 'r', routeTable: { name: 't', namespace: 'n' }, routeIndex: 0, labels: {}, filterMetadata: {}, extAuth: null, rateLimit: null,
    matchers: matchers.map((m) => ({ uri: null, headers: [], queryParameters: [], method: null, ...m })),
    action: { type: 'forward', destinations: [], pathRewrite, regexRewrite, hostRewrite: null, autoHostRewrite: false, timeoutMs: null },
  };
}

test('prefix rewrite: /trackapi/ → / re-bases every reachable path; servers are dropped', () => {
  const s = stitchSchema(doc, [route([{ uri: { type: 'prefix', value: '/trackapi/', ignoreCase: false } }], '/')]);
  assert.deepEqual(Object.keys(s.paths as object).sort(), ['/trackapi/admin', '/trackapi/tracks', '/trackapi/tracks/{id}']);
  assert.equal(s.servers, undefined);
  assert.deepEqual((s.paths as any)['/trackapi/tracks/{id}'].parameters, [{ name: 'id', in: 'path' }]);
});

test('prefix without rewrite keeps only paths under the prefix; a method matcher keeps only that operation', () => {
  const s = stitchSchema(doc, [route([{ uri: { type: 'prefix', value: '/tracks', ignoreCase: false }, method: 'GET' }], null)]);
  assert.deepEqual(s.paths, { '/tracks': { get: { operationId: 'list' } }, '/tracks/{id}': { parameters: [{ name: 'id', in: 'path' }], get: { operationId: 'get' } } });
});

test('exact matcher with rewrite exposes the one rewritten path under the matcher path; regex rewrites expose nothing', () => {
  const exact = stitchSchema(doc, [route([{ uri: { type: 'exact', value: '/v1/all-tracks', ignoreCase: false } }], '/tracks')]);
  assert.deepEqual(Object.keys(exact.paths as object), ['/v1/all-tracks']);
  const regex = stitchSchema(doc, [route([{ uri: { type: 'prefix', value: '/x', ignoreCase: false } }], null, { pattern: '^/x(.*)', substitution: '\\1' })]);
  assert.deepEqual(regex.paths, {});
});

test('regex matcher without rewrite: templated paths tried with a sample segment', () => {
  const s = stitchSchema(doc, [route([{ uri: { type: 'regex', value: '/tracks/[^/]+', ignoreCase: false } }], null)]);
  assert.deepEqual(Object.keys(s.paths as object), ['/tracks/{id}']);
});
