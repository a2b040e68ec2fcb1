// The workspace's packages and their source files, for the repository-wide checks in this folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WorkspacePackage {
  name: string;
  /** Folder relative to the repository root. */
  dir: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  exports: Record<string, string>;
}

/** Every workspace the root package.json names (folder globs ending in `/*` expanded). */
export function workspacePackages(): WorkspacePackage[] {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs = root.workspaces.flatMap((w) =>
    w.endsWith('/*') ? readdirSync(join(ROOT, w.slice(0, -2))).map((d) => `${w.slice(0, -2)}/${d}`) : [w]);
  return dirs
    .filter((d) => statSync(join(ROOT, d, 'package.json'), { throwIfNoEntry: false })?.isFile())
    .map((dir) => {
      const p = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
      return {
        name: p.name,
        dir,
        dependencies: p.dependencies ?? {},
        devDependencies: p.devDependencies ?? {},
        peerDependencies: p.peerDependencies ?? {},
        exports: typeof p.exports === 'object' && p.exports ? p.exports : {},
      };
    });
}

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '__fixtures__', 'legacy']);

/** Source files of a package (relative to the repository root), without node_modules, builds and fixtures. */
export function sourceFiles(pkg: WorkspacePackage): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(`${dir}/${e.name}`);
      } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(`${dir}/${e.name}`);
    }
  };
  walk(pkg.dir);
  return out;
}

/** A test file, a test helper or a build/dev tool config: its imports may come from devDependencies. */
export function isDevFile(pkg: WorkspacePackage, file: string): boolean {
  const inPkg = relative(pkg.dir, file);
  return /(^|\/)test\//.test(inPkg) || /\.test\.tsx?$/.test(inPkg) || /^[^/]+\.config\.[mc]?[jt]s$/.test(inPkg) || inPkg.startsWith('scripts/');
}
