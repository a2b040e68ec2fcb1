import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const uiDistDir = join(packageDir, 'dist');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function uiBuildIsFresh(): boolean {
  const index = join(uiDistDir, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(join(packageDir, 'src')),
    newestMtime(join(packageDir, 'index.html')),
    newestMtime(join(packageDir, 'vite.config.ts')),
  );
  return statSync(index).mtimeMs >= sources;
}

let inFlight: Promise<void> | null = null;

/**
 * Builds the app with Vite unless a build newer than every source exists. Concurrent callers share one build;
 * so do other processes (test files run in parallel, each starting a portal server): a lock file next to dist/
 * lets one build while the others wait and then find the build fresh.
 */
export function ensureUiBuilt(options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && uiBuildIsFresh()) return Promise.resolve();
  inFlight ??= withBuildLock(() => (!options.force && uiBuildIsFresh() ? Promise.resolve() : runViteBuild())).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const lockFile = join(packageDir, '.build.lock');

function lockHolderAlive(): boolean {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (!pid) return true; // being written right now
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // ESRCH: the holder died without removing its lock; EPERM: alive but not ours; ENOENT: just released.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function withBuildLock(build: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!lockHolderAlive()) {
        try {
          unlinkSync(lockFile);
        } catch {
          // another waiter removed it first
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error(`portal-ui build: ${lockFile} is held by another process for more than 5 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    await build();
  } finally {
    try {
      unlinkSync(lockFile);
    } catch {
      // already gone
    }
  }
}

function runViteBuild(): Promise<void> {
  const viteBin = join(packageDir, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'error'], { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`portal-ui build failed (exit ${code}): ${stderr.trim()}`))));
  });
}
