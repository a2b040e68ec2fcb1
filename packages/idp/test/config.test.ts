// Config validation names the offending field; the quickstart config file loads; password hashes verify.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { hashPassword, loadIdpConfigFile, startIdp, validateIdpConfig, verifyPassword } from '@portico/idp';

const quickstart = fileURLToPath(new URL('../../../examples/quickstart/idp.yaml', import.meta.url));

describe('idp config', () => {
  it('loads the quickstart config with its development client and user', async () => {
    const result = await loadIdpConfigFile(quickstart);
    assert.ok(result.ok, result.ok ? '' : result.message);
    const ids = result.value.clients.map((c) => c.clientId);
    assert.ok(ids.includes('quickstart-client') && ids.includes('portal-client') && ids.includes('backstage'));
    const user = result.value.users.find((u) => u.email === 'developer@example.com');
    assert.ok(user?.passwordHash && (await verifyPassword('portico', user.passwordHash)));
    assert.equal(await verifyPassword('wrong', user.passwordHash), false);
  });

  it('names the field that is wrong', () => {
    const r1 = validateIdpConfig({ clients: [{ clientId: 'web', grantTypes: ['authorization_code'] }] });
    assert.equal(r1.ok, false);
    assert.ok(!r1.ok && r1.code === 'IDP_CONFIG_INVALID' && r1.message.includes('clients.0.redirectUris'), !r1.ok ? r1.message : '');
    const r2 = validateIdpConfig({ users: [{ email: 'not-an-email', name: 'x', password: 'p' }] });
    assert.ok(!r2.ok && r2.message.includes('users.0.email'));
    const r3 = validateIdpConfig({ clients: [{ clientId: 'm', grantTypes: ['client_credentials'] }] });
    assert.ok(!r3.ok && r3.message.includes('clients.0.clientSecret'));
    const r4 = validateIdpConfig({ users: [{ email: 'a@b.c', name: 'x' }] });
    assert.ok(!r4.ok && r4.message.includes('password'));
  });

  it('refuses to start on an invalid config or missing file', async () => {
    await assert.rejects(startIdp({ port: 0, config: { audience: 'not a url' } }),
      (err: { code?: string; message: string }) => err.code === 'IDP_CONFIG_INVALID' && err.message.includes('audience'));
    await assert.rejects(startIdp({ port: 0, config: '/nonexistent/idp.yaml' }),
      (err: { code?: string }) => err.code === 'IDP_CONFIG_READ');
  });

  it('hashes with a fresh salt each time and rejects malformed hashes', async () => {
    const a = await hashPassword('secret');
    const b = await hashPassword('secret');
    assert.notEqual(a, b);
    assert.ok(await verifyPassword('secret', a));
    assert.equal(await verifyPassword('secret', 'scrypt$3$8$1$abc$def'), false);
  });
});
