// The IdP being unreachable: before the first discovery every request fails closed with a clear code (logout still
// clears the session); after it, existing sessions keep working while the IdP is down.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ScriptedBrowser } from '@portico/idp/testing';
import { AFTER_LOGOUT, APP, authService, check, header, loginAtIdp, oidcConfig, startTestIdp } from './harness.ts';

it('fails closed while the IdP was never reachable; logout still works', async () => {
  const svc = authService(oidcConfig({ issuer: 'http://127.0.0.1:1' }));
  const browser = new ScriptedBrowser();
  for (let i = 0; i < 2; i++) {
    const res = await check(svc, browser, `${APP}/private`);
    assert.ok(!res.allowed);
    assert.equal(res.status, 403);
    assert.match(res.reason, /AUTH_OIDC_DISCOVERY_FAILED/);
  }
  const out = await check(svc, browser, `${APP}/logout`);
  assert.ok(!out.allowed && out.status === 302);
  assert.equal(header(out, 'location'), AFTER_LOGOUT);
  svc.update(new Map());
});

it('keeps serving existing sessions when the IdP goes down after login', async () => {
  const { idp, stop } = await startTestIdp();
  let stopped = false;
  try {
    const svc = authService(oidcConfig(idp));
    const browser = new ScriptedBrowser();
    const start = await check(svc, browser, `${APP}/private`);
    await check(svc, browser, (await loginAtIdp(browser, header(start, 'location')!)).href);
    await stop();
    stopped = true;
    const res = await check(svc, browser, `${APP}/private`);
    assert.ok(res.allowed, res.allowed ? '' : res.reason);
    const anonymous = await check(svc, new ScriptedBrowser(), `${APP}/private`);
    assert.ok(!anonymous.allowed && anonymous.status === 302, 'login redirects are still built from the cached discovery');
    svc.update(new Map());
  } finally {
    if (!stopped) await stop();
  }
});
