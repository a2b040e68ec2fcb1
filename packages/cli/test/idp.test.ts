// `portico idp` as a process: starts on an ephemeral port with the quickstart config, serves discovery with the
// product scopes and issues the quickstart client's token, and exits cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

it('portico idp serves the quickstart clients until SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-cli-idp-'));
  const child = spawn(process.execPath, [MAIN, 'idp', '--port', '0', '--state-dir', dir, '--scopes', 'orders']);
  try {
    let out = '';
    child.stderr.on('data', () => {}); // oidc-provider may warn; not part of the contract
    const issuer = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /^issuer (\S+)$/m.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; scopes_supported: string[] };
    assert.equal(doc.issuer, issuer);
    for (const s of ['petstore', 'tracks', 'orders']) assert.ok(doc.scopes_supported.includes(s), s);
    const res = await fetch(`${issuer}/token`, {
      method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'petstore tracks' }),
      headers: { authorization: `Basic ${Buffer.from('quickstart-client:quickstart-secret').toString('base64')}` },
    });
    assert.equal(res.status, 200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
