// examples/backstage as a process, exactly as `npm run backstage` starts it (its own app-config.yaml: SQLite in
// memory, anonymous catalog API, no portal credentials), pointed at a real Portico portal server on an ephemeral port.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startPorticoEnv, type PorticoEnv } from './portico-env.ts';

const EXAMPLE = new URL('../../../examples/backstage/', import.meta.url);

/** A free loopback port: Backstage logs its configured port, so the test chooses one rather than passing 0. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('examples/backstage (npm run backstage)', () => {
  let portico: PorticoEnv;
  let app: ChildProcess;
  let url: string;
  let output = '';
  before(async () => {
    portico = await startPorticoEnv(['portal.yaml']);
    const chosen = await freePort();
    app = spawn(process.execPath, ['src/index.ts', '--config', 'app-config.yaml'], {
      cwd: EXAMPLE, env: { ...process.env, BACKSTAGE_PORT: String(chosen), PORTAL_SERVER_URL: portico.portalServerUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /Listening on :(\d+)/.exec(output);
        if (m) resolve(m[1] as string);
      };
      app.stdout?.on('data', onData);
      app.stderr?.on('data', onData);
      app.once('exit', (code) => reject(new Error(`example exited with ${code}:\n${output}`)));
    });
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await once(app, 'exit');
    }
    await portico?.close();
  });

  it('lists petstore-v1 and tracks-v1 on its catalog API without credentials', async () => {
    const deadline = Date.now() + 60_000;
    let names: string[] = [];
    let status = 0;
    while (Date.now() < deadline) {
      // 404 until the catalog plugin has initialised (the HTTP server listens first).
      const res = await fetch(`${url}/api/catalog/entities?filter=kind=api`);
      status = res.status;
      if (status === 200) names = ((await res.json()) as { metadata: { name: string } }[]).map((e) => e.metadata.name).sort();
      else await res.body?.cancel();
      if (names.length === 2) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(status, 200, 'anonymous access in the development example');
    assert.deepEqual(names, ['petstore-v1', 'tracks-v1'], output.slice(-2000));
    assert.match(output, /reading http:\/\/127\.0\.0\.1:\d+\/v1 anonymously/);
    assert.match(output, /cadence":"PT10S"/, 'syncs every 10 seconds');
  });
});
