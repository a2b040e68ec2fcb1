// Real kubectl builds for the tests: `kubectl` on PATH and, beside its real path, `kubectl.1.27` … `kubectl.1.33`
// when the machine has them. The suite runs with the newest, and its version-sensitive parts with the oldest too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

function onPath(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** [oldest, newest] kubectl binaries (the same one twice when only one is installed); [] when none is. */
export function kubectlBuilds(): string[] {
  const found = onPath('kubectl');
  if (!found) return [];
  const dir = dirname(realpathSync(found));
  const versioned = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^kubectl\.1\.\d+$/.test(f))
        .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
        .map((f) => join(dir, f))
    : [];
  return versioned.length ? [versioned[0]!, versioned.at(-1)!] : [found, found];
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubectl(bin: string, kubeconfig: string, args: string[], opts: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig), ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
