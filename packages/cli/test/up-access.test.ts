// Who may reach what portico up starts (issue 11 item 2): one token in the state directory guards the admin API and
// the Kubernetes API; a non-loopback admin bind keeps the token and says so; --insecure-admin drops it and warns on
// every start. (The control plane itself refuses a non-loopback bind without a token: admin-api.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { adminGuard, kubeconfigExport } from '../src/up/kube.ts';
import { resolveUpSettings } from '../src/up/settings.ts';
import { tokenFromKubeconfig } from '../src/token.ts';

test('up: a token always, a note for a non-loopback bind, a warning on every start with --insecure-admin', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-access-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const local = adminGuard(resolveUpSettings({ stateDir: dir }, {}));
  assert.equal(local.guard.token, local.token);
  assert.equal(readFileSync(join(dir, 'token'), 'utf8').trim(), local.token);
  assert.equal(statSync(join(dir, 'token')).mode & 0o077, 0, 'the token file is private');
  assert.deepEqual(local.notes, []);
  assert.equal(adminGuard(resolveUpSettings({ stateDir: dir }, {})).token, local.token, 'the same token on the next start');

  const exposed = adminGuard(resolveUpSettings({ stateDir: dir, adminHost: '0.0.0.0' }, {}));
  assert.equal(exposed.guard.token, local.token);
  assert.match(exposed.notes.join('\n'), /admin API listens on 0\.0\.0\.0; every request must carry the bearer token/);

  for (let start = 0; start < 2; start++) {
    const insecure = adminGuard(resolveUpSettings({ stateDir: dir, adminHost: '0.0.0.0', insecureAdmin: true }, {}));
    assert.deepEqual(insecure.guard, { token: null, insecure: true });
    assert.match(insecure.notes.join('\n'), /^WARNING: --insecure-admin: the admin API at 0\.0\.0\.0:9900 takes no token/m);
  }
});

test('the CLI reads the token of the kubeconfig portico up writes; the banner line points kubectl at it', () => {
  const text = 'apiVersion: v1\nkind: Config\nusers:\n- name: other\n  user: {token: nope}\n- name: portico\n  user: {token: abc}\ncontexts:\n- name: portico\n  context: {cluster: portico, user: portico}\ncurrent-context: portico\n';
  assert.equal(tokenFromKubeconfig(text), 'abc');
  assert.equal(kubeconfigExport('/work/x/.portico/kubeconfig', '/work/x'), 'export KUBECONFIG=$PWD/.portico/kubeconfig');
  assert.equal(kubeconfigExport('/elsewhere/kubeconfig', '/work/x'), 'export KUBECONFIG=/elsewhere/kubeconfig');
});
