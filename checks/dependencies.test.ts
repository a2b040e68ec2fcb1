// Every workspace package declares what it imports and imports what it declares: runtime code only from
// `dependencies`, tests and build configs also from `devDependencies`; a runtime dependency used only by tests
// belongs in `devDependencies`. Type packages (@types/*) and the few modules loaded by name are listed below.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { importedPackages } from './imports.ts';
import { isDevFile, ROOT, sourceFiles, workspacePackages } from './workspace.ts';

/** Declared but never imported by a literal specifier, with the reason it is still needed. */
const LOADED_BY_NAME: Record<string, Record<string, string>> = {
  '@portico/backstage-plugin-catalog-backend-module-portico': {
    pg: 'knex loads the driver named by `client: "pg"` (the PostgreSQL catalog tests)',
    'better-sqlite3': 'knex loads the driver named by `client: "better-sqlite3"` (the in-memory catalog tests)',
  },
};

const BUILTINS = new Set(builtinModules);

for (const pkg of workspacePackages()) {
  test(`${pkg.name}: package.json matches its imports`, () => {
    const runtime = new Set<string>();
    const dev = new Set<string>();
    for (const file of sourceFiles(pkg)) {
      for (const name of importedPackages(readFileSync(join(ROOT, file), 'utf8'))) {
        if (BUILTINS.has(name) || name === pkg.name) continue;
        (isDevFile(pkg, file) ? dev : runtime).add(name);
      }
    }
    const deps = Object.keys(pkg.dependencies);
    const devDeps = Object.keys(pkg.devDependencies);
    const byName = LOADED_BY_NAME[pkg.name] ?? {};
    const problems = [
      ...[...runtime].filter((n) => !(n in pkg.dependencies)).map((n) => `imports ${n} at run time but does not list it in dependencies`),
      ...[...dev].filter((n) => !(n in pkg.dependencies) && !(n in pkg.devDependencies)).map((n) => `imports ${n} in tests but lists it nowhere`),
      ...deps.filter((n) => !runtime.has(n) && dev.has(n)).map((n) => `lists ${n} in dependencies but only tests import it (devDependencies)`),
      ...[...deps, ...devDeps]
        .filter((n) => !runtime.has(n) && !dev.has(n) && !n.startsWith('@types/') && !(n in byName))
        .map((n) => `lists ${n} but never imports it`),
    ];
    assert.deepEqual(problems, [], `${pkg.dir}/package.json`);
  });
}

test('the import scanner sees every form of import', () => {
  const text = [
    "import a from 'pkg-a';",
    "import type { B } from '@scope/b/sub';",
    "export { c } from 'pkg-c';",
    "import 'pkg-d/side-effect';",
    "const e = await import('pkg-e');",
    "createRequire(import.meta.url).resolve('pkg-f/package.json');",
    "import {\n  g,\n} from 'pkg-g';",
    "import h from './relative.ts';",
    "import { readFileSync } from 'node:fs';",
    "// import x from 'commented-out';",
  ].join('\n');
  assert.deepEqual([...importedPackages(text)].sort(), ['@scope/b', 'pkg-a', 'pkg-c', 'pkg-d', 'pkg-e', 'pkg-f', 'pkg-g']);
});
