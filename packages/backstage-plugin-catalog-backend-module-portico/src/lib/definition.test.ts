import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDefinition, placeholderDefinition } from './definition.ts';

const input = (schema: unknown) => ({ schema, title: 'T', apiVersion: 'v1', description: 'd' });

describe('buildDefinition', () => {
  it('resolves internal $refs and returns a string', async () => {
    const r = await buildDefinition(input({ openapi: '3.0.0', paths: { '/a': { $ref: '#/components/x' } }, components: { x: { get: {} } } }));
    assert.ok(r.ok);
    assert.deepEqual(JSON.parse(r.value).paths, { '/a': { get: {} } });
  });

  it('never follows file or http refs from a served document', async () => {
    const r = await buildDefinition(input({ paths: { a: { $ref: '/etc/passwd' }, b: { $ref: 'http://127.0.0.1:1/x.json' } } }));
    assert.ok(r.ok);
    assert.deepEqual(JSON.parse(r.value).paths, { a: { $ref: '/etc/passwd' }, b: { $ref: 'http://127.0.0.1:1/x.json' } });
  });

  it('keeps circular refs as $ref instead of failing', async () => {
    const r = await buildDefinition(input({ components: { schemas: { N: { properties: { next: { $ref: '#/components/schemas/N' } } } } } }));
    assert.ok(r.ok && r.value.includes('#/components/schemas/N'));
  });

  it('parses a JSON string document and uses a placeholder for an empty one', async () => {
    const r = await buildDefinition(input('{"openapi":"3.0.0","paths":{}}'));
    assert.ok(r.ok);
    assert.deepEqual(JSON.parse(r.value), { openapi: '3.0.0', paths: {} });
    assert.deepEqual(await buildDefinition(input('  ')), { ok: true, value: placeholderDefinition(input(undefined)) });
  });
});
