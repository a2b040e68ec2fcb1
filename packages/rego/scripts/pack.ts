// Builds the publishable npm package: Node does not strip types under node_modules, so the published package
// holds JavaScript and declarations compiled from src/ (tsc, tsconfig.build.json) with the README, CHANGELOG, docs/builtins.md and
// a package.json whose exports point at dist/. The workspace itself keeps importing src/ directly.
// Usage: node packages/rego/scripts/pack.ts [OUT_DIR]   → prints the path of the .tgz (npm pack) in OUT_DIR.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The package's publishable contents (dist/, README, CHANGELOG, package.json) in a new temp directory. */
export function stagePackage(): string {
  const stage = mkdtempSync(join(tmpdir(), 'portico-rego-pack-'));
  const tsc = spawnSync(process.execPath, [resolve(pkgDir, '../../node_modules/typescript/bin/tsc'), '-p', join(pkgDir, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  const src = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const published = {
    name: src.name,
    version: src.version,
    description: src.description,
    license: src.license,
    type: 'module',
    engines: { node: '>=20' },
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './cli': { types: './dist/cli/run.d.ts', default: './dist/cli/run.js' },
    },
    types: './dist/index.d.ts',
    bin: { rego: './dist/cli/main.js' },
    files: ['dist', 'docs', 'README.md', 'CHANGELOG.md'],
    dependencies: src.dependencies,
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(published, null, 2) + '\n');
  for (const f of ['README.md', 'CHANGELOG.md']) copyFileSync(join(pkgDir, f), join(stage, f));
  // the README links to the built-ins table
  mkdirSync(join(stage, 'docs'), { recursive: true });
  copyFileSync(join(pkgDir, 'docs', 'builtins.md'), join(stage, 'docs', 'builtins.md'));
  return stage;
}

export function pack(outDir: string): string {
  const stage = stagePackage();
  mkdirSync(outDir, { recursive: true });
  const npm = spawnSync('npm', ['pack', '--silent', '--pack-destination', resolve(outDir)], { cwd: stage, encoding: 'utf8' });
  if (npm.status !== 0) throw new Error(`npm pack failed:\n${npm.stderr}`);
  return join(resolve(outDir), npm.stdout.trim().split('\n').pop()!);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(pack(process.argv[2] ?? process.cwd()));
