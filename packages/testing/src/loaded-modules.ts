// What a process loaded: a preload (`node --import <LOADED_MODULES_PRELOAD>`, or through NODE_OPTIONS so that
// cluster workers inherit it) records every module URL the process resolves, ESM imports and CommonJS requires
// alike (module.registerHooks), and on SIGUSR2 writes a report to <PORTICO_LOADED_MODULES_DIR>/<pid>.json: the
// URLs, process.memoryUsage() and V8's code statistics. The memory measurement of gateway workers
// (bench/gateway/worker-memory.ts) and the test that keeps backends out of a worker (packages/cli/test) read it.
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

export const LOADED_MODULES_PRELOAD = fileURLToPath(new URL('./loaded-modules-preload.ts', import.meta.url));
export const LOADED_MODULES_DIR_ENV = 'PORTICO_LOADED_MODULES_DIR';

export interface LoadedModulesReport {
  pid: number;
  /** Module URLs in the order they were first resolved (file: and node: URLs). */
  modules: string[];
  /** Module URL → the module that first imported or required it ('' for the entry): why a module is there. */
  importedBy: Record<string, string>;
  memoryUsage: NodeJS.MemoryUsage;
  /** v8.getHeapCodeStatistics(): bytecode, machine code and script source held by the heap. */
  heapCode: { code_and_metadata_size: number; bytecode_and_metadata_size: number; external_script_source_size: number };
}

export function readLoadedModulesReport(path: string): LoadedModulesReport {
  return JSON.parse(readFileSync(path, 'utf8')) as LoadedModulesReport;
}

/**
 * The packages a list of module URLs comes from: `name` or `@scope/name` for files under node_modules (the
 * innermost one), `@portico/<dir>` for the workspace's own packages/<dir>/; builtins and other files are left out.
 */
export function packagesOf(urls: readonly string[]): string[] {
  const names = new Set<string>();
  for (const url of urls) {
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    const nm = path.lastIndexOf('/node_modules/');
    if (nm >= 0) {
      const parts = path.slice(nm + '/node_modules/'.length).split('/');
      names.add(parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
      continue;
    }
    const own = /\/packages\/([^/]+)\//.exec(path);
    if (own) names.add(`@portico/${own[1]}`);
  }
  return [...names].sort();
}

/** The modules of `report` that belong to package `name` (as packagesOf names it). */
export function modulesOfPackage(report: LoadedModulesReport, name: string): string[] {
  return report.modules.filter((url) => packagesOf([url])[0] === name);
}

/** Why `url` was loaded: the chain of first importers from the entry down to it, as paths relative to `root`. */
export function importChain(report: LoadedModulesReport, url: string, root = ''): string[] {
  const chain: string[] = [];
  for (let u = url; u && !chain.includes(u); u = report.importedBy[u] ?? '') chain.unshift(u);
  return chain.map((u) => (u.startsWith('file:') ? fileURLToPath(u).replace(root, '') : u));
}

/**
 * The packages (as packagesOf names them) resolved while `load` runs, in this process: for a test, in a process of
 * its own (node --test runs each file in one), that an entry point leaves a heavy dependency out. What this process
 * had loaded before is resolved again from cache and counted too, so import the entry first.
 */
export async function packagesLoadedBy(load: () => Promise<unknown>): Promise<string[]> {
  const urls: string[] = [];
  const hooks = registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      urls.push(resolved.url);
      return resolved;
    },
  });
  try {
    await load();
  } finally {
    hooks.deregister();
  }
  return packagesOf(urls);
}
