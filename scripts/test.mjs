// The one test command: type-checks the workspace and lints it, then runs every package's tests with
// Node's own test runner on the pinned Node 24 (npm puts node_modules/.bin first on PATH).
// Usage: npm test [-- PATTERN…]   (patterns default to every package's test files)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const patterns = args.length ? args : ['packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'checks/**/*.test.ts'];

if (!args.length) {
  // The Node packages, the web app (DOM + JSX, bundler resolution) and the Backstage module (Backstage's types,
  // checked on their own because they are slow) have separate compiler settings.
  for (const project of ['tsconfig.json', 'packages/portal-ui/tsconfig.json', 'packages/backstage-plugin-catalog-backend-module-portico/tsconfig.json']) {
    const tsc = spawnSync('npx', ['--no-install', 'tsc', '-p', project], { cwd: root, stdio: 'inherit' });
    if (tsc.status !== 0) {
      console.error(`typecheck failed: ${project}`);
      process.exit(tsc.status ?? 1);
    }
  }
  const lint = spawnSync('npx', ['--no-install', 'eslint', '.'], { cwd: root, stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('lint failed (eslint.config.js)');
    process.exit(lint.status ?? 1);
  }
}

// The portal web app is built once here (when stale), so parallel test processes that serve it never build it.
const ui = spawnSync(process.execPath, ['packages/portal-ui/server/build-if-stale.ts'], { cwd: root, stdio: 'inherit' });
if (ui.status !== 0) {
  console.error('portal web app build failed');
  process.exit(ui.status ?? 1);
}

const r = spawnSync(
  process.execPath,
  // The watchdog fails, instead of hanging on, a test file whose process outlives its tests (a leaked handle).
  ['--import', './scripts/test-leak-watchdog.mjs', '--test', '--test-concurrency=2', '--test-timeout=300000', ...patterns],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
