import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidEntityName, sanitizeEntityName, sanitizeTag } from './names.ts';

describe('Backstage name rules', () => {
  it('keeps valid names and lower-cases', () => {
    assert.equal(sanitizeEntityName('petstore-v1'), 'petstore-v1');
    assert.equal(sanitizeEntityName('PetStore-V1.2_beta'), 'petstore-v1.2_beta');
  });

  it('replaces invalid characters and never leaves a separator at either end', () => {
    assert.equal(sanitizeEntityName('Pet Store!-v1 '), 'pet-store-v1');
    assert.equal(sanitizeEntityName('--tracks/api--v2..'), 'tracks-api-v2');
    assert.equal(sanitizeEntityName('ünïcødé-v1'), 'n-c-d-v1');
  });

  it('cuts to 63 characters without ending on a separator', () => {
    const name = sanitizeEntityName(`${'a'.repeat(62)}-b`);
    assert.equal(name, 'a'.repeat(62));
    assert.ok(isValidEntityName(name));
    assert.equal(sanitizeEntityName(`${'x'.repeat(100)}`).length, 63);
  });

  it('gives an empty name when nothing usable is left', () => {
    assert.equal(sanitizeEntityName('!!!'), '');
    assert.equal(sanitizeEntityName(''), '');
  });

  it('sanitises tags to ^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$', () => {
    assert.equal(sanitizeTag('api-version:V1.0'), 'api-version:v1-0');
    assert.equal(sanitizeTag(' v1 '), 'v1');
    assert.equal(sanitizeTag('__'), '');
  });
});
