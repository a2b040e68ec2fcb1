// `portico token` against a real development IdP: prints a verifiable JWT access token carrying the requested
// scopes; an unknown scope or a wrong secret is a clear error with a non-zero exit.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { startIdp, type RunningIdp } from '@portico/idp';
import { register } from '../src/commands/token.ts';
import type { CliIO } from '../src/context.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

async function runInProcess(args: string[]): Promise<{ out: string; error?: { code: string; message: string } }> {
  let out = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: () => {}, stdin: async () => '' };
  const program = new Command().exitOverride();
  register(program, io);
  try {
    await program.parseAsync(['node', 'portico', 'token', ...args]);
    return { out };
  } catch (err) {
    const e = err as { code: string; message: string };
    return { out, error: { code: e.code, message: e.message } };
  }
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('portico token', () => {
  let idp: RunningIdp;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-cli-token-'));
    idp = await startIdp({
      port: 0, stateDir: dir,
      config: { scopes: ['petstore', 'tracks'],
        clients: [{ clientId: 'quickstart-client', clientSecret: 'quickstart-secret', grantTypes: ['client_credentials'], scopes: ['*'] }] },
    });
  });
  after(async () => {
    await idp.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints an access token with the requested scopes', async () => {
    const r = await runInProcess(['--client-id', 'quickstart-client', '--client-secret', 'quickstart-secret',
      '--scope', 'petstore tracks', '--issuer', idp.issuer]);
    assert.equal(r.error, undefined, r.error?.message);
    const token = r.out.trim();
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${idp.url}/jwks`)), { issuer: idp.issuer, typ: 'at+jwt' });
    assert.deepEqual(String(payload.scope).split(' ').sort(), ['petstore', 'tracks']);
  });

  it('reports an unknown scope and a wrong secret as errors', async () => {
    const bad = await runInProcess(['--client-id', 'quickstart-client', '--client-secret', 'quickstart-secret',
      '--scope', 'admin', '--issuer', idp.issuer]);
    assert.equal(bad.error?.code, 'CLI_SERVER_ERROR');
    assert.match(bad.error!.message, /invalid_scope/);
    assert.equal(bad.out, '');
    const wrong = await runInProcess(['--client-id', 'quickstart-client', '--client-secret', 'nope', '--issuer', idp.issuer]);
    assert.match(wrong.error!.message, /invalid_client/);
    const down = await runInProcess(['--client-id', 'x', '--client-secret', 'y', '--issuer', 'http://127.0.0.1:1']);
    assert.equal(down.error?.code, 'CLI_SERVER_UNREACHABLE');
  });

  it('works as a spawned `portico token` process', async () => {
    const r = await runCli(['token', '--client-id', 'quickstart-client', '--scope', 'tracks', '--issuer', idp.issuer],
      { PORTICO_CLIENT_SECRET: 'quickstart-secret' });
    assert.equal(r.code, 0, r.stderr);
    const { payload } = await jwtVerify(r.stdout.trim(), createRemoteJWKSet(new URL(`${idp.url}/jwks`)), { issuer: idp.issuer });
    assert.equal(payload.scope, 'tracks');
    const bad = await runCli(['token', '--client-id', 'quickstart-client', '--client-secret', 'quickstart-secret', '--scope', 'nope', '--issuer', idp.issuer]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /invalid_scope/);
  });
});
