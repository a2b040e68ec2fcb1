import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
export const QUICKSTART = fileURLToPath(new URL('../../../examples/quickstart/', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node packages/cli/src/main.ts …args` as a real process. */
export function portico(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Starts `portico up …args` as a real process and resolves with its stdout once the banner is out. */
export async function startUp(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, [MAIN, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd, env: { ...process.env, ...opts.env } });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Press Ctrl+C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`up exited with ${code}: ${err}`)));
  });
  return { child, out: () => out };
}

/** GET `path` on the gateway with Host api.example.com (the walkthrough's host; fetch cannot set Host): the status. */
export function gatewayGet(gateway: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const u = new URL(gateway);
  return new Promise((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path, headers: { host: 'api.example.com', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}
