// Building the web app with Vite, only when a build newer than every source is not there yet. `portico up` runs it
// before anything listens (so `npm start` on a fresh clone needs no separate step) and `npm test` runs it once
// before the test files (which then find the build fresh); the portal server only serves the directory.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

let inFlight: Promise<string> | null = null;

/** Builds the app unless the build is fresh (concurrent callers in one process share one build); its directory. */
export function ensureUiBuilt(options: { force?: boolean } = {}): Promise<string> {
  if (!options.force && uiBuildIsFresh()) return Promise.resolve(uiDistDir);
  inFlight ??= runViteBuild().then(() => uiDistDir).finally(() => {
    inFlight = null;
  });
  return inFlight;
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
